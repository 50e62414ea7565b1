import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { withState } from "../../core/runtime/app.ts"
import { StateStore } from "../../core/state/index.ts"
import { replayAll, replayDeadLetter } from "../../core/sync/index.ts"
import { loadApp } from "../app.ts"
import { configOption, jsonOption } from "../options.ts"
import { printJson, table } from "../output.ts"
import { CliFailure } from "./failure.ts"

const flowFilter = Options.text("flow").pipe(Options.optional, Options.withDescription("only this flow's entries"))
const statusFilter = Options.choice("status", ["open", "replayed", "resolved", "all"]).pipe(
  Options.withDefault("open" as const),
  Options.withDescription("which entries to list"),
)

const list = Command.make(
  "list",
  { config: configOption, json: jsonOption, flow: flowFilter, status: statusFilter },
  (o) =>
    Effect.gen(function* () {
      const app = yield* loadApp(o.config)
      const entries = yield* withState(
        app,
        Effect.flatMap(StateStore, (store) =>
          store.listDeadLetters({
            ...(o.status !== "all" ? { status: o.status } : {}),
            ...(Option.isSome(o.flow) ? { flow: o.flow.value } : {}),
          }),
        ),
      )
      if (o.json) return printJson({ deadLetters: entries })
      if (entries.length === 0) return void process.stdout.write("The dead-letter queue is empty.\n")
      process.stdout.write(
        `${table(
          ["id", "flow", "entity", "record", "attempts", "reason"],
          entries.map((e) => [
            e.id,
            e.flow,
            e.entity,
            e.recordKey,
            e.attempts,
            `${e.path ? `${e.path}: ` : ""}${e.reason}`.slice(0, 120),
          ]),
        )}\n`,
      )
    }),
).pipe(Command.withDescription("list dead letters"))

const idArg = Args.integer({ name: "id" })

const show = Command.make("show", { config: configOption, id: idArg }, (o) =>
  Effect.gen(function* () {
    const app = yield* loadApp(o.config)
    const entry = yield* withState(
      app,
      Effect.flatMap(StateStore, (store) => store.getDeadLetter(o.id)),
    )
    if (!entry) return yield* new CliFailure({ message: `No dead letter ${o.id}. List them with \`esl dlq list\`.` })
    printJson(entry)
  }),
).pipe(Command.withDescription("show one dead letter with its record, reason and JSON path"))

const replay = Command.make(
  "replay",
  {
    config: configOption,
    json: jsonOption,
    id: Args.integer({ name: "id" }).pipe(Args.optional),
    all: Options.boolean("all").pipe(Options.withDescription("replay every open entry")),
    flow: flowFilter,
  },
  (o) =>
    Effect.gen(function* () {
      const app = yield* loadApp(o.config)
      if (Option.isNone(o.id) && !o.all)
        return yield* new CliFailure({ message: "Name an entry (`esl dlq replay 12`) or pass --all" })
      const results = yield* withState(
        app,
        Option.isSome(o.id)
          ? Effect.map(Effect.either(replayDeadLetter(app.flows, o.id.value)), (r) => [r])
          : replayAll(app.flows, Option.isSome(o.flow) ? { flow: o.flow.value } : {}),
      )
      const report = results.map((r) => (r._tag === "Right" ? r.right : { resolved: false, reason: r.left.message }))
      const stillFailing = report.filter((r) => !r.resolved).length
      if (o.json) printJson({ replayed: report })
      else {
        for (const r of report) {
          process.stdout.write(
            `${r.resolved ? "✔" : "✖"} ${"id" in r ? `#${r.id} ${r.flow}` : ""} ${r.resolved ? "resolved" : `still failing: ${r.reason}`}\n`,
          )
        }
      }
      if (stillFailing > 0) process.exitCode = 2
    }),
).pipe(Command.withDescription("send dead letters through their flow again, after a fix"))

export const dlqCommand = Command.make("dlq").pipe(
  Command.withSubcommands([list, show, replay]),
  Command.withDescription("the dead-letter queue: records that failed, with reason and path"),
)
