/**
 * A worker process killed (SIGKILL) in the middle of a job, at the worst moment: the vendor has
 * taken the batch, the cross-references are not written. Another worker picks the job up once
 * BullMQ sees it stalled; the vendor ends with every record once, nothing lost, nothing doubled.
 *
 * The vendors are real HTTP servers here (no msw in this file): the worker runs in a child process.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { Effect } from "effect"
import { http } from "msw"
import { afterAll, afterEach, beforeAll, expect, it } from "vitest"
import { defineConfig, postgres } from "../../core/config/index.ts"
import { env, type RunningSandbox, serveSandbox } from "../../core/connector/index.ts"
import { bullmqQueue } from "../../core/runtime/queue/bullmq.ts"
import { dropSchema, inspectQueue, removePrefix, uniqueName } from "../../core/runtime/queue/testing.ts"
import { startWorker, type WorkerEvent } from "../../core/runtime/queue/worker.ts"
import { openPostgresStateStore } from "../../core/state/index.ts"
import { at, buildMemoryApp, ERP_TOKEN, environment, SHOP_TOKEN } from "../support/harness.ts"
import { memory, memoryVendor } from "../support/memoryVendor.ts"
import { describeWithPostgres, describeWithRedis } from "../support/services.ts"

const root = resolve(import.meta.dirname, "../..")
const ITEMS = 12
/** Short BullMQ locks, so a dead worker's job is retried within about a second. */
const FAST_STALL = { lockDurationMs: 1_000, stalledIntervalMs: 300, lockTtlMs: 2_000 }

