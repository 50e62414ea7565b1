/**
 * `esl worker` on real Redis (BullMQ) and real PostgreSQL state: runs split into child jobs,
 * shared by several workers, with the same end state as one worker; one run per flow at a time;
 * failed jobs retried with backoff and then dead-lettered with the reason.
 */
import { Effect } from "effect"
import { HttpResponse, http } from "msw"
import { afterEach, expect, it } from "vitest"
import { defineConfig, postgres } from "../../core/config/index.ts"
import { env, systemFactory } from "../../core/connector/index.ts"
import { tokenBucket } from "../../core/http/index.ts"
import { bullmqQueue } from "../../core/runtime/queue/bullmq.ts"
import { dropSchema, inspectQueue, removePrefix, uniqueName } from "../../core/runtime/queue/testing.ts"
import { startWorker, type WorkerEvent, type WorkerHandle } from "../../core/runtime/queue/worker.ts"
import { openPostgresStateStore, type StateStoreShape } from "../../core/state/index.ts"
import { at, buildMemoryApp, ERP_TOKEN, environment, SHOP_TOKEN, serveVendors } from "../support/harness.ts"
import { type MemoryVendor, memory, memoryConnector, memoryVendor } from "../support/memoryVendor.ts"
import { describeWithPostgres, describeWithRedis } from "../support/services.ts"

const erp = memoryVendor({ origin: "https://erp.worker.test", token: ERP_TOKEN })
const shopA = memoryVendor({ origin: "https://shop-a.worker.test", token: SHOP_TOKEN })
const shopB = memoryVendor({ origin: "https://shop-b.worker.test", token: SHOP_TOKEN })
const server = serveVendors(erp, shopA, shopB)
afterEach(() => server.resetHandlers())

