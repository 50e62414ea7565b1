/**
 * Test doubles for the daemon: a cron driver the test fires by hand, and a queue that keeps jobs
 * in memory and honours job ids as BullMQ does. (Not shipped: `files` excludes testing.ts.)
 */
import { Effect } from "effect"
import type { Job, JobQueue } from "../jobs.ts"
import type { CronDriver } from "./scheduler.ts"

export interface ManualCronDriver {
  readonly driver: CronDriver
  /** Fires every armed timer (of `flow`, or all) as if its cron matched `at`; returns how many fired. */
  readonly fire: (at: Date, flow?: string) => number
  /** Timers armed and not stopped. */
  readonly armed: () => ReadonlyArray<string>
}

/** A cron driver with no clock: ticks happen when the test says so. */
export const manualCronDriver = (): ManualCronDriver => {
  const timers = new Map<string, { readonly onTick: (at: Date) => void; stopped: boolean }>()
  return {
    driver: (flow, _expression, onTick) => {
      const timer = { onTick, stopped: false }
      timers.set(flow, timer)
      return {
        stop: () => {
          timer.stopped = true
        },
        nextRun: () => (timer.stopped ? null : new Date(8.64e15)),
      }
    },
    fire: (at, flow) => {
      let fired = 0
      for (const [name, timer] of timers) {
        if (timer.stopped || (flow !== undefined && flow !== name)) continue
        timer.onTick(at)
        fired++
      }
      return fired
    },
    armed: () => [...timers].filter(([, t]) => !t.stopped).map(([name]) => name),
  }
}

export interface MemoryJobQueue extends JobQueue {
  /** Every job kept, by id, in the order first added. */
  readonly jobs: ReadonlyMap<string, Job>
  /** Every enqueue call, duplicates included. */
  readonly adds: ReadonlyArray<{ readonly jobId: string; readonly duplicate: boolean }>
}

/** A queue that only keeps jobs (nobody runs them); a second add of a kept id is a duplicate. */
export const memoryJobQueue = (): MemoryJobQueue => {
  const jobs = new Map<string, Job>()
  const adds: Array<{ jobId: string; duplicate: boolean }> = []
  return {
    kind: "bullmq",
    jobs,
    adds,
    enqueue: (job, options) =>
      Effect.sync(() => {
        const jobId = options?.jobId ?? `job-${adds.length}`
        const duplicate = jobs.has(jobId)
        if (!duplicate) jobs.set(jobId, job)
        adds.push({ jobId, duplicate })
        return { jobId, duplicate }
      }),
    depth: () => Effect.succeed({ waiting: jobs.size, active: 0, delayed: 0, failed: 0 }),
    close: () => Effect.void,
  }
}
