import { type Job, Queue, Worker } from "bullmq"
import { afterEach, expect, it } from "vitest"
import { describeWithRedis } from "../../../test/support/services.ts"
import { dropCompletedPayloads } from "./completedPayloads.ts"
import { closeRedis, openRedis } from "./redis.ts"
import type { InboundPageJob } from "./split.ts"
import { removePrefix, uniqueName } from "./testing.ts"

const page = (raws: ReadonlyArray<unknown>): InboundPageJob => ({
  kind: "inbound-page",
  flow: "erp-products",
  runId: "run-1",
  lockToken: "flow-run-1",
  raws,
})
const raws = [
  { id: 7, default_code: "CHAIR-OAK", name: "Oak chair", list_price: 129.0, write_date: "2026-01-05 09:12:44" },
  { id: 8, default_code: "TABLE-OAK", name: "Oak table", list_price: 499.0, write_date: "2026-01-05 09:13:02" },
]

describeWithRedis("completed child jobs in Redis", (redisUrl) => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  /** A queue and a worker that counts the records of each page it runs, or fails pages marked so. */
  const setup = () => {
    const prefix = uniqueName("payloads")
    const connection = openRedis(redisUrl)
    const workerConnection = openRedis(redisUrl)
    const queue = new Queue("flows", { connection, prefix })
    const runs: string[] = []
    const dropped = new Map<string, () => void>()
    const whenDropped = (jobId: string) => new Promise<void>((resolve) => dropped.set(jobId, resolve))
    const worker = new Worker(
      "flows",
      async (job: Job<InboundPageJob>) => {
        runs.push(job.id ?? "")
        if (job.data.flow === "broken") throw new Error("vendor answered 500")
        return { read: job.data.raws.length }
      },
      { connection: workerConnection, prefix },
    )
    dropCompletedPayloads(worker, (job) => dropped.get(job.id ?? "")?.())
    cleanups.push(async () => {
      await worker.close(true)
      await queue.close()
      await closeRedis(workerConnection)
      await closeRedis(connection)
      await removePrefix(redisUrl, prefix)
    })
    return { queue, worker, runs, whenDropped }
  }

  it("keep their id and result but not the records they carried, so a re-split adds the page as a no-op", async () => {
    const { queue, runs, whenDropped } = setup()
    const jobId = "flow-run-1|0|3f2a9c"
    const dropped = whenDropped(jobId)
    await queue.add("inbound-page", page(raws), { jobId, removeOnComplete: { age: 3600 } })
    await dropped

    const done = await queue.getJob(jobId)
    expect(await done?.getState()).toBe("completed")
    expect(done?.returnvalue).toEqual({ read: 2 })
    expect(done?.data).toEqual(page([]))

    // The run job retried its split after its worker died: the same page is added again.
    await queue.add("inbound-page", page(raws), { jobId, removeOnComplete: { age: 3600 } })
    expect(await queue.getJobCounts("waiting", "active", "completed")).toMatchObject({
      waiting: 0,
      active: 0,
      completed: 1,
    })
    expect(runs).toEqual([jobId])
    expect((await queue.getJob(jobId))?.data).toEqual(page([]))
  })

  it("leave a failed page its records, for the dead-letter queue and a retry", async () => {
    const { queue, worker } = setup()
    const failed = new Promise<void>((resolve) => worker.on("failed", () => resolve()))
    const jobId = "flow-run-2|0|77b1d0"
    await queue.add("inbound-page", { ...page(raws), flow: "broken" }, { jobId })
    await failed
    const job = await queue.getJob(jobId)
    expect(await job?.getState()).toBe("failed")
    expect(job?.data.raws).toEqual(raws)
  })
})