/** The memory connector with a vendor limit: bursts of 2 requests, then 20 a second (per account). */
const BUDGET = { capacity: 2, refillPerSecond: 20 }
const limitedMemory = systemFactory({
  ...memoryConnector,
  http: (config) => ({ ...memoryConnector.http(config), rateLimiter: tokenBucket(BUDGET) }),
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const ITEMS = 23
const seedErp = () =>
  erp.put(
    ...Array.from({ length: ITEMS }, (_, i) => ({
      sku: `SKU-${String(i).padStart(3, "0")}`,
      title: `Item ${i}`,
      price: 10 + i,
      updated_at: at(i),
    })),
  )

describeWithPostgres("esl worker (PostgreSQL state)", (databaseUrl) => {
  describeWithRedis("esl worker (BullMQ on Redis)", (redisUrl) => {
    const configFor = (shop: MemoryVendor, schema: string, limited = false) =>
      defineConfig({
        systems: {
          erp: memory({ baseUrl: erp.baseUrl, token: env("ERP_TOKEN") }),
          shop: (limited ? limitedMemory : memory)({ baseUrl: shop.baseUrl, token: env("SHOP_TOKEN") }),
        },
        flows: {
          "erp-items": { from: "erp", stream: "items", pageSize: 5 },
          "shop-items": { to: "shop", sink: "items", pageSize: 5 },
        },
        state: postgres(databaseUrl, { schema }),
      })

    /** A deployment: its own Redis prefix and PostgreSQL schema, `count` workers, removed afterwards. */
    const deployment = async (shop: MemoryVendor, count: number, tweak: { limited?: boolean } = {}) => {
      const prefix = uniqueName("wk")
      const schema = uniqueName("wk")
      const events: WorkerEvent[] = []
      const workers: WorkerHandle[] = []
      for (let i = 0; i < count; i++) {
        // Each worker builds its own app, as separate processes would.
        const app = await Effect.runPromise(buildMemoryApp(configFor(shop, schema, tweak.limited), environment))
        workers.push(
          await Effect.runPromise(
            startWorker({
              app,
              redisUrl,
              prefix,
              environment,
              retry: { attempts: 3, backoffMs: 20 },
              postponeMs: 50,
              onJob: (event) => events.push(event),
            }),
          ),
        )
      }
      const queue = bullmqQueue(redisUrl, { prefix, retry: { attempts: 3, backoffMs: 20 } })
      const inspect = inspectQueue(redisUrl, prefix)
      const store: StateStoreShape = await openPostgresStateStore(databaseUrl, { schema })
      const run = async (flow: string, jobId = `manual|${flow}|${Date.now()}`) => {
        const added = await Effect.runPromise(queue.enqueue({ kind: "flow-run", flow, trigger: "manual" }, { jobId }))
        return { jobId: added.jobId, state: await inspect.settled(added.jobId) }
      }
      const close = async () => {
        await Promise.all(workers.map((w) => Effect.runPromise(w.close())))
        await Effect.runPromise(queue.close())
        await inspect.close()
        await Effect.runPromise(Effect.ignore(store.close()))
        await removePrefix(redisUrl, prefix)
        await dropSchema(databaseUrl, schema)
      }
      return { prefix, schema, events, workers, queue, inspect, store, run, close }
    }

    /** What a run leaves behind, without the random canonical ids. */
    const endState = async (store: StateStoreShape, shop: MemoryVendor) => {
      const hub = await Effect.runPromise(store.recordsPage("product", "", 1000))
      const ids = hub.map((r) => r.canonicalId)
      const links = await Effect.runPromise(store.xrefsByCanonicalId("shop", "product", ids))
      return {
        hub: hub.map((r) => `${r.naturalKey}:${r.hash}`).sort(),
        linked: links.size,
        shop: [...shop.state.values()].map((i) => `${i.sku}|${i.title}|${i.price}`).sort(),
      }
    }

    it("two workers share one flow's child jobs and end where one worker ends", async () => {
      // Slow writes, so the second worker gets its share while the first one is busy.
      for (const shop of [shopA, shopB])
        server.use(
          http.post(`${shop.baseUrl}/items/batch`, async () => {
            await sleep(30)
          }),
        )

      seedErp()
      const single = await deployment(shopA, 1)
      let alone: Awaited<ReturnType<typeof endState>>
      try {
        expect((await single.run("erp-items")).state).toBe("completed")
        expect((await single.run("shop-items")).state).toBe("completed")
        alone = await endState(single.store, shopA)
      } finally {
        await single.close()
      }

      const pair = await deployment(shopB, 2)
      try {
        expect((await pair.run("erp-items")).state).toBe("completed")
        expect((await pair.run("shop-items")).state).toBe("completed")
        const together = await endState(pair.store, shopB)
        expect(together).toEqual(alone)
        expect(together.shop).toHaveLength(ITEMS)
        expect(together.linked).toBe(ITEMS)
        // no SKU was created twice at the vendor
        for (const item of shopB.state.values()) expect(shopB.bySku(item.sku)).toHaveLength(1)

        // both workers did part of the outbound run's batches
        const batches = pair.events.filter((e) => e.kind === "outbound-batch" && e.outcome === "completed")
        expect(batches.reduce((n, e) => n + (e.records ?? 0), 0)).toBe(ITEMS)
        expect(new Set(batches.map((e) => e.worker)).size).toBe(2)

        // runs are recorded with the children's counts; cursors moved
        const runs = await Effect.runPromise(pair.store.listRuns({}))
        const outbound = runs.find((r) => r.flow === "shop-items")
        expect(outbound).toMatchObject({ status: "succeeded", counts: { read: ITEMS, created: ITEMS } })
        expect(runs.find((r) => r.flow === "erp-items")).toMatchObject({
          status: "succeeded",
          counts: { read: ITEMS, created: ITEMS },
        })
        expect(await Effect.runPromise(pair.store.getCursor("shop-items"))).toEqual({ seq: expect.any(Number) })

        // a second run finds nothing to do
        expect((await pair.run("erp-items")).state).toBe("completed")
        expect((await pair.run("shop-items")).state).toBe("completed")
        const again = (await Effect.runPromise(pair.store.listRuns({ flow: "shop-items" })))[0]
        expect(again?.counts.created).toBe(0)
        expect(shopB.state.size).toBe(ITEMS)
      } finally {
        await pair.close()
      }
    })

    it("never runs two runs of one flow at the same time: the second waits for the lock", async () => {
      // Slow reads keep the first run busy (and holding the lock) for a while.
      server.use(
        http.get(`${erp.baseUrl}/items`, async () => {
          await sleep(40)
        }),
      )
      seedErp()
      const d = await deployment(shopA, 2)
      try {
        const jobs = await Promise.all([d.run("erp-items", "first"), d.run("erp-items", "second")])
        expect(jobs.map((j) => j.state)).toEqual(["completed", "completed"])
        const runs = [...(await Effect.runPromise(d.store.listRuns({ flow: "erp-items" })))].sort((a, b) =>
          a.startedAt.localeCompare(b.startedAt),
        )
        expect(runs).toHaveLength(2)
        const [one, two] = runs
        expect(one?.finishedAt).toBeDefined()
        // strictly one after the other
        expect(Date.parse(two?.startedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(one?.finishedAt ?? ""))
        expect(d.events.some((e) => e.kind === "flow-run" && e.outcome === "postponed")).toBe(true)
        // and the data is complete, once
        expect(await Effect.runPromise(d.store.countRecords("product"))).toBe(ITEMS)
      } finally {
        await d.close()
      }
    })

    it("retries a failing batch with backoff, then puts its records in the DLQ with the reason", async () => {
      server.use(
        http.post(`${shopA.baseUrl}/items/batch`, () =>
          HttpResponse.json({ error: "maintenance", message: "catalog is read-only" }, { status: 409 }),
        ),
      )
      seedErp()
      const d = await deployment(shopA, 1)
      try {
        expect((await d.run("erp-items")).state).toBe("completed")
        const outbound = await d.run("shop-items")
        // the run itself completes: every record is accounted for (in the DLQ)
        expect(outbound.state).toBe("completed")
        const children = await d.inspect.queue.getJobs(["failed"])
        expect(children.length).toBeGreaterThan(0)
        for (const child of children) {
          expect(child.name).toBe("outbound-batch")
          expect(child.attemptsMade).toBe(3)
          expect(child.opts.backoff).toEqual({ type: "exponential", delay: 20 })
          // two waits between three attempts: at least 20 + 40 ms
          expect((child.finishedOn ?? 0) - child.timestamp).toBeGreaterThanOrEqual(60)
          expect(child.failedReason).toContain("409")
        }
        const letters = await Effect.runPromise(d.store.listDeadLetters({ flow: "shop-items" }))
        expect(letters).toHaveLength(ITEMS)
        for (const letter of letters) {
          expect(letter.reason).toContain("gave up after every retry")
          expect(letter.reason).toContain("409")
          expect(letter.direction).toBe("outbound")
        }
        expect(new Set(letters.map((l) => l.recordKey)).size).toBe(ITEMS)
        const [run] = await Effect.runPromise(d.store.listRuns({ flow: "shop-items" }))
        expect(run).toMatchObject({ status: "partial", counts: { failed: ITEMS } })
        expect(run?.error).toContain("409")
        expect(shopA.state.size).toBe(0)
      } finally {
        await d.close()
      }
    })

    it("two workers together stay within the shop's one rate budget", async () => {
      const sent: number[] = []
      server.use(
        http.all(`${shopA.baseUrl}/*`, async () => {
          sent.push(Date.now())
          // slow answers, so both workers have requests out at the same time
          await sleep(15)
        }),
      )
      seedErp()
      const d = await deployment(shopA, 2, { limited: true })
      try {
        expect((await d.run("erp-items")).state).toBe("completed")
        expect((await d.run("shop-items")).state).toBe("completed")
        const batches = d.events.filter((e) => e.kind === "outbound-batch" && e.outcome === "completed")
        expect(new Set(batches.map((e) => e.worker)).size).toBe(2)
        // a lookup and a write per batch of 5
        expect(sent.length).toBe(2 * Math.ceil(ITEMS / 5))
        // Within any 100 ms: the burst plus what refills in 100 ms (+1 for the request's own trip).
        // Two separate budgets would allow twice that.
        const allowed = BUDGET.capacity + (BUDGET.refillPerSecond * 100) / 1000 + 1
        for (const start of sent) {
          expect(sent.filter((t) => t >= start && t < start + 100).length).toBeLessThanOrEqual(allowed)
        }
        expect(shopA.state.size).toBe(ITEMS)
      } finally {
        await d.close()
      }
    })

    it("a records job (webhook) merges the named records and queues the entity's outbound runs", async () => {
      seedErp()
      const d = await deployment(shopA, 1)
      try {
        const added = await Effect.runPromise(
          d.queue.enqueue({ kind: "records", flow: "erp-items", externalIds: ["3", "4"], eventId: "evt:42" }),
        )
        expect(await d.inspect.settled(added.jobId)).toBe("completed")
        expect(await d.inspect.settled("after|evt_42|shop-items")).toBe("completed")
        expect([...shopA.state.values()].map((i) => i.sku).sort()).toEqual(["SKU-002", "SKU-003"])
        const runs = await Effect.runPromise(d.store.listRuns({ flow: "erp-items" }))
        expect(runs[0]).toMatchObject({ status: "succeeded", counts: { read: 2, created: 2 } })
        // the webhook did not move the inbound cursor: the next scheduled run still reads everything
        expect(await Effect.runPromise(d.store.getCursor("erp-items"))).toBeUndefined()
      } finally {
        await d.close()
      }
    })

    it("a run that cannot read its source fails for good after its retries, recorded and unlocked", async () => {
      server.use(http.get(`${erp.baseUrl}/items`, () => HttpResponse.json({ error: "down" }, { status: 500 })))
      seedErp()
      const d = await deployment(shopA, 1)
      try {
        const outcome = await d.run("erp-items")
        expect(outcome.state).toBe("failed")
        const job = await d.inspect.queue.getJob(outcome.jobId)
        expect(job?.attemptsMade).toBe(3)
        expect(job?.failedReason).toContain("500")
        const runs = await Effect.runPromise(d.store.listRuns({ flow: "erp-items" }))
        // one run, retried within the job, recorded once as failed with the reason
        expect(runs).toHaveLength(1)
        expect(runs[0]).toMatchObject({ status: "failed" })
        expect(runs[0]?.error).toContain("500")
        // the flow is free again: the next run is not postponed forever
        server.resetHandlers()
        expect((await d.run("erp-items")).state).toBe("completed")
        expect(await Effect.runPromise(d.store.countRecords("product"))).toBe(ITEMS)
      } finally {
        await d.close()
      }
    })

    it("closes gracefully: the job in hand finishes its step, a later worker finishes the run", async () => {
      server.use(
        http.get(`${erp.baseUrl}/items`, async () => {
          await sleep(60)
        }),
      )
      seedErp()
      const d = await deployment(shopA, 1)
      try {
        const { jobId } = await Effect.runPromise(
          d.queue.enqueue({ kind: "flow-run", flow: "erp-items", trigger: "manual" }, { jobId: "graceful" }),
        )
        while ((await d.inspect.queue.getJobState(jobId)) !== "active") await sleep(10)
        await Promise.all(d.workers.splice(0).map((w) => Effect.runPromise(w.close())))
        // not abandoned mid-read (it would be "active" until BullMQ declared it stalled)
        expect(await d.inspect.queue.getJobState(jobId)).toBe("waiting-children")
        const app = await Effect.runPromise(buildMemoryApp(configFor(shopA, d.schema), environment))
        d.workers.push(await Effect.runPromise(startWorker({ app, redisUrl, prefix: d.prefix, environment })))
        expect(await d.inspect.settled(jobId)).toBe("completed")
        expect(await Effect.runPromise(d.store.countRecords("product"))).toBe(ITEMS)
      } finally {
        await d.close()
      }
    })
  })
})