describeWithPostgres("a worker killed mid-job (PostgreSQL state)", (databaseUrl) => {
  describeWithRedis("a worker killed mid-job (Redis)", (redisUrl) => {
    const erp = memoryVendor({ token: ERP_TOKEN })
    const shop = memoryVendor({ token: SHOP_TOKEN })
    let child: ChildProcess | undefined
    let killedAtWrite = false
    // The first batch write reaches the vendor: kill the worker that sent it, then let the vendor
    // apply the write (its answer goes to a dead socket).
    const killer = http.post("*/items/batch", async () => {
      if (child && !killedAtWrite) {
        killedAtWrite = true
        const exited = once(child, "exit")
        child.kill("SIGKILL")
        await exited
      }
    })
    let servers: RunningSandbox[] = []
    let prefix = uniqueName("kill")
    let schema = uniqueName("kill")
    const dir = join(root, ".esl", "test", `worker-kill-${process.pid}-${Date.now()}`)

    const configFor = (erpUrl: string, shopUrl: string) =>
      defineConfig({
        systems: {
          erp: memory({ baseUrl: erpUrl, token: env("ERP_TOKEN") }),
          shop: memory({ baseUrl: shopUrl, token: env("SHOP_TOKEN") }),
        },
        flows: {
          "erp-items": { from: "erp", stream: "items", pageSize: 4 },
          "shop-items": { to: "shop", sink: "items", pageSize: 4 },
        },
        state: postgres(databaseUrl, { schema }),
      })

    beforeAll(async () => {
      servers = await Promise.all([serveSandbox(erp), serveSandbox({ ...shop, handlers: [killer, ...shop.handlers] })])
    })
    afterEach(async () => {
      child?.kill("SIGKILL")
      await removePrefix(redisUrl, prefix)
      await dropSchema(databaseUrl, schema)
      erp.reset()
      shop.reset()
      killedAtWrite = false
      prefix = uniqueName("kill")
      schema = uniqueName("kill")
    })
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()))
      rmSync(dir, { recursive: true, force: true })
    })

    /** A worker in its own process, on the same config; resolves once it takes jobs. */
    const spawnWorker = async (erpUrl: string, shopUrl: string): Promise<ChildProcess> => {
      mkdirSync(dir, { recursive: true })
      const script = join(dir, "worker.ts")
      const core = (path: string) => JSON.stringify(join(root, path))
      writeFileSync(
        script,
        `import { Effect } from "effect"
import { defineConfig, postgres } from ${core("core/config/index.ts")}
import { env } from ${core("core/connector/index.ts")}
import { buildApp } from ${core("core/runtime/app.ts")}
import { startWorker } from ${core("core/runtime/queue/worker.ts")}
import { memory, memoryMappings } from ${core("test/support/memoryVendor.ts")}

const config = defineConfig({
  systems: {
    erp: memory({ baseUrl: ${JSON.stringify(erpUrl)}, token: env("ERP_TOKEN") }),
    shop: memory({ baseUrl: ${JSON.stringify(shopUrl)}, token: env("SHOP_TOKEN") }),
  },
  flows: {
    "erp-items": { from: "erp", stream: "items", pageSize: 4 },
    "shop-items": { to: "shop", sink: "items", pageSize: 4 },
  },
  state: postgres(${JSON.stringify(databaseUrl)}, { schema: ${JSON.stringify(schema)} }),
})
const environment = ${JSON.stringify(environment)}
const app = await Effect.runPromise(buildApp(config as never, { mappings: { memory: memoryMappings }, environment }))
await Effect.runPromise(
  startWorker({ app, redisUrl: ${JSON.stringify(redisUrl)}, prefix: ${JSON.stringify(prefix)}, environment, ...${JSON.stringify(FAST_STALL)} }),
)
process.stdout.write("ready\\n")
`,
      )
      const worker = spawn(process.execPath, [join(root, "cli/run-ts.mjs"), script], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      })
      let output = ""
      await new Promise<void>((ready, fail) => {
        const timer = setTimeout(() => fail(new Error(`worker process did not start: ${output}`)), 30_000)
        const onData = (data: Buffer) => {
          output += data.toString()
          if (output.includes("ready")) {
            clearTimeout(timer)
            ready()
          }
        }
        worker.stdout?.on("data", onData)
        worker.stderr?.on("data", onData)
        worker.on("exit", (code) => fail(new Error(`worker process exited (${code}): ${output}`)))
      })
      return worker
    }

    /**
     * A child process worker takes the inbound run, then the outbound run, and is killed at its
     * first write; then a survivor here (with `survivorOptions`) takes over.
     */
    const killedMidJob = async (survivorOptions: { readonly maxStalledCount?: number } = {}) => {
      const [erpServer, shopServer] = servers
      const erpUrl = erpServer?.url ?? ""
      const shopUrl = shopServer?.url ?? ""
      erp.put(
        ...Array.from({ length: ITEMS }, (_, i) => ({
          sku: `K-${i}`,
          title: `Kept ${i}`,
          price: 5 + i,
          updated_at: at(i),
        })),
      )
      const queue = bullmqQueue(redisUrl, { prefix })
      const inspect = inspectQueue(redisUrl, prefix)
      const store = await openPostgresStateStore(databaseUrl, { schema })
      const events: WorkerEvent[] = []
      const app = await Effect.runPromise(buildMemoryApp(configFor(erpUrl, shopUrl), environment))
      try {
        child = await spawnWorker(erpUrl, shopUrl)
        const childExit = once(child, "exit")
        // The child takes the inbound run, then the outbound run, and dies at its first write.
        const inbound = await Effect.runPromise(
          queue.enqueue({ kind: "flow-run", flow: "erp-items", trigger: "manual" }),
        )
        expect(await inspect.settled(inbound.jobId)).toBe("completed")
        const outbound = await Effect.runPromise(
          queue.enqueue({ kind: "flow-run", flow: "shop-items", trigger: "manual" }),
        )
        const [, signal] = await childExit
        expect(signal).toBe("SIGKILL")
        expect(killedAtWrite).toBe(true)
        // the vendor applies the write just after the kill
        for (let i = 0; i < 100 && shop.state.size === 0; i++) await new Promise((r) => setTimeout(r, 20))
        const writtenByTheDead = shop.state.size
        expect(writtenByTheDead).toBe(4)

        const survivor = await Effect.runPromise(
          startWorker({
            app,
            redisUrl,
            prefix,
            environment,
            ...FAST_STALL,
            ...survivorOptions,
            onJob: (e) => events.push(e),
          }),
        )
        try {
          expect(await inspect.settled(outbound.jobId)).toBe("completed")
        } finally {
          await Effect.runPromise(survivor.close())
        }
        return { store, events, writtenByTheDead }
      } catch (error) {
        await Effect.runPromise(Effect.ignore(store.close()))
        throw error
      } finally {
        await Effect.runPromise(queue.close())
        await inspect.close()
      }
    }

    it("its job is retried by another worker: nothing lost, nothing duplicated", async () => {
      const { store, events, writtenByTheDead } = await killedMidJob()
      try {
        // Every record once at the vendor: the retried batch linked what the dead worker wrote.
        expect(shop.state.size).toBe(ITEMS)
        for (let i = 0; i < ITEMS; i++) expect(shop.bySku(`K-${i}`)).toHaveLength(1)
        const batches = events.filter((e) => e.kind === "outbound-batch" && e.outcome === "completed")
        expect(batches.reduce((n, e) => n + (e.records ?? 0), 0)).toBe(ITEMS)
        const hub = await Effect.runPromise(store.recordsPage("product", "", 100))
        const links = await Effect.runPromise(
          store.xrefsByCanonicalId(
            "shop",
            "product",
            hub.map((r) => r.canonicalId),
          ),
        )
        expect(links.size).toBe(ITEMS)
        const [run] = await Effect.runPromise(store.listRuns({ flow: "shop-items" }))
        expect(run).toMatchObject({ status: "succeeded", counts: { read: ITEMS, failed: 0 } })
        expect((run?.counts.created ?? 0) + (run?.counts.updated ?? 0)).toBe(ITEMS)
        expect(run?.counts.created).toBe(ITEMS - writtenByTheDead)
      } finally {
        await Effect.runPromise(Effect.ignore(store.close()))
      }
    })

    it("a job whose workers keep dying fails for good with its records in the DLQ, not skipped", async () => {
      // The survivor tolerates no stall: the dead worker's job fails for good at once.
      const { store, writtenByTheDead } = await killedMidJob({ maxStalledCount: 0 })
      try {
        const letters = await Effect.runPromise(store.listDeadLetters({ flow: "shop-items" }))
        expect(letters).toHaveLength(writtenByTheDead)
        for (const letter of letters) expect(letter.reason).toContain("more than allowable limit")
        const [run] = await Effect.runPromise(store.listRuns({ flow: "shop-items" }))
        expect(run).toMatchObject({ status: "partial", counts: { read: ITEMS, failed: writtenByTheDead } })
        // the rest went through, and nothing twice
        expect(shop.state.size).toBe(ITEMS)
        for (let i = 0; i < ITEMS; i++) expect(shop.bySku(`K-${i}`)).toHaveLength(1)
      } finally {
        await Effect.runPromise(Effect.ignore(store.close()))
      }
    })
  })
})
