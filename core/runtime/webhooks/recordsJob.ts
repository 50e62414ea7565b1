/**
 * Runs a `RecordsJob`: a webhook named records of an inbound flow's stream. They are re-read from
 * the vendor (the event body is never trusted as data), merged into the hub like any page, and
 * the outbound flows of the same entity run at once, so a shop order reaches the ERP within
 * seconds instead of at the next scheduled run. Polling stays the reconciliation path: the merge
 * refuses an older copy from the same system, so a poll never overwrites the webhook's version.
 */
import { Data, Effect } from "effect"
import type { ConnectorError } from "../../connector/index.ts"
import type { RunCounts, StateError, StateStore } from "../../state/index.ts"
import { type FlowResult, type InboundFlow, type OutboundFlow, processInboundPage, runFlow } from "../../sync/index.ts"
import type { App } from "../app.ts"
import type { RecordsJob } from "../jobs.ts"

/** A records job that cannot run (its flow is gone or cannot read by id), or whose outbound flows failed. */
export class RecordsJobError extends Data.TaggedError("RecordsJobError")<{
  readonly flow: string
  readonly eventId: string
  readonly detail: string
}> {
  override get message() {
    return `Webhook event ${this.eventId} for flow ${this.flow}: ${this.detail}`
  }
}

export interface RecordsJobResult {
  readonly flow: string
  readonly eventId: string
  /** The inbound page's counts (read = records the vendor still has). */
  readonly inbound: RunCounts
  /** Named records the vendor no longer has (deleted since the event): nothing to merge. */
  readonly missing: ReadonlyArray<string>
  /** One result per outbound flow of the entity, in config order. */
  readonly outbound: ReadonlyArray<FlowResult>
}

export interface RecordsJobOptions {
  /**
   * Runs one outbound flow; default `runFlow` (recorded in the run history, never fails). A worker
   * passes one that holds the flow's lock, so a scheduled run of the same flow does not race it.
   */
  readonly runOutbound?: (flow: OutboundFlow) => Effect.Effect<FlowResult, never, StateStore>
}

export type RecordsJobFailure = RecordsJobError | ConnectorError | StateError

/** The outbound flows fed by an entity, in config order. */
export const outboundFlowsOf = (app: App, entity: string): ReadonlyArray<OutboundFlow> =>
  app.flows.filter((f): f is OutboundFlow => f.kind === "outbound" && f.entity === entity)

/**
 * Re-reads the job's records, merges them into the hub without touching the flow's cursor, then
 * runs every outbound flow of the entity. Fails (so the queue retries it) when the vendor or the
 * state cannot be reached, or when an outbound flow failed; re-running is idempotent.
 */
export const processRecordsJob = (
  app: App,
  job: RecordsJob,
  options: RecordsJobOptions = {},
): Effect.Effect<RecordsJobResult, RecordsJobFailure, StateStore> =>
  Effect.gen(function* () {
    const fail = (detail: string) => new RecordsJobError({ flow: job.flow, eventId: job.eventId, detail })
    const found = app.flows.find((f) => f.name === job.flow)
    if (found === undefined) return yield* fail("no such flow in the config (renamed or removed since it was queued)")
    if (found.kind !== "inbound") return yield* fail("is not an inbound flow")
    const flow: InboundFlow = found
    const readByIds = flow.stream.readByIds
    if (readByIds === undefined) {
      return yield* fail(`stream ${flow.streamName} of ${flow.system.connector.name} cannot read records by id`)
    }

    const raws = job.externalIds.length > 0 ? yield* readByIds(flow.system.context, job.externalIds) : []
    const seen = new Set<string>()
    for (const raw of raws) {
      try {
        seen.add(flow.stream.idOf(raw))
      } catch {
        // a record without a readable id goes to the DLQ in processInboundPage
      }
    }
    const missing = job.externalIds.filter((id) => !seen.has(id))
    // No cursor: the flow's polling position is not this job's to move.
    const inbound = yield* processInboundPage(flow, raws)
    yield* Effect.logInfo(
      `webhook event ${job.eventId}: ${flow.name} read ${inbound.read}, created ${inbound.created}, updated ${inbound.updated}`,
    )

    const runOutbound = options.runOutbound ?? ((f: OutboundFlow) => runFlow(f))
    // Always, even when nothing changed here: a retry after a failed outbound run must deliver.
    const outbound = yield* Effect.forEach(outboundFlowsOf(app, flow.entity), runOutbound)
    const failed = outbound.filter((r) => r.status === "failed")
    if (failed.length > 0) {
      return yield* fail(
        `the hub has the records, but ${failed.map((r) => `${r.flow} failed (${r.error ?? "unknown error"})`).join("; ")}`,
      )
    }
    return { flow: flow.name, eventId: job.eventId, inbound, missing, outbound }
  }).pipe(Effect.annotateLogs({ flow: job.flow, eventId: job.eventId }))
