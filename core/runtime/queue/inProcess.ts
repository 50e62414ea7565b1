import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import { type Job, type JobQueue, type QueueDepth, QueueError } from "../jobs.ts"

/**
 * The embedded default queue: jobs run in this process, one at a time per flow (a flow's runs
 * never overlap, as with the distributed lock) and concurrently across flows. A job id that is
 * still waiting or running collapses a second add into it (`duplicate: true`); once the job is
 * done the id may be used again. Nothing survives the process: that is what BullMQ is for.
 */
export const inProcessQueue = (process: (job: Job) => Effect.Effect<unknown, unknown>): JobQueue => {
  // The tail of each flow's chain: the next job of the flow starts when it settles.
  const tails = new Map<string, Promise<void>>()
  const pending = new Set<string>()
  const running = new Set<Promise<void>>()
  let waiting = 0
  let active = 0
  let failed = 0
  let closed = false

  const enqueue: JobQueue["enqueue"] = (job, options = {}) =>
    Effect.suspend((): Effect.Effect<{ readonly jobId: string; readonly duplicate: boolean }, QueueError> => {
      if (closed) return Effect.fail(new QueueError({ operation: "enqueue", detail: "the in-process queue is closed" }))
      const jobId = options.jobId ?? randomUUID()
      if (pending.has(jobId)) return Effect.succeed({ jobId, duplicate: true })
      pending.add(jobId)
      waiting++
      const previous = tails.get(job.flow) ?? Promise.resolve()
      const done: Promise<void> = previous.then(async () => {
        waiting--
        active++
        try {
          const exit = await Effect.runPromiseExit(process(job))
          if (exit._tag === "Failure") failed++
        } finally {
          active--
          pending.delete(jobId)
          running.delete(done)
          if (tails.get(job.flow) === done) tails.delete(job.flow)
        }
      })
      tails.set(job.flow, done)
      running.add(done)
      return Effect.succeed({ jobId, duplicate: false })
    })

  return {
    kind: "in-process",
    enqueue,
    depth: () => Effect.sync((): QueueDepth => ({ waiting, active, delayed: 0, failed })),
    // Graceful: no new jobs, and every job already accepted is done before close returns.
    close: () =>
      Effect.promise(async () => {
        closed = true
        while (running.size > 0) await Promise.allSettled([...running])
      }),
  }
}
