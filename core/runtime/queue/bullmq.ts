import { randomUUID } from "node:crypto"
import { Queue } from "bullmq"
import { Effect } from "effect"
import { FLOW_QUEUE, type Job, type JobQueue, type QueueDepth, QueueError } from "../jobs.ts"
import { closeRedis, DEFAULT_PREFIX, openRedis } from "./redis.ts"

/** How BullMQ retries a failed job: `attempts` tries in all, waiting `backoffMs`, 2×, 4×… between them. */
export interface RetryOptions {
  readonly attempts?: number
  readonly backoffMs?: number
}

/** 5 attempts, 1 s, 2 s, 4 s, 8 s apart: rides out a vendor hiccup, gives up on a real outage. */
export const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 5, backoffMs: 1_000 }

/**
 * BullMQ job options every esl job gets. Finished jobs are kept a while, because a kept job id is
 * what collapses a late duplicate (another daemon replica firing the same cron tick).
 */
export const jobOptions = (retry: RetryOptions = {}) => ({
  attempts: retry.attempts ?? DEFAULT_RETRY.attempts,
  backoff: { type: "exponential" as const, delay: retry.backoffMs ?? DEFAULT_RETRY.backoffMs },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
})

const queueError = (operation: string) => (cause: unknown) =>
  new QueueError({ operation, detail: cause instanceof Error ? cause.message : String(cause) })

/**
 * The distributed job queue: BullMQ on Redis. Any number of `esl worker` processes on any number
 * of machines take the jobs (see worker.ts).
 */
export const bullmqQueue = (
  redisUrl: string,
  options: {
    readonly prefix?: string
    readonly retry?: RetryOptions
    /** How long an enqueue or depth may wait for Redis (default 10 s): BullMQ itself would wait forever. */
    readonly timeoutMs?: number
  } = {},
): JobQueue => {
  const bounded = <A>(operation: string, effect: Effect.Effect<A, QueueError>) =>
    effect.pipe(
      Effect.timeoutFail({
        duration: options.timeoutMs ?? 10_000,
        onTimeout: () => new QueueError({ operation, detail: "Redis did not answer in time" }),
      }),
    )
  const connection = openRedis(redisUrl, { failFast: true })
  const queue = new Queue(FLOW_QUEUE, { connection, prefix: options.prefix ?? DEFAULT_PREFIX })
  queue.on("error", () => undefined)
  return {
    kind: "bullmq",
    enqueue: (job, opts = {}) =>
      bounded(
        "enqueue",
        Effect.tryPromise({
          try: async () => {
            // BullMQ answers a second add of an existing id with the existing job and no flag; a
            // nonce in the data tells whose job is stored, hence whether this add was a duplicate.
            const nonce = randomUUID()
            const added = await queue.add(job.kind, { ...job, nonce } satisfies Job & { nonce: string }, {
              ...jobOptions(options.retry),
              ...(opts.jobId !== undefined ? { jobId: opts.jobId } : {}),
            })
            const jobId = added.id ?? opts.jobId ?? ""
            if (opts.jobId === undefined) return { jobId, duplicate: false }
            const stored = await queue.getJob(jobId)
            return { jobId, duplicate: stored !== undefined && (stored.data as { nonce?: string }).nonce !== nonce }
          },
          catch: queueError("enqueue"),
        }),
      ),
    depth: () =>
      bounded(
        "depth",
        Effect.tryPromise({
          try: async (): Promise<QueueDepth> => {
            const counts = await queue.getJobCounts("waiting", "active", "delayed", "failed", "prioritized", "paused")
            return {
              waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
              active: counts.active ?? 0,
              delayed: counts.delayed ?? 0,
              failed: counts.failed ?? 0,
            }
          },
          catch: queueError("depth"),
        }),
      ),
    close: () =>
      Effect.promise(async () => {
        await queue.close().catch(() => undefined)
        await closeRedis(connection)
      }),
  }
}
