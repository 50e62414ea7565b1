import { Args, Command } from "@effect/cli"
import { Effect, Option } from "effect"
import { loadApp } from "../app.ts"
import { configOption, jsonOption } from "../options.ts"
import { printJson } from "../output.ts"
import { CliFailure } from "./failure.ts"

export const checkCommand = Command.make(
  "check",
  { config: configOption, json: jsonOption, system: Args.text({ name: "system" }).pipe(Args.optional) },
  (o) =>
    Effect.gen(function* () {
      const app = yield* loadApp(o.config)
      const names = Option.isSome(o.system) ? [o.system.value] : [...app.systems.keys()]
      const results = yield* Effect.forEach(names, (name) =>
        Effect.gen(function* () {
          const system = app.systems.get(name)
          if (!system) {
            return yield* new CliFailure({
              message: `No system "${name}" in ${o.config}; systems: ${[...app.systems.keys()].join(", ")}`,
            })
          }
          const outcome = yield* Effect.either(system.connector.check(system.context))
          return outcome._tag === "Right"
            ? { system: name, connector: system.connector.name, ok: true, detail: outcome.right.detail }
            : {
                system: name,
                connector: system.connector.name,
                ok: false,
                detail: system.context.http.redactor.string(outcome.left.message),
              }
        }),
      )
      if (o.json) printJson({ checks: results })
      else
        for (const r of results) process.stdout.write(`${r.ok ? "✔" : "✖"} ${r.system} (${r.connector}): ${r.detail}\n`)
      if (results.some((r) => !r.ok)) process.exitCode = 1
    }),
).pipe(Command.withDescription("verify credentials and reachability of one or every system"))
