import { Command } from "@effect/cli"
import { Effect } from "effect"
import { stateConfigOf } from "../../core/runtime/app.ts"
import {
  describePostgresError,
  migratePostgres,
  openSqliteStateStore,
  redactDatabaseUrl,
} from "../../core/state/index.ts"
import { loadApp } from "../app.ts"
import { configOption, jsonOption } from "../options.ts"
import { printJson } from "../output.ts"
import { CliFailure } from "./failure.ts"

export const migrateCommand = Command.make("migrate", { config: configOption, json: jsonOption }, (o) =>
  Effect.gen(function* () {
    const app = yield* loadApp(o.config)
    const state = stateConfigOf(app.config, process.env)
    if (state.kind === "postgres") {
      const result = yield* Effect.tryPromise({
        try: () => migratePostgres(state.url, state.schema !== undefined ? { schema: state.schema } : {}),
        catch: (e) =>
          new CliFailure({ message: `Migrating ${redactDatabaseUrl(state.url)} failed: ${describePostgresError(e)}` }),
      })
      if (o.json) return printJson({ state: app.stateDescription, ...result })
      process.stdout.write(
        result.applied.length > 0
          ? `Applied migration(s) ${result.applied.join(", ")} to ${app.stateDescription}\n`
          : `${app.stateDescription} is up to date (version ${Math.max(0, ...result.versions)})\n`,
      )
      return
    }
    // SQLite migrates when it is opened: opening it once is the migration.
    const file = app.stateDescription.replace(/^sqlite:/, "")
    yield* Effect.try({
      try: () => Effect.runSync(openSqliteStateStore(file).close()),
      catch: (e) =>
        new CliFailure({ message: `Migrating ${file} failed: ${e instanceof Error ? e.message : String(e)}` }),
    })
    if (o.json) printJson({ state: app.stateDescription, applied: "up to date" })
    else process.stdout.write(`${app.stateDescription} is up to date\n`)
  }),
).pipe(Command.withDescription("bring the state database's schema up to date (also done at start)"))
