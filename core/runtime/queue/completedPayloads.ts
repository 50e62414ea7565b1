import type { Job as BullJob, Worker } from "bullmq"
import type { ChildJob } from "./split.ts"

/** A child job's data without the records it carried: what a finished child keeps in Redis. */
export const withoutPayload = (data: ChildJob): ChildJob =>
  data.kind === "inbound-page" ? { ...data, raws: [] } : { ...data, canonicalIds: [] }

const isChild = (data: unknown): data is ChildJob => {
  const kind = (data as { kind?: unknown } | null)?.kind
  return kind === "inbound-page" || kind === "outbound-batch"
}

/**
 * Empties the payload of every child job this worker completes. The job itself stays for as long
 * as `removeOnComplete` keeps it: its id is the guard that a re-split of its run (the run job
 * retried after its worker died mid-split) adds the page again as a no-op, and its result is
 * already with the parent. The raw records (a page of vendor payloads, ~1 MiB at 200 products)
 * are not needed any more, so a finished 100k run no longer holds the catalogue in Redis.
 *
 * Done after BullMQ has moved the job to completed, never before: a worker dying in between must
 * leave a job that can still be run with its records. A failed update only leaves the payload
 * until the job is removed.
 */
export const dropCompletedPayloads = (worker: Worker, onDropped?: (job: BullJob) => void): void => {
  worker.on("completed", (job) => {
    if (!isChild(job.data)) return
    job.updateData(withoutPayload(job.data)).then(
      () => onDropped?.(job),
      () => undefined,
    )
  })
}
