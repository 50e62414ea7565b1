/**
 * What the queue cost one distributed flow run, read back from BullMQ's own bookkeeping in Redis:
 * the run's child jobs (one per inbound page or outbound batch) with when each was added, taken
 * and finished, and by which worker. Nothing is hooked into the workers.
 */
import type { Redis } from "ioredis"
import { FLOW_QUEUE } from "../core/runtime/jobs.ts"

interface ChildTiming {
  readonly worker: string
  /** When it was added, taken by a worker, finished (ms since epoch). */
  readonly added: number
  readonly started: number
  readonly finished: number
  /** Times a worker started it (1 unless it was retried or its worker died). */
  readonly attempts: number
  /** Times its worker was presumed dead while it ran. */
  readonly stalled: number
}

export interface RunJobTimings {
  /** Child jobs the run was split into (pages inbound, batches outbound). */
  readonly children: number
  /** Children that failed for good (their records are in the DLQ). */
  readonly failedChildren: number
  /** Children run more than once (a retry or a stalled worker): each a repeated write. */
  readonly rerunChildren: number
  /** Children each worker ran. */
  readonly byWorker: Readonly<Record<string, number>>
  /** Median and 95th percentile time a child ran (ms). */
  readonly runMedianMs: number
  readonly runP95Ms: number
  /** From added to taken (ms): mostly the backlog, since the whole run is enqueued at once. */
  readonly waitMedianMs: number
  /**
   * The queue's own cost per job: the time between a worker finishing one child and taking the
   * next one that was already waiting (ms, median).
   */
  readonly handoffMedianMs: number
  /** How long the run job took to read the source and add its children (ms). */
  readonly splitMs: number
  /** Per worker: time it ran nothing while some child of the run was waiting (ms). */
  readonly idleWhileWaitingMs: Readonly<Record<string, number>>
}

const percentile = (values: ReadonlyArray<number>, p: number): number => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

/** The timings of the children of run job `parentId`, once it has completed; `workers`: every worker's name. */
export const runJobTimings = async (
  redis: Redis,
  prefix: string,
  parentId: string,
  workers: ReadonlyArray<string>,
): Promise<RunJobTimings> => {
  const parentKey = `${prefix}:${FLOW_QUEUE}:${parentId}`
  const done = await redis.hkeys(`${parentKey}:processed`)
  const failed = await redis.hkeys(`${parentKey}:failed`)
  const pipeline = redis.pipeline()
  for (const key of [...done, ...failed])
    pipeline.hmget(key, "timestamp", "processedOn", "finishedOn", "pb", "ats", "stc")
  const rows = (await pipeline.exec()) ?? []
  const children: ChildTiming[] = []
  for (const [error, row] of rows) {
    if (error || !Array.isArray(row)) continue
    const [added, started, finished, worker, attempts, stalled] = row as Array<string | null>
    children.push({
      worker: worker ?? "unknown",
      added: Number(added),
      started: Number(started),
      finished: Number(finished),
      attempts: Math.max(1, Number(attempts ?? 1)),
      stalled: Number(stalled ?? 0),
    })
  }

  const byWorker: Record<string, ChildTiming[]> = Object.fromEntries(workers.map((w) => [w, []]))
  for (const child of children) {
    const jobs = byWorker[child.worker] ?? []
    jobs.push(child)
    byWorker[child.worker] = jobs
  }
  const handoffs: number[] = []
  for (const jobs of Object.values(byWorker)) {
    jobs.sort((a, b) => a.started - b.started)
    for (let i = 1; i < jobs.length; i++) {
      const previous = jobs[i - 1]
      const next = jobs[i]
      // Only a gap in which the next child was already waiting is the queue's doing.
      if (previous && next && next.added <= previous.finished)
        handoffs.push(Math.max(0, next.started - previous.finished))
    }
  }
  const split = splitOf(children, Number(await redis.hget(parentKey, "timestamp")), workers)
  const runs = children.map((c) => c.finished - c.started)
  return {
    children: children.length,
    failedChildren: failed.length,
    rerunChildren: children.filter((c) => c.attempts > 1 || c.stalled > 0).length,
    byWorker: Object.fromEntries(Object.entries(byWorker).map(([worker, jobs]) => [worker, jobs.length])),
    runMedianMs: percentile(runs, 0.5),
    runP95Ms: percentile(runs, 0.95),
    waitMedianMs: percentile(
      children.map((c) => c.started - c.added),
      0.5,
    ),
    handoffMedianMs: percentile(handoffs, 0.5),
    splitMs: split === undefined ? 0 : split.finished - split.started,
    idleWhileWaitingMs: idleWhileWaiting(children, split, workers),
  }
}

