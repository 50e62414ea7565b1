import { Duration, Effect, Logger, LogLevel } from "effect"
import { http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import { defineConfig } from "../../core/config/index.ts"
import { env } from "../../core/connector/index.ts"
import { type DaemonEvent, startDaemon } from "../../core/runtime/daemon/daemon.ts"
import { jsonLineLogger } from "../../core/runtime/daemon/logging.ts"
import { manualCronDriver } from "../../core/runtime/daemon/testing.ts"
import { openSqliteStateStore } from "../../core/state/index.ts"
import { buildMemoryApp, tempStateFile } from "../support/harness.ts"
import { memory, memoryVendor } from "../support/memoryVendor.ts"

const erp = memoryVendor({ origin: "http://erp.test", token: "erp-token-1234" })

/** The vendor's `GET /items` waits for `release()` once armed: a slow vendor, on cue. */
const slowReads = () => {
  let armed = false
  let started: () => void = () => undefined
  let release: () => void = () => undefined
  const handler = http.get("http://erp.test/items", async () => {
    if (!armed) return undefined
    armed = false
    started()
    await new Promise<void>((resolve) => {
      release = resolve
    })
    return undefined // falls through to the vendor's own handler
  })
  return {
    handler,
    arm: () => {
      armed = true
      return new Promise<void>((resolve) => {
        started = resolve
      })
    },
    release: () => release(),
  }
}
const slow = slowReads()
const vendors = setupServer(slow.handler, ...erp.handlers)
beforeAll(() => vendors.listen({ onUnhandledRequest: "bypass" }))
afterAll(() => vendors.close())
afterEach(() => erp.reset())

const config = defineConfig({
  systems: { erp: memory({ baseUrl: "http://erp.test", token: env("ERP_TOKEN") }) },
  flows: { "erp-items": { from: "erp", stream: "items", pageSize: 3, schedule: "*/15 * * * *" } },
})

const startWith = async (stateFile: string, drainTimeout: Duration.DurationInput) => {
  const environment = { ERP_TOKEN: "erp-token-1234", ESL_STATE_FILE: stateFile }
  const app = Effect.runSync(buildMemoryApp(config, environment))
  const events: DaemonEvent[] = []
  const logs: Array<Record<string, unknown>> = []
  const clock = manualCronDriver()
  const daemon = await Effect.runPromise(
    startDaemon({
      app,
      port: 0,
      host: "127.0.0.1",
      driver: clock.driver,
      drainTimeout,
      onEvent: (e) => events.push(e),
    }).pipe(
      Effect.provide(
        Logger.replace(
          Logger.defaultLogger,
          jsonLineLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
        ),
      ),
      Logger.withMinimumLogLevel(LogLevel.Info),
    ),
  )
  return { daemon, events, clock, logs }
}

const seedItems = () =>
  erp.put(
    ...Array.from({ length: 5 }, (_, i) => ({
      sku: `SKU-${i}`,
      title: `Item ${i}`,
      price: i + 1,
      updated_at: `2026-01-01T00:00:0${i}Z`,
    })),
  )

describe("daemon shutdown", () => {
  it("stops scheduling and accepting, lets the job in hand finish and commit, then closes", async () => {
    const state = tempStateFile()
    try {
      seedItems()
      const { daemon, events, clock, logs } = await startWith(state.file, Duration.seconds(30))
      const vendorBusy = slow.arm()
      clock.fire(new Date("2026-03-01T10:15:00.020Z"))
      await vendorBusy

      const closing = daemon.close()
      await vi.waitFor(() => expect(events.map((e) => e.type)).toContain("server-closed"))
      // A tick after the shutdown began enqueues nothing, and the server takes no new connection.
      expect(clock.fire(new Date("2026-03-01T10:30:00.020Z"))).toBe(0)
      await expect(fetch(`${daemon.url}/healthz`)).rejects.toThrow()
      expect(events.map((e) => e.type)).not.toContain("job-finished")

      slow.release()
      await closing
      expect(events.map((e) => e.type)).toEqual([
        "started",
        "tick",
        "job-started",
        "shutdown-requested",
        "schedules-stopped",
        "server-closed",
        "job-finished",
        "drained",
        "closed",
      ])
      const drained = events.find((e) => e.type === "drained")
      expect(drained).toMatchObject({ outcome: "finished", dropped: [] })
      const finished = events.find((e) => e.type === "job-finished")
      expect(finished?.type === "job-finished" && finished.results[0]?.status).toBe("succeeded")
      // The run's log line carries its run id, flow and job as top-level JSON keys.
      expect(logs.find((l) => l.message === "flow run finished")).toMatchObject({
        level: "INFO",
        flow: "erp-items",
        runId: expect.any(String),
        jobId: "tick|erp-items|2026-03-01T10:15:00.000Z",
        trigger: "schedule",
        read: 5,
      })

      // What the job did is committed: every item in the hub, the cursor past the last one.
      const store = openSqliteStateStore(state.file)
      try {
        expect(await Effect.runPromise(store.countRecords("product"))).toBe(5)
        expect(await Effect.runPromise(store.getCursor("erp-items"))).toBeDefined()
        const [run] = await Effect.runPromise(store.listRuns({ flow: "erp-items", limit: 1 }))
        expect(run?.status).toBe("succeeded")
      } finally {
        await Effect.runPromise(store.close())
      }
    } finally {
      state.remove()
    }
  })

  it("closes within the bound when the job in hand does not finish", async () => {
    const state = tempStateFile()
    try {
      seedItems()
      const { daemon, events, clock } = await startWith(state.file, Duration.millis(50))
      const vendorBusy = slow.arm()
      clock.fire(new Date("2026-03-01T10:15:00.020Z"))
      await vendorBusy
      await daemon.close()
      slow.release()
      expect(events.find((e) => e.type === "drained")).toMatchObject({ outcome: "interrupted" })
      expect(events.at(-1)?.type).toBe("closed")
      expect(events.map((e) => e.type)).not.toContain("job-finished")
    } finally {
      state.remove()
    }
  })
})
