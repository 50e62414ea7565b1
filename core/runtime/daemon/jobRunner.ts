import { Data, Effect } from "effect"
import type { RunCounts, StateStore } from "../../state/index.ts"
import { type FlowResult, runFlow } from "../../sync/index.ts"
import type { App } from "../app.ts"
import type { Job } from "../jobs.ts"
import { processRecordsJob, type RecordsJobFailure } from "../webhooks/index.ts"

/** A flow-run job names a flow the config does not have (renamed or removed since it was enqueued). */
export class UnknownFlowJob extends Data.TaggedError("UnknownFlowJob")<{
  readonly flow: string
  readonly jobId: string
  readonly known: ReadonlyArray<string>
}> {
  override get message() {
    return `Job ${this.jobId} names flow "${this.flow}", which the config does not have (flows: ${this.known.join(", ")}). It was dropped.`
  }
}

export interface JobRunnerOptions {
  readonly app: App
  /** Called with every finished flow run (metrics). */
  readonly onResult?: (result: FlowResult) => void
  /** Called with the counts of a webhook's re-read records (metrics). */
  readonly onRecords?: (flow: string, counts: RunCounts) => void
}

const logResult = (result: FlowResult) =>
  (result.status === "failed" ? Effect.logError("flow run failed") : Effect.logInfo("flow run finished")).pipe(
    Effect.annotateLogs({
      flow: result.flow,
      runId: result.runId,
      status: result.status,
      durationMs: result.durationMs,
      ...result.counts,
      ...(result.error !== undefined ? { error: result.error } : {}),
    }),
  )

/**
 * Does one job in this process: a `flow-run` runs its flow from the cursor (or in full); a
 * `records` job re-reads the records a webhook named and runs the entity's outbound flows
 * (`processRecordsJob`). Returns every flow run it made, in order.
 */
export const runJob = (
  options: JobRunnerOptions,
  job: Job,
  jobId: string,
): Effect.Effect<ReadonlyArray<FlowResult>, UnknownFlowJob | RecordsJobFailure, StateStore> => {
  const report = (result: FlowResult) =>
    Effect.sync(() => options.onResult?.(result)).pipe(Effect.zipRight(logResult(result)))
  const work = Effect.gen(function* () {
    if (job.kind === "records") {
      const done = yield* processRecordsJob(options.app, job)
      options.onRecords?.(done.flow, done.inbound)
      yield* Effect.logInfo("webhook records merged").pipe(
        Effect.annotateLogs({ flow: done.flow, missing: done.missing.length, ...done.inbound }),
      )
      yield* Effect.forEach(done.outbound, report, { discard: true })
      return done.outbound
    }
    const flow = options.app.flows.find((f) => f.name === job.flow)
    if (!flow) {
      return yield* new UnknownFlowJob({ flow: job.flow, jobId, known: options.app.flows.map((f) => f.name) })
    }
    const result = yield* runFlow(flow, job.full !== undefined ? { full: job.full } : {})
    yield* report(result)
    return [result]
  })
  return work.pipe(
    Effect.annotateLogs({
      jobId,
      flow: job.flow,
      trigger: job.kind === "flow-run" ? job.trigger : "webhook",
      ...(job.kind === "flow-run" && job.tick !== undefined ? { tick: job.tick } : {}),
      ...(job.kind === "records" ? { eventId: job.eventId } : {}),
    }),
  )
}
