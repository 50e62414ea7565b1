import { randomUUID } from "node:crypto"
import { Queue } from "bullmq"
import { Effect, Logger, LogLevel } from "effect"
import { afterAll, expect, it, vi } from "vitest"
import { defineConfig } from "../../core/config/index.ts"
import { env } from "../../core/connector/index.ts"
import { type DaemonEvent, type DaemonHandle, startDaemon } from "../../core/runtime/daemon/daemon.ts"
import { type ManualCronDriver, manualCronDriver } from "../../core/runtime/daemon/testing.ts"
import { FLOW_QUEUE, scheduledJobId } from "../../core/runtime/jobs.ts"
import { bullmqQueue } from "../../core/runtime/queue/bullmq.ts"
import { buildMemoryApp, tempStateFile } from "../support/harness.ts"
import { memory } from "../support/memoryVendor.ts"
import { describeWithRedis } from "../support/services.ts"

const config = defineConfig({
  systems: {
    erp: memory({ baseUrl: "http://erp.test", token: env("ERP_TOKEN") }),
    shop: memory({ baseUrl: "http://shop.test", token: env("SHOP_TOKEN") }),
  },
  flows: {
    "erp-items": { from: "erp", stream: "items", schedule: "*/15 * * * *" },
    "shop-items": { to: "shop", sink: "items", schedule: "*/15 * * * *" },
  },
})

describeWithRedis("two daemons on one BullMQ queue", (url) => {
  const prefix = `esl-test-${randomUUID().slice(0, 8)}`
  const states = [tempStateFile(), tempStateFile()]
  const daemons: DaemonHandle[] = []
  afterAll(async () => {
    await Promise.all(daemons.map((d) => d.close()))
    const admin = new Queue(FLOW_QUEUE, { connection: { url }, prefix })
    await admin.obliterate({ force: true })
    await admin.close()
    for (const state of states) state.remove()
  })

  it("enqueues each flow's tick once, however many replicas fire it", async () => {
    const clocks = states.map(() => manualCronDriver())
    const ticks: Array<Extract<DaemonEvent, { type: "tick" }>> = []
    for (const [state, clock] of states.map((s, i) => [s, clocks[i] as ManualCronDriver] as const)) {
      const environment = { ERP_TOKEN: "erp-token-1234", SHOP_TOKEN: "shop-token-1234", ESL_STATE_FILE: state.file }
      const app = await Effect.runPromise(buildMemoryApp(config, environment))
      daemons.push(
        await Effect.runPromise(
          startDaemon({
            app,
            queue: bullmqQueue(url, { prefix }),
            port: 0,
            host: "127.0.0.1",
            driver: clock.driver,
            onEvent: (e) => {
              if (e.type === "tick") ticks.push(e)
            },
          }).pipe(Logger.withMinimumLogLevel(LogLevel.None)),
        ),
      )
    }
    // Both replicas fire the same two ticks, a few hundred milliseconds apart.
    for (const at of ["2026-03-01T10:15:00.003Z", "2026-03-01T10:15:00.700Z"])
      for (const clock of clocks) clock.fire(new Date(at))
    await vi.waitFor(() => expect(ticks).toHaveLength(8), { timeout: 10_000 })

    const tick = new Date("2026-03-01T10:15:00.000Z")
    const admin = new Queue(FLOW_QUEUE, { connection: { url }, prefix })
    try {
      const jobs = await admin.getJobs(["waiting", "prioritized", "active", "delayed", "completed", "failed"])
      expect(jobs.map((j) => j.id).sort()).toEqual([
        scheduledJobId("erp-items", tick),
        scheduledJobId("shop-items", tick),
      ])
    } finally {
      await admin.close()
    }
    expect(ticks.filter((t) => !t.duplicate)).toHaveLength(2)

    // With a queue on Redis, readiness includes it.
    const ready = (await (await fetch(`${daemons[0]?.url}/readyz`)).json()) as {
      checks: Record<string, { ok: boolean }>
    }
    expect(ready.checks.queue?.ok).toBe(true)
    const metrics = await (await fetch(`${daemons[1]?.url}/metrics`)).text()
    expect(metrics).toContain('esl_queue_depth{state="waiting"} 2')
  })
})
