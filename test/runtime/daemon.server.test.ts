import { Effect, Layer, Logger, LogLevel } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import { defineConfig } from "../../core/config/index.ts"
import { env, type WebhookDelivery } from "../../core/connector/index.ts"
import { type DaemonEvent, type DaemonHandle, startDaemon } from "../../core/runtime/daemon/daemon.ts"
import { manualCronDriver } from "../../core/runtime/daemon/testing.ts"
import type { WebhookHandler } from "../../core/runtime/jobs.ts"
import { StateError, StateStore } from "../../core/state/index.ts"
import { buildMemoryApp, tempStateFile } from "../support/harness.ts"
import { memory, memoryVendor } from "../support/memoryVendor.ts"

const erp = memoryVendor({ origin: "http://erp.test", token: "erp-token-1234" })
const shop = memoryVendor({ origin: "http://shop.test", token: "shop-token-1234" })
// The daemon's own port is real HTTP: only the vendors are mocked.
const vendors = setupServer(...erp.handlers, ...shop.handlers)
beforeAll(() => vendors.listen({ onUnhandledRequest: "bypass" }))
afterAll(() => vendors.close())

const config = defineConfig({
  systems: {
    erp: memory({ baseUrl: "http://erp.test", token: env("ERP_TOKEN") }),
    shop: memory({ baseUrl: "http://shop.test", token: env("SHOP_TOKEN") }),
  },
  flows: {
    "erp-items": { from: "erp", stream: "items", pageSize: 3, schedule: "*/15 * * * *" },
    "shop-items": { to: "shop", sink: "items", schedule: "*/15 * * * *" },
  },
})

const state = tempStateFile()
const environment = { ERP_TOKEN: "erp-token-1234", SHOP_TOKEN: "shop-token-1234", ESL_STATE_FILE: state.file }
const app = Effect.runSync(buildMemoryApp(config, environment))
afterAll(() => state.remove())

const quiet = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

const running: DaemonHandle[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.close()))
  erp.reset()
  shop.reset()
})

const start = async (
  overrides: { webhookHandler?: WebhookHandler; state?: typeof app.state; maxBodyBytes?: number } = {},
) => {
  const events: DaemonEvent[] = []
  const clock = manualCronDriver()
  const daemon = await quiet(
    startDaemon({
      app: overrides.state ? { ...app, state: overrides.state } : app,
      port: 0,
      host: "127.0.0.1",
      driver: clock.driver,
      onEvent: (e) => events.push(e),
      ...(overrides.webhookHandler ? { webhookHandler: overrides.webhookHandler } : {}),
      ...(overrides.maxBodyBytes !== undefined ? { maxBodyBytes: overrides.maxBodyBytes } : {}),
    }),
  )
  running.push(daemon)
  return { daemon, events, clock }
}

