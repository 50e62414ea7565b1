import { Data, type Effect } from "effect"
import type { WebhookDelivery } from "../connector/index.ts"

/**
 * The contract between whoever enqueues work (`esl sync` with a queue, `esl daemon`'s schedules
 * and webhooks) and whoever does it (`esl worker`, or the in-process runner).
 */

/** BullMQ queue name (prefixed by `esl` in Redis keys). */
export const FLOW_QUEUE = "esl-flows"

/** Run one flow from its cursor (the normal scheduled or manual run). */
export interface FlowRunJob {
  readonly kind: "flow-run"
  readonly flow: string
  readonly full?: boolean
  readonly trigger: "schedule" | "manual" | "webhook"
  /** For scheduled runs: the cron tick this run belongs to (ISO), so replicas collapse into one job. */
  readonly tick?: string
}

/** Re-read named records of an inbound flow (a webhook said they changed), then run the outbound flows of that entity. */
export interface RecordsJob {
  readonly kind: "records"
  readonly flow: string
  readonly externalIds: ReadonlyArray<string>
  /** The vendor's event id, for tracing; de-duplication happened before enqueueing. */
  readonly eventId: string
}

export type Job = FlowRunJob | RecordsJob

/**
 * The job id of a scheduled run: the same for every daemon replica that fires the same tick, so
 * BullMQ keeps one job and the tick runs once. (BullMQ job ids may not contain ':'.)
 */
export const scheduledJobId = (flow: string, tick: Date): string => `tick|${flow}|${tick.toISOString()}`

/** What the daemon's HTTP server answers to a webhook delivery. */
export interface WebhookAnswer {
  readonly status: number
  readonly body: Readonly<Record<string, unknown>>
}

/**
 * Handles `POST /webhooks/<system>`: verify the vendor's signature and freshness, de-duplicate by
 * the vendor's event id, enqueue a RecordsJob per event. A rejected delivery answers 401 and
 * leaves no trace in the hub.
 */
export type WebhookHandler = (system: string, delivery: WebhookDelivery) => Effect.Effect<WebhookAnswer>

/** How many jobs wait, run, wait for a retry, and failed for good. */
export interface QueueDepth {
  readonly waiting: number
  readonly active: number
  readonly delayed: number
  readonly failed: number
}

/** Where jobs go: in this process (embedded default) or BullMQ on Redis (REDIS_URL). */
export interface JobQueue {
  readonly kind: "in-process" | "bullmq"
  /** Adds a job; with an explicit `jobId` a second add of the same id is a no-op (`duplicate: true`). */
  readonly enqueue: (
    job: Job,
    options?: { readonly jobId?: string },
  ) => Effect.Effect<{ readonly jobId: string; readonly duplicate: boolean }, QueueError>
  readonly depth: () => Effect.Effect<QueueDepth, QueueError>
  readonly close: () => Effect.Effect<void>
}

/** The queue backend failed (Redis unreachable, script error). */
export class QueueError extends Data.TaggedError("QueueError")<{
  readonly operation: string
  readonly detail: string
}> {
  override get message() {
    return `Job queue failed during ${this.operation}: ${this.detail}. Check that Redis is reachable at REDIS_URL.`
  }
}
