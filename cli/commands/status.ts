import { Command } from "@effect/cli"
import { Effect } from "effect"
import { withState } from "../../core/runtime/app.ts"
import { nextRunOf } from "../../core/runtime/daemon/scheduler.ts"
import type { QueueDepth } from "../../core/runtime/jobs.ts"
import { bullmqQueue } from "../../core/runtime/queue/bullmq.ts"
import { queueConfigOf, queuePrefixOf } from "../../core/runtime/queue/config.ts"
import { StateStore } from "../../core/state/index.ts"
import { loadApp } from "../app.ts"
import { configOption, jsonOption } from "../options.ts"
import { printJson, table } from "../output.ts"

export const statusCommand = Command.make("status", { config: configOption, json: jsonOption }, (options) =>
  Effect.gen(function* () {
    const app = yield* loadApp(options.config)
    const rows = yield* withState(
      app,
      Effect.gen(function* () {
        const store = yield* StateStore
        return yield* Effect.forEach(app.flows, (flow) =>
          Effect.gen(function* () {
            const [last] = yield* store.listRuns({ flow: flow.name, limit: 1 })
            const cursor = yield* store.getCursor(flow.name)
            const dlq = yield* store.countDeadLetters({ flow: flow.name, status: "open" })
            const lag =
              flow.kind === "outbound"
                ? (yield* store.lastChangeSeq(flow.entity)) - ((cursor as { seq?: number } | undefined)?.seq ?? 0)
                : undefined
            return { flow, last, cursor, dlq, lag }
          }),
        )
      }),
    )
    // Queue depth only exists when jobs go through Redis; an unreachable Redis is reported, not fatal.
    const queueConfig = queueConfigOf(app.config, process.env)
    const depth: QueueDepth | string | null =
      queueConfig.kind === "bullmq"
        ? yield* Effect.acquireUseRelease(
            Effect.sync(() => bullmqQueue(queueConfig.url, { prefix: queuePrefixOf(process.env) })),
            (queue) => Effect.catchAll(queue.depth(), (e) => Effect.succeed(e.message)),
            (queue) => queue.close(),
          )
        : null
    const nextRun = (schedule: string | undefined) =>
      schedule ? (nextRunOf(schedule)?.toISOString() ?? "invalid") : null
    if (options.json) {
      printJson({
        state: app.stateDescription,
        flows: Object.fromEntries(
          rows.map((r) => [
            r.flow.name,
            {
              kind: r.flow.kind,
              system: r.flow.system.name,
              entity: r.flow.entity,
              schedule: r.flow.schedule ?? null,
              nextRun: nextRun(r.flow.schedule),
              lastRun: r.last ?? null,
              cursor: r.cursor ?? null,
              pendingChanges: r.lag ?? null,
              deadLetters: r.dlq,
            },
          ]),
        ),
        queue: queueConfig.kind === "bullmq" ? { kind: "bullmq", depth } : { kind: "in-process" },
      })
      return
    }
    process.stdout.write(
      `State: ${app.stateDescription}\n${table(
        ["flow", "entity", "last run", "status", "read", "failed", "next run", "pending changes", "open DLQ"],
        rows.map((r) => [
          r.flow.name,
          r.flow.entity,
          r.last?.startedAt ?? "never",
          r.last?.status ?? "-",
          r.last?.counts.read ?? 0,
          r.last?.counts.failed ?? 0,
          nextRun(r.flow.schedule) ?? "-",
          r.lag === undefined ? "-" : String(r.lag),
          r.dlq,
        ]),
      )}\n${
        queueConfig.kind === "bullmq"
          ? `Queue: ${typeof depth === "string" || depth === null ? `unavailable (${depth})` : `${depth.waiting} waiting, ${depth.active} active, ${depth.delayed} delayed, ${depth.failed} failed`}\n`
          : "Queue: in-process\n"
      }`,
    )
  }),
).pipe(Command.withDescription("per flow: last run, pending changes (outbound lag) and open dead letters"))