interface Split {
  readonly worker: string
  readonly started: number
  readonly finished: number
}

/**
 * When and where the run job read the source and added the children. It was added to an idle
 * queue, so it started when it was added, and it ended with the last child added. BullMQ keeps
 * only the worker that came back to commit, so the splitter is told by what it did not do: with
 * one job at a time per worker, it ran no child meanwhile.
 */
const splitOf = (
  children: ReadonlyArray<ChildTiming>,
  added: number,
  workers: ReadonlyArray<string>,
): Split | undefined => {
  if (children.length === 0 || !Number.isFinite(added)) return undefined
  const finished = Math.max(...children.map((c) => c.added))
  const startedMeanwhile = (worker: string) =>
    children.filter((c) => c.worker === worker && c.started < finished).length
  const [worker] = [...workers].sort((a, b) => startedMeanwhile(a) - startedMeanwhile(b))
  return worker === undefined ? undefined : { worker, started: added, finished }
}

/**
 * Per worker, the milliseconds in which at least one child waited and the worker ran nothing
 * (neither a child nor the split). Counted on a 1 ms grid over the run.
 */
const idleWhileWaiting = (
  children: ReadonlyArray<ChildTiming>,
  split: Split | undefined,
  workers: ReadonlyArray<string>,
): Record<string, number> => {
  if (children.length === 0) return {}
  const from = Math.min(...children.map((c) => c.added))
  const to = Math.max(...children.map((c) => c.finished))
  const length = to - from + 1
  const mark = (counts: Int32Array, start: number, end: number) => {
    const first = Math.max(0, start - from)
    const after = Math.min(length, end - from)
    counts[first] = (counts[first] ?? 0) + 1
    counts[after] = (counts[after] ?? 0) - 1
  }
  const waiting = new Int32Array(length + 1)
  for (const c of children) mark(waiting, c.added, c.started)
  const busy = new Map<string, Int32Array>(workers.map((w) => [w, new Int32Array(length + 1)]))
  const busyOf = (worker: string) => busy.get(worker) ?? busy.set(worker, new Int32Array(length + 1)).get(worker)
  for (const c of children) {
    const counts = busyOf(c.worker)
    if (counts) mark(counts, c.started, c.finished)
  }
  if (split) {
    const counts = busyOf(split.worker)
    if (counts) mark(counts, split.started, split.finished)
  }
  const idle: Record<string, number> = {}
  for (const [worker, counts] of busy) {
    let waitingNow = 0
    let busyNow = 0
    let ms = 0
    for (let t = 0; t < length; t++) {
      waitingNow += waiting[t] ?? 0
      busyNow += counts[t] ?? 0
      if (waitingNow > 0 && busyNow === 0) ms++
    }
    idle[worker] = ms
  }
  return idle
}

/** Bytes Redis holds under `prefix:` (every job, its data and BullMQ's bookkeeping), by `MEMORY USAGE`. */
export const redisBytesUnder = async (redis: Redis, prefix: string): Promise<number> => {
  let bytes = 0
  let cursor = "0"
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000)
    cursor = next
    const pipeline = redis.pipeline()
    for (const key of keys) pipeline.memory("USAGE", key)
    for (const [error, size] of (await pipeline.exec()) ?? []) if (!error) bytes += Number(size ?? 0)
  } while (cursor !== "0")
  return bytes
}
