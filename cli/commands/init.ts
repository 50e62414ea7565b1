import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { landscapeConfig } from "../landscapeConfig.ts"
import { starterConfig } from "../starterConfig.ts"
import { CliFailure } from "./failure.ts"

const packageNameHere = (): string => {
  // Inside esl's own checkout the config imports the package by name too (exports map), so the
  // same file works in a user's project that installed eslayer.
  try {
    const pkg = JSON.parse(readFileSync(resolve("package.json"), "utf8")) as { name?: unknown }
    return pkg.name === "eslayer" ? "eslayer" : "eslayer"
  } catch {
    return "eslayer"
  }
}

export const initCommand = Command.make(
  "init",
  {
    file: Options.text("file").pipe(
      Options.withDefault("esl.config.ts"),
      Options.withDescription("where to write the config"),
    ),
    force: Options.boolean("force").pipe(Options.withDescription("overwrite an existing file")),
    landscape: Options.boolean("landscape").pipe(
      Options.withDescription("the whole omnichannel landscape: PIM, ERP, CRM, three shops, two marketplaces"),
    ),
  },
  (o) =>
    Effect.gen(function* () {
      const path = resolve(o.file)
      if (existsSync(path) && !o.force) {
        return yield* new CliFailure({ message: `${o.file} already exists; pass --force to overwrite it` })
      }
      if (o.landscape) {
        writeFileSync(path, landscapeConfig(packageNameHere()))
        process.stdout.write(
          `Wrote ${o.file}. Next:\n  esl sandbox all   # every sandbox, in another terminal\n  esl sync\n`,
        )
        return
      }
      writeFileSync(path, starterConfig(packageNameHere()))
      process.stdout.write(
        `Wrote ${o.file}. Next:\n  esl sandbox odoo --port 4011     # the ERP, in another terminal\n  esl sandbox shopify --port 4010  # the shop, in another terminal\n  esl sync\n`,
      )
    }),
).pipe(Command.withDescription("write a starter esl.config.ts wired to the sandboxes"))