describe("daemon HTTP server", () => {
  it("answers /healthz with 200 and an unknown route with 404", async () => {
    const { daemon } = await start()
    const health = await fetch(`${daemon.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: "ok" })
    expect((await fetch(`${daemon.url}/nope`)).status).toBe(404)
    // Without a webhook handler, webhooks are an unknown route too.
    expect((await fetch(`${daemon.url}/webhooks/erp`, { method: "POST", body: "{}" })).status).toBe(404)
  })

  it("is ready when the store and every system answer", async () => {
    const { daemon } = await start()
    // Systems are checked in the background from the start: until they answer, not ready.
    const ready = await vi.waitFor(async () => {
      const answer = await fetch(`${daemon.url}/readyz`)
      expect(answer.status).toBe(200)
      return answer
    })
    const body = (await ready.json()) as { checks: Record<string, { ok: boolean }> }
    expect(Object.keys(body.checks).sort()).toEqual(["state", "system:erp", "system:shop"])
  })

  it("is not ready (503) when a system's check fails, and says which", async () => {
    erp.token = "rotated-token-0000"
    const { daemon } = await start()
    type Report = { checks: Record<string, { ok: boolean; detail: string }> }
    const { ready, body } = await vi.waitFor(async () => {
      const answer = await fetch(`${daemon.url}/readyz`)
      const report = (await answer.json()) as Report
      expect(report.checks["system:shop"]?.ok).toBe(true)
      expect(report.checks["system:erp"]?.detail).not.toBe("not checked yet")
      return { ready: answer, body: report }
    })
    expect(ready.status).toBe(503)
    expect(body.checks["system:erp"]?.ok).toBe(false)
    expect(body.checks["system:erp"]?.detail).not.toContain("erp-token-1234")
    expect(body.checks["system:shop"]?.ok).toBe(true)
    expect(body.checks.state?.ok).toBe(true)
  })

  it("is not ready (503) when the state store is unreachable", async () => {
    const broken = Layer.effect(
      StateStore,
      Effect.map(StateStore, (store) => ({
        ...store,
        lastChangeSeq: () => Effect.fail(new StateError({ operation: "lastChangeSeq", detail: "connection refused" })),
      })),
    ).pipe(Layer.provide(app.state))
    const { daemon } = await start({ state: broken })
    const ready = await fetch(`${daemon.url}/readyz`)
    const body = (await ready.json()) as { checks: Record<string, { ok: boolean; detail: string }> }
    expect(ready.status).toBe(503)
    expect(body.checks.state).toMatchObject({ ok: false })
    expect(body.checks.state?.detail).toContain("connection refused")
  })

  it("exposes Prometheus metrics with flow labels after a run", async () => {
    erp.put(
      { sku: "A-1", title: "One", price: 1, updated_at: "2026-01-01T00:00:01Z" },
      { sku: "A-2", title: "Two", price: 2, updated_at: "2026-01-01T00:00:02Z" },
    )
    const { daemon, events, clock } = await start()
    clock.fire(new Date("2026-03-01T10:15:00.010Z"), "erp-items")
    await vi.waitFor(() => expect(events.some((e) => e.type === "job-finished")).toBe(true))
    const response = await fetch(`${daemon.url}/metrics`)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toContain("text/plain")
    const text = await response.text()
    expect(text).toContain('esl_records_total{flow="erp-items",outcome="read"} 2')
    expect(text).toContain('esl_records_total{flow="erp-items",outcome="created"} 2')
    expect(text).toContain('esl_run_duration_seconds_count{flow="erp-items"} 1')
    expect(text).toContain('esl_runs_total{flow="erp-items",status="succeeded"} 1')
    // Two products reached the hub and shop-items has not sent them yet.
    expect(text).toContain('esl_cursor_lag{flow="shop-items"} 2')
    expect(text).toContain('esl_dead_letters{flow="erp-items"} 0')
    expect(text).toContain('esl_queue_depth{state="waiting"} 0')
    expect(text).toContain('esl_rate_limit_waits_total{system="erp"} 0')
    expect(text).toContain('esl_rate_limit_wait_seconds_total{system="shop"} 0')
  })

  it("passes a webhook's raw bytes and lower-cased headers to the handler and answers its status", async () => {
    const received: Array<{ system: string; delivery: WebhookDelivery }> = []
    const webhookHandler: WebhookHandler = (system, delivery) =>
      Effect.sync(() => {
        received.push({ system, delivery })
        return { status: 202, body: { accepted: 1 } }
      })
    const { daemon } = await start({ webhookHandler, maxBodyBytes: 64 })
    // Bytes a JSON re-serialisation would change: spacing, key order, a non-UTF-8 byte.
    const raw = Buffer.concat([Buffer.from('{ "b":1,  "a":"é" }'), Buffer.from([0xff, 0x0a])])
    const response = await fetch(`${daemon.url}/webhooks/shop`, {
      method: "POST",
      headers: { "X-Shop-Signature": "sig=abc", "Content-Type": "application/json" },
      body: raw,
    })
    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({ accepted: 1 })
    expect(received).toHaveLength(1)
    expect(received[0]?.system).toBe("shop")
    expect(received[0]?.delivery.rawBody.equals(raw)).toBe(true)
    expect(received[0]?.delivery.headers["x-shop-signature"]).toBe("sig=abc")
    expect(received[0]?.delivery.headers["content-type"]).toBe("application/json")

    const tooLarge = await fetch(`${daemon.url}/webhooks/shop`, { method: "POST", body: "x".repeat(65) })
    expect(tooLarge.status).toBe(413)
    expect((await fetch(`${daemon.url}/webhooks/shop`)).status).toBe(405)
    expect(received).toHaveLength(1)
  })
})
