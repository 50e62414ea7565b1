/**
 * The job queues (in-process and BullMQ), the flow lock and the shared rate limiter, on their own.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { defineConfig, sqlite } from "../../core/config/index.ts"
import { env } from "../../core/connector/index.ts"
import type { Job } from "../../core/runtime/jobs.ts"
import { bullmqQueue } from "../../core/runtime/queue/bullmq.ts"
import { queueConfigOf } from "../../core/runtime/queue/config.ts"
import { inProcessQueue } from "../../core/runtime/queue/inProcess.ts"
import { runJobLocally } from "../../core/runtime/queue/local.ts"
import { flowLocks } from "../../core/runtime/queue/lock.ts"
import { closeRedis, openRedis } from "../../core/runtime/queue/redis.ts"
import { sharedRateLimiter } from "../../core/runtime/queue/sharedRateLimit.ts"
import { removePrefix, uniqueName } from "../../core/runtime/queue/testing.ts"
import {
  at,
  buildMemoryApp,
  ERP_TOKEN,
  environment,
  SHOP_TOKEN,
  serveVendors,
  tempStateFile,
} from "../support/harness.ts"
import { memory, memoryVendor } from "../support/memoryVendor.ts"
import { describeWithRedis } from "../support/services.ts"

const erp = memoryVendor({ origin: "https://erp.queue.test", token: ERP_TOKEN })
const shop = memoryVendor({ origin: "https://shop.queue.test", token: SHOP_TOKEN })
serveVendors(erp, shop)

const run = (flow: string): Job => ({ kind: "flow-run", flow, trigger: "manual" })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("queueConfigOf", () => {
  it("takes the config's queue, else REDIS_URL, else in-process", () => {
    const config = { systems: {}, flows: {} }
    expect(
      queueConfigOf({ ...config, queue: { kind: "bullmq", url: "redis://a" } }, { REDIS_URL: "redis://b" }),
    ).toEqual({
      kind: "bullmq",
      url: "redis://a",
    })
    expect(queueConfigOf(config, { REDIS_URL: "redis://b" })).toEqual({ kind: "bullmq", url: "redis://b" })
    expect(queueConfigOf(config, {})).toEqual({ kind: "in-process" })
  })
})

describe("inProcessQueue", () => {
  it("runs a flow's jobs one at a time, other flows alongside, and collapses a pending job id", async () => {
    const log: string[] = []
    let running = 0
    let most = 0
    const queue = inProcessQueue((job) =>
      Effect.promise(async () => {
        running++
        most = Math.max(most, running)
        log.push(`start ${job.flow}`)
        await sleep(20)
        log.push(`end ${job.flow}`)
        running--
      }),
    )
    const a1 = await Effect.runPromise(queue.enqueue(run("a"), { jobId: "tick|a|1" }))
    const a1again = await Effect.runPromise(queue.enqueue(run("a"), { jobId: "tick|a|1" }))
    await Effect.runPromise(queue.enqueue(run("a")))
    await Effect.runPromise(queue.enqueue(run("b")))
    expect(a1).toEqual({ jobId: "tick|a|1", duplicate: false })
    expect(a1again).toEqual({ jobId: "tick|a|1", duplicate: true })
    expect((await Effect.runPromise(queue.depth())).waiting + (await Effect.runPromise(queue.depth())).active).toBe(3)
    await Effect.runPromise(queue.close())
    // a's two jobs never overlapped; b ran next to a
    const aOnly = log.filter((l) => l.endsWith(" a"))
    expect(aOnly).toEqual(["start a", "end a", "start a", "end a"])
    expect(most).toBe(2)
    // done: the id may be used again, but the closed queue takes nothing more
    const after = await Effect.runPromise(Effect.either(queue.enqueue(run("a"), { jobId: "tick|a|1" })))
    expect(after._tag).toBe("Left")
  })

  it("runs flows and webhook records here with runJobLocally", async () => {
    const state = tempStateFile()
    try {
      const config = defineConfig({
        systems: {
          erp: memory({ baseUrl: erp.baseUrl, token: env("ERP_TOKEN") }),
          shop: memory({ baseUrl: shop.baseUrl, token: env("SHOP_TOKEN") }),
        },
        flows: { "erp-items": { from: "erp", stream: "items" }, "shop-items": { to: "shop", sink: "items" } },
        state: sqlite(state.file),
      })
      const app = await Effect.runPromise(buildMemoryApp(config, environment))
      erp.put(
        { sku: "A", title: "A", price: 1, updated_at: at(1) },
        { sku: "B", title: "B", price: 2, updated_at: at(2) },
      )
      const queue = inProcessQueue(runJobLocally(app))
      await Effect.runPromise(queue.enqueue({ kind: "records", flow: "erp-items", externalIds: ["2"], eventId: "e1" }))
      await Effect.runPromise(queue.close())
      expect([...shop.state.values()].map((i) => i.sku)).toEqual(["B"])
      // flows run alongside each other: wait for the inbound run before the outbound one
      const inbound = inProcessQueue(runJobLocally(app))
      await Effect.runPromise(inbound.enqueue(run("erp-items")))
      await Effect.runPromise(inbound.close())
      const again = inProcessQueue(runJobLocally(app))
      await Effect.runPromise(again.enqueue(run("shop-items")))
      await Effect.runPromise(again.close())
      expect([...shop.state.values()].map((i) => i.sku).sort()).toEqual(["A", "B"])
      expect(await Effect.runPromise(again.depth())).toMatchObject({ failed: 0 })
    } finally {
      state.remove()
    }
  })

  it("counts failed jobs and goes on", async () => {
    const queue = inProcessQueue((job) => (job.flow === "bad" ? Effect.fail("no") : Effect.void))
    await Effect.runPromise(queue.enqueue(run("bad")))
    await Effect.runPromise(queue.enqueue(run("good")))
    await Effect.runPromise(queue.close())
    expect(await Effect.runPromise(queue.depth())).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 1 })
  })
})

describeWithRedis("BullMQ queue, lock and shared limiter", (redisUrl) => {
  it("collapses a second add of the same job id and reports depth", async () => {
    const prefix = uniqueName("q")
    const queue = bullmqQueue(redisUrl, { prefix })
    try {
      const first = await Effect.runPromise(queue.enqueue(run("a"), { jobId: "tick|a|2026-01-01T00:00:00.000Z" }))
      const second = await Effect.runPromise(queue.enqueue(run("a"), { jobId: "tick|a|2026-01-01T00:00:00.000Z" }))
      const free = await Effect.runPromise(queue.enqueue(run("b")))
      expect(first).toEqual({ jobId: "tick|a|2026-01-01T00:00:00.000Z", duplicate: false })
      expect(second).toEqual({ jobId: "tick|a|2026-01-01T00:00:00.000Z", duplicate: true })
      expect(free.duplicate).toBe(false)
      expect(await Effect.runPromise(queue.depth())).toEqual({ waiting: 2, active: 0, delayed: 0, failed: 0 })
    } finally {
      await Effect.runPromise(queue.close())
      await removePrefix(redisUrl, prefix)
    }
  })

  it("fails with a QueueError naming Redis when it cannot be reached", async () => {
    const queue = bullmqQueue("redis://127.0.0.1:1", { prefix: uniqueName("q"), timeoutMs: 300 })
    const result = await Effect.runPromise(
      Effect.either(queue.enqueue(run("a")).pipe(Effect.timeoutFail({ duration: 3000, onTimeout: () => "timeout" }))),
    )
    await Effect.runPromise(queue.close())
    expect(result._tag === "Left" && typeof result.left === "object" && result.left._tag).toBe("QueueError")
    if (result._tag === "Left" && typeof result.left === "object") expect(result.left.message).toContain("REDIS_URL")
  })

  it("locks a flow for one token, re-entrant, released only by its holder, freed by expiry", async () => {
    const prefix = uniqueName("lk")
    const redis = openRedis(redisUrl)
    try {
      const locks = flowLocks(redis, { prefix, ttlMs: 200 })
      expect(await locks.acquire("f", "run-1")).toBe(true)
      expect(await locks.acquire("f", "run-2")).toBe(false)
      expect(await locks.acquire("f", "run-1")).toBe(true) // the same run, retried
      expect(await locks.acquire("g", "run-2")).toBe(true) // other flows are free
      expect(await locks.release("f", "run-2")).toBe(false)
      expect(await locks.holder("f")).toBe("run-1")
      // kept alive past its TTL while held…
      const keeper = locks.keep("f", "run-1")
      await sleep(450)
      expect(await locks.holder("f")).toBe("run-1")
      keeper.stop()
      // …and freed by expiry once its holder is gone
      await sleep(300)
      expect(await locks.holder("f")).toBeUndefined()
      expect(await locks.acquire("f", "run-2")).toBe(true)
      expect(await locks.extend("f", "run-1")).toBe(false)
      expect(await locks.release("f", "run-2")).toBe(true)
      expect(await locks.holder("f")).toBeUndefined()
    } finally {
      await closeRedis(redis)
      await removePrefix(redisUrl, prefix)
    }
  })

  it("two processes' limiters draw from one budget", async () => {
    const prefix = uniqueName("rl")
    const [one, two] = [openRedis(redisUrl), openRedis(redisUrl)]
    try {
      const spec = { kind: "bucket", capacity: 3, perSecond: 20 } as const
      const a = sharedRateLimiter(one, { key: `${prefix}:ratelimit:shop`, spec })
      const b = sharedRateLimiter(two, { key: `${prefix}:ratelimit:shop`, spec })
      const granted: number[] = []
      const take = (limiter: typeof a) => Effect.runPromise(limiter.acquire()).then(() => granted.push(Date.now()))
      await Promise.all(Array.from({ length: 12 }, (_, i) => take(i % 2 === 0 ? a : b)))
      granted.sort((x, y) => x - y)
      // any 100 ms hold at most the burst plus what refills in 100 ms (+1 for timer jitter)
      for (const start of granted) {
        const inWindow = granted.filter((t) => t >= start && t < start + 100).length
        expect(inWindow).toBeLessThanOrEqual(3 + 2 + 1)
      }
      // 12 requests with a burst of 3 need ≥ 9 refills: both limiters waited
      expect(a.stats().waits + b.stats().waits).toBeGreaterThan(0)
      expect(granted.length).toBe(12)
    } finally {
      await Promise.all([closeRedis(one), closeRedis(two)])
      await removePrefix(redisUrl, prefix)
    }
  })

  it("a 429 seen by one worker pauses the others; a sliding window is shared too", async () => {
    const prefix = uniqueName("rl")
    const [one, two] = [openRedis(redisUrl), openRedis(redisUrl)]
    try {
      const spec = { kind: "window", requests: 2, perMs: 150 } as const
      const a = sharedRateLimiter(one, { key: `${prefix}:ratelimit:crm`, spec })
      const b = sharedRateLimiter(two, { key: `${prefix}:ratelimit:crm`, spec })
      const order: string[] = []
      await Effect.runPromise(a.acquire())
      await Effect.runPromise(b.acquire())
      // the window is full for both: the third request of either waits for the first to leave
      await Promise.all([
        Effect.runPromise(a.acquire()).then(() => order.push("a")),
        Effect.runPromise(b.acquire()).then(() => order.push("b")),
      ])
      expect(order.sort()).toEqual(["a", "b"])
      expect(a.stats().waits + b.stats().waits).toBe(2)
      a.pauseFor?.(300)
      await sleep(20)
      const before = b.stats().waits
      await Effect.runPromise(b.acquire())
      expect(b.stats().waits).toBe(before + 1)
    } finally {
      await Promise.all([closeRedis(one), closeRedis(two)])
      await removePrefix(redisUrl, prefix)
    }
  })
})
