import { Effect } from "effect"
import { processInboundPage, runFlow } from "../../sync/index.ts"
import type { App } from "../app.ts"
import { withState } from "../app.ts"
import type { Job } from "../jobs.ts"

/**
 * What the in-process queue runs: a job done here and now, as `esl sync` would, without
 * splitting (there is no one to share the work with). Pass it to `inProcessQueue`:
 *
 *   const queue = inProcessQueue(runJobLocally(app))
 */
export const runJobLocally =
  (app: App) =>
  (job: Job): Effect.Effect<unknown, unknown> =>
    Effect.gen(function* () {
      const flow = app.flows.find((f) => f.name === job.flow)
      if (!flow) return yield* Effect.fail(new Error(`no flow "${job.flow}" in the config`))
      if (job.kind === "flow-run") {
        return yield* withState(app, runFlow(flow, job.full !== undefined ? { full: job.full } : {}))
      }
      if (flow.kind !== "inbound" || !flow.stream.readByIds)
        return yield* Effect.fail(new Error(`flow ${flow.name} cannot re-read records by id`))
      const read = flow.stream.readByIds
      const counts = yield* withState(
        app,
        Effect.flatMap(read(flow.system.context, job.externalIds), (raws) => processInboundPage(flow, raws)),
      )
      // A webhook's records go on to every target of their entity, as with the distributed worker.
      for (const target of app.flows) {
        if (target.kind === "outbound" && target.entity === flow.entity) yield* withState(app, runFlow(target))
      }
      return counts
    })
