import { type Duration, Effect, Exit, Fiber, Option, Queue } from "effect"
import type { Job, JobQueue, QueueDepth } from "../jobs.ts"

/** Does one job; a failure is logged and counted, the next job still runs. */
export type JobExecutor = (job: Job, jobId: string) => Effect.Effect<void, unknown>

/** How a drain ended: the job in hand finished, or it outlived the bound and was interrupted. */
export type DrainOutcome = "idle" | "finished" | "interrupted"

/**
 * The embedded queue: jobs wait in memory and one worker fiber in this process runs them one at
 * a time, in order. Like BullMQ, a second enqueue of a known job id is a no-op.
 */
export interface LocalQueue extends JobQueue {
  readonly kind: "in-process"
  /** Starts the worker. Jobs enqueued before wait until then. */
  readonly start: (execute: JobExecutor) => Effect.Effect<void>
  /**
   * Stops taking jobs: the job in hand may finish within `timeout`, then it is interrupted (its
   * last committed batch stays committed). Jobs still waiting are dropped and returned; the
   * scheduler enqueues them again at their next tick.
   */
  readonly drain: (
    timeout: Duration.DurationInput,
  ) => Effect.Effect<{ readonly outcome: DrainOutcome; readonly dropped: ReadonlyArray<string> }>
}

interface Entry {
  readonly job: Job
  readonly jobId: string
}

/** Job ids remembered after they ran, so a late duplicate of a tick is still recognised. */
const REMEMBERED = 1_000

export const localQueue = (): LocalQueue => {
  const waiting = Effect.runSync(Queue.unbounded<Entry>())
  const known = new Set<string>()
  const finished: string[] = []
  let active: Entry | undefined
  let failed = 0
  let taking = true
  let next = 0
  let worker: Fiber.RuntimeFiber<void> | undefined

  const remember = (jobId: string) => {
    finished.push(jobId)
    if (finished.length > REMEMBERED) known.delete(finished.shift() as string)
  }

  const loop = (execute: JobExecutor): Effect.Effect<void> =>
    Effect.gen(function* () {
      while (taking) {
        const entry = yield* Queue.take(waiting)
        if (!taking) {
          yield* Queue.offer(waiting, entry)
          return
        }
        active = entry
        const exit = yield* Effect.exit(execute(entry.job, entry.jobId))
        active = undefined
        remember(entry.jobId)
        if (Exit.isFailure(exit)) {
          failed++
          yield* Effect.logError("job failed", exit.cause).pipe(
            Effect.annotateLogs({ jobId: entry.jobId, flow: entry.job.flow }),
          )
        }
      }
    })

  const dropWaiting = () =>
    Queue.takeAll(waiting).pipe(
      Effect.map((entries) => {
        const ids = [...entries].map((e) => e.jobId)
        for (const id of ids) known.delete(id)
        return ids
      }),
    )

  return {
    kind: "in-process",
    enqueue: (job, options) =>
      Effect.gen(function* () {
        const jobId = options?.jobId ?? `local|${Date.now()}|${next++}`
        if (known.has(jobId)) return { jobId, duplicate: true }
        known.add(jobId)
        yield* Queue.offer(waiting, { job, jobId })
        return { jobId, duplicate: false }
      }),
    depth: () =>
      Queue.size(waiting).pipe(
        // A negative size counts the worker waiting for a job: nothing is waiting.
        Effect.map((size): QueueDepth => ({ waiting: Math.max(0, size), active: active ? 1 : 0, delayed: 0, failed })),
      ),
    start: (execute) =>
      Effect.gen(function* () {
        if (worker || !taking) return
        worker = yield* Effect.forkDaemon(loop(execute))
      }),
    drain: (timeout) =>
      Effect.gen(function* () {
        taking = false
        const running = worker
        let outcome: DrainOutcome = "idle"
        if (running && active) {
          const done = yield* Fiber.await(running).pipe(Effect.timeout(timeout), Effect.option)
          outcome = Option.isSome(done) ? "finished" : "interrupted"
        }
        if (running) yield* Fiber.interrupt(running)
        return { outcome, dropped: yield* dropWaiting() }
      }),
    close: () =>
      Effect.gen(function* () {
        taking = false
        if (worker) yield* Fiber.interrupt(worker)
        yield* dropWaiting()
        yield* Queue.shutdown(waiting)
      }),
  }
}

/** Whether `queue` is the embedded one, which the daemon runs itself. */
export const isLocalQueue = (queue: JobQueue): queue is LocalQueue =>
  queue.kind === "in-process" && "start" in queue && "drain" in queue
