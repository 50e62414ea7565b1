/**
 * Webhook intake end to end: a signed Shopify delivery → `makeWebhookHandler` → an in-process
 * queue → `processRecordsJob` → the hub → the Odoo sandbox, with the real `buildApp`, the real
 * mappings and the SQLite store on a temp file. Forged, stale and replayed deliveries answer 401
 * and leave no trace.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, Logger, LogLevel, Stream } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { odoo } from "../../connectors/odoo/index.ts"
import { odooSandbox, SANDBOX_API_KEY, SANDBOX_DATABASE } from "../../connectors/odoo/sandbox/index.ts"
import { order1003 } from "../../connectors/shopify/fixtures/orders.ts"
import { shopify } from "../../connectors/shopify/index.ts"
import { shopifySandbox } from "../../connectors/shopify/sandbox/index.ts"
import type { SandboxOrder } from "../../connectors/shopify/sandbox/state.ts"
import { shopifySignature } from "../../connectors/shopify/webhooks.ts"
import { defineConfig, sqlite } from "../../core/config/index.ts"
import { env, type WebhookDelivery } from "../../core/connector/index.ts"
import { type App, buildApp } from "../../core/runtime/app.ts"
import { type Job, type JobQueue, QueueError, type RecordsJob } from "../../core/runtime/jobs.ts"
import {
  makeWebhookHandler,
  processRecordsJob,
  pruneRememberedWebhookEvents,
  type RecordsJobResult,
  webhookJobId,
} from "../../core/runtime/webhooks/index.ts"
import { openSqliteStateStore, StateStore, type StateStoreShape } from "../../core/state/index.ts"
import { type InboundFlow, runInboundFlow } from "../../core/sync/index.ts"
import { defaultMappings } from "../../mappings/index.ts"

const SECRET = "whsec_alpenglow_webhooks_7c1e"
const environment = {
  SHOPIFY_TOKEN: "shpat_webhook_test",
  ODOO_API_KEY: SANDBOX_API_KEY,
  SHOPIFY_WEBHOOK_SECRET: SECRET,
}

const shopSandbox = shopifySandbox()
const erpSandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...shopSandbox.handlers, ...erpSandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => {
  shopSandbox.reset()
  erpSandbox.reset()
})
afterAll(() => server.close())

const configWith = (file: string) =>
  defineConfig({
    systems: {
      erp: odoo({
        baseUrl: "https://odoo.test",
        apiKey: env("ODOO_API_KEY"),
        database: SANDBOX_DATABASE,
        rateLimit: 1000,
      }),
      shop: shopify({
        shop: "alpenglow",
        baseUrl: "https://alpenglow.myshopify.com",
        accessToken: env("SHOPIFY_TOKEN"),
        webhookSecret: env("SHOPIFY_WEBHOOK_SECRET"),
        locations: { WH: "Central Warehouse Hamburg", BER: "Berlin Mitte Store" },
      }),
    },
    ownership: { order: { "*": "shop" }, customer: { "*": "shop" } },
    flows: {
      "shop-orders": { from: "shop", stream: "orders" },
      "erp-orders": { to: "erp", sink: "saleOrders" },
    },
    state: sqlite(file),
  })

/** A queue that keeps what it is given, one job per id, as the in-process queue does. */
const memoryQueue = () => {
  const jobs: Array<{ readonly id: string; readonly job: Job }> = []
  let next = 0
  const queue: JobQueue = {
    kind: "in-process",
    enqueue: (job, options) =>
      Effect.sync(() => {
        const id = options?.jobId ?? `job-${++next}`
        if (jobs.some((j) => j.id === id)) return { jobId: id, duplicate: true }
        jobs.push({ id, job })
        return { jobId: id, duplicate: false }
      }),
    depth: () => Effect.succeed({ waiting: jobs.length, active: 0, delayed: 0, failed: 0 }),
    close: () => Effect.void,
  }
  return { queue, jobs }
}

let dir: string
let app: App
let store: StateStoreShape
let queue: ReturnType<typeof memoryQueue>
let handle: ReturnType<typeof makeWebhookHandler>

const quiet = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))
const exec = <A, E>(effect: Effect.Effect<A, E, StateStore>) =>
  quiet(Effect.provide(effect, Layer.succeed(StateStore, store)))

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "esl-webhooks-"))
  app = await quiet(buildApp(configWith(join(dir, "state.db")), { mappings: defaultMappings, environment }))
  store = openSqliteStateStore(join(dir, "state.db"))
  queue = memoryQueue()
  handle = makeWebhookHandler({ app, queue: queue.queue, store })
})
afterEach(() => {
  Effect.runSync(Effect.ignore(store.close()))
  rmSync(dir, { recursive: true, force: true })
})

const ORDER_ID = "gid://shopify/Order/5912345679001"
const ORDER_KEY = "shopify:1099"

/** Sophie orders again: #1003's lines, a new order number, placed a minute ago. */
const addOrder = (updatedAt: Date): SandboxOrder => {
  const order: SandboxOrder = {
    ...structuredClone(order1003),
    id: ORDER_ID,
    name: "#1099",
    processedAt: new Date(updatedAt.getTime() - 2_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    updatedAt: updatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    createdAt: updatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
  }
  shopSandbox.state.orders.push(order)
  return order
}

const EVENT_ID = "7f0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"

/** A delivery as Shopify sends it: the raw body's HMAC with the app's secret, triggered just now. */
const delivery = (
  options: {
    readonly topic?: string
    readonly eventId?: string
    readonly secret?: string
    readonly triggeredAt?: Date
    readonly receivedAt?: Date
    readonly body?: object
  } = {},
): WebhookDelivery => {
  const receivedAt = options.receivedAt ?? new Date()
  const rawBody = Buffer.from(
    JSON.stringify(options.body ?? { id: 5912345679001, admin_graphql_api_id: ORDER_ID, name: "#1099" }),
    "utf8",
  )
  return {
    rawBody,
    receivedAt,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": options.topic ?? "orders/create",
      "X-Shopify-Shop-Domain": "alpenglow.myshopify.com",
      "X-Shopify-API-Version": "2025-01",
      "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd099",
      "X-Shopify-Event-Id": options.eventId ?? EVENT_ID,
      "X-Shopify-Triggered-At": (options.triggeredAt ?? new Date(receivedAt.getTime() - 1_500)).toISOString(),
      "X-Shopify-Hmac-SHA256": shopifySignature(options.secret ?? SECRET, rawBody),
    },
  }
}

/** Runs every queued records job, as the worker would. */
const drain = async (): Promise<ReadonlyArray<RecordsJobResult>> => {
  const results: RecordsJobResult[] = []
  for (const { job } of queue.jobs.splice(0)) {
    if (job.kind !== "records") throw new Error(`unexpected ${job.kind} job`)
    results.push(await exec(processRecordsJob(app, job)))
  }
  return results
}

const hubOrder = async () => (await exec(store.recordsByNaturalKey("order", [ORDER_KEY]))).get(ORDER_KEY)
const saleOrders = () => erpSandbox.state.orm.search("sale.order", [["client_order_ref", "=", ORDER_KEY]])

/** Everything a delivery could have left behind. */
const traces = async () => ({
  records: await exec(store.countRecords()),
  changes: await exec(store.lastChangeSeq()),
  xrefs: (await exec(store.xrefsByExternalId("shop", "order", [ORDER_ID]))).size,
  deadLetters: await exec(store.countDeadLetters({})),
  jobs: queue.jobs.length,
  saleOrders: saleOrders().length,
})
const untouched = { records: 0, changes: 0, xrefs: 0, deadLetters: 0, jobs: 0, saleOrders: 0 }

/** True when the event id is not remembered (probing remembers it, so call it last). */
const neverRemembered = (eventId: string) => exec(store.rememberWebhookEvent("shop", eventId, new Date().toISOString()))

describe("webhook intake: Shopify orders → hub → Odoo", () => {
  it("a signed orders/create delivery is accepted with 202, and its job puts the order in the hub and a confirmed sale order in Odoo", async () => {
    addOrder(new Date(Date.now() - 60_000))
    const started = Date.now()

    const answer = await quiet(handle("shop", delivery()))
    expect(answer).toEqual({
      status: 202,
      body: { accepted: 1, jobIds: [webhookJobId("shop", EVENT_ID, "shop-orders")] },
    })
    expect(queue.jobs.map((j) => j.job)).toEqual([
      { kind: "records", flow: "shop-orders", externalIds: [ORDER_ID], eventId: EVENT_ID } satisfies RecordsJob,
    ])
    expect(webhookJobId("shop", EVENT_ID, "shop-orders")).not.toContain(":")

    const [result] = await drain()
    expect(result?.inbound).toMatchObject({ read: 1, created: 1, failed: 0 })
    expect(result?.missing).toEqual([])
    expect(result?.outbound.map((r) => [r.flow, r.status, r.counts.created])).toEqual([["erp-orders", "succeeded", 1]])

    const hub = await hubOrder()
    expect(hub?.payload).toMatchObject({ channel: "shopify", orderNumber: "1099", paymentStatus: "paid" })
    const erpId = (await exec(store.xrefsByCanonicalId("erp", "order", [hub?.canonicalId ?? ""]))).get(
      hub?.canonicalId ?? "",
    )?.externalId
    const [saleOrder] = saleOrders()
    expect(erpId).toBe(String(saleOrder))
    expect(erpSandbox.state.orm.read("sale.order", [saleOrder ?? 0], ["state", "client_order_ref", "origin"])).toEqual([
      { id: saleOrder, state: "sale", client_order_ref: ORDER_KEY, origin: "shopify" },
    ])
    // The job does not move the polling cursor: the next scheduled run still reads from where it was.
    expect(await exec(store.getCursor("shop-orders"))).toBeUndefined()
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it("a forged signature is refused with 401 and leaves no trace: no record, no xref, no event, no job", async () => {
    addOrder(new Date(Date.now() - 60_000))
    const answer = await quiet(handle("shop", delivery({ secret: "whsec_guessed" })))
    expect(answer).toEqual({
      status: 401,
      body: { error: "bad-signature", detail: "X-Shopify-Hmac-SHA256 does not match the body" },
    })
    // A body changed after signing is a forgery too.
    const signed = delivery()
    const tampered = { ...signed, rawBody: Buffer.from(signed.rawBody.toString("utf8").replace("#1099", "#1100")) }
    expect((await quiet(handle("shop", tampered))).status).toBe(401)
    const unsigned = delivery()
    const { "X-Shopify-Hmac-SHA256": _, ...headers } = unsigned.headers
    expect(await quiet(handle("shop", { ...unsigned, headers }))).toMatchObject({
      status: 401,
      body: { error: "missing-signature" },
    })

    expect(JSON.stringify(answer)).not.toContain(SECRET)
    expect(await traces()).toEqual(untouched)
    expect(await neverRemembered(EVENT_ID)).toBe(true)
  })

  it("a replayed delivery (an event id seen before) is refused with 401 'replayed' and queues no second job", async () => {
    addOrder(new Date(Date.now() - 60_000))
    expect((await quiet(handle("shop", delivery()))).status).toBe(202)
    await drain()
    const before = await traces()

    // The same event again, validly signed and fresh (an attacker replaying it, or a retry).
    const replay = await quiet(handle("shop", delivery({ receivedAt: new Date(Date.now() + 1_000) })))
    expect(replay).toEqual({
      status: 401,
      body: { error: "replayed", detail: `event ${EVENT_ID} was received before` },
    })
    expect(queue.jobs).toEqual([])
    expect(await traces()).toEqual(before)
    expect(before).toMatchObject({ records: 1, saleOrders: 1 })

    // The handler opening the app's own state (no store given) sees the same events.
    const fromAppState = makeWebhookHandler({ app, queue: queue.queue })
    expect((await quiet(fromAppState("shop", delivery()))).body).toMatchObject({ error: "replayed" })
    expect((await quiet(fromAppState("shop", delivery({ eventId: "another-event" })))).status).toBe(202)
  })

  it("a stale delivery (triggered more than five minutes before it arrived) is refused with 401", async () => {
    addOrder(new Date(Date.now() - 600_000))
    const receivedAt = new Date()
    const answer = await quiet(
      handle("shop", delivery({ receivedAt, triggeredAt: new Date(receivedAt.getTime() - 5 * 60_000 - 1_000) })),
    )
    expect(answer.status).toBe(401)
    expect(answer.body).toMatchObject({ error: "stale" })
    expect(await traces()).toEqual(untouched)
    expect(await neverRemembered(EVENT_ID)).toBe(true)
  })

  it("a polled copy older than the webhook's version does not overwrite it", async () => {
    const created = new Date(Date.now() - 120_000)
    const order = addOrder(created)
    const shopOrders = app.flows.find((f): f is InboundFlow => f.name === "shop-orders" && f.kind === "inbound")!
    // What a poll that started before the update read (its page commits after the webhook's job).
    const [oldCopy] = await quiet(shopOrders.stream.readByIds!(shopOrders.system.context, [ORDER_ID]))
    expect(oldCopy).toMatchObject({ id: ORDER_ID, note: null })

    // The customer adds a note: Shopify bumps updatedAt and sends orders/updated.
    const updated: SandboxOrder = {
      ...order,
      note: "Bitte beim Nachbarn abgeben",
      updatedAt: new Date(created.getTime() + 60_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    }
    shopSandbox.state.orders[shopSandbox.state.orders.indexOf(order)] = updated
    expect((await quiet(handle("shop", delivery({ topic: "orders/updated", eventId: "evt-updated" })))).status).toBe(
      202,
    )
    await drain()
    const fromWebhook = await hubOrder()
    expect(fromWebhook?.payload).toMatchObject({ note: "Bitte beim Nachbarn abgeben" })
    expect(fromWebhook?.updatedAt).toBe(updated.updatedAt)

    // The poll delivers the older copy of the same order.
    const stalePoll: InboundFlow = {
      ...shopOrders,
      stream: { ...shopOrders.stream, read: () => Stream.make([oldCopy]) },
    }
    const counts = await exec(runInboundFlow(stalePoll, { full: true }))
    expect(counts).toMatchObject({ read: 1, created: 0, updated: 0, unchanged: 1, failed: 0 })
    const after = await hubOrder()
    expect(after?.payload).toEqual(fromWebhook?.payload)
    expect(after?.updatedAt).toBe(updated.updatedAt)
    expect(await exec(store.lastChangeSeq("order"))).toBe(1)
    // The Odoo order carries the note from the webhook's version.
    const [saleOrder] = saleOrders()
    expect(erpSandbox.state.orm.read("sale.order", [saleOrder ?? 0], ["note"])[0]?.note).toContain("Nachbarn")
  })
})

describe("webhook intake: what it does not take", () => {
  it("answers 404 for an unknown system and for a system whose connector takes no webhooks", async () => {
    expect(await quiet(handle("nope", delivery()))).toMatchObject({ status: 404 })
    expect(await quiet(handle("erp", delivery()))).toMatchObject({ status: 404 })
    expect(queue.jobs).toEqual([])
  })

  it("acknowledges an authentic delivery of an unhandled topic or an unread stream without queueing", async () => {
    expect(await quiet(handle("shop", delivery({ topic: "app/uninstalled", body: { id: 1 } })))).toMatchObject({
      status: 202,
      body: { accepted: 0 },
    })
    const product = await quiet(
      handle(
        "shop",
        delivery({
          topic: "products/update",
          eventId: "evt-product",
          body: { admin_graphql_api_id: "gid://shopify/Product/8912345678901" },
        }),
      ),
    )
    expect(product).toEqual({ status: 202, body: { accepted: 0, jobIds: [], ignored: ["evt-product"] } })
    expect(queue.jobs).toEqual([])
  })

  it("answers 400 for a signed delivery that names no record, and 503 (forgetting the event) when the queue is down", async () => {
    expect(await quiet(handle("shop", delivery({ body: { id: 1 } })))).toMatchObject({
      status: 400,
      body: { error: "malformed" },
    })
    const down = makeWebhookHandler({
      app,
      store,
      queue: {
        ...queue.queue,
        enqueue: () => Effect.fail(new QueueError({ operation: "add", detail: "ECONNREFUSED" })),
      },
    })
    expect(await quiet(down("shop", delivery()))).toMatchObject({ status: 503, body: { error: "queue-unavailable" } })
    // The vendor's retry is accepted once the queue is back.
    expect((await quiet(handle("shop", delivery()))).status).toBe(202)
  })
})

describe("remembered events", () => {
  it("are pruned after the retention period, after which the event id counts as new", async () => {
    const now = new Date("2026-03-10T12:00:00.000Z")
    await exec(store.rememberWebhookEvent("shop", "evt-old", "2026-03-01T12:00:00.000Z"))
    await exec(store.rememberWebhookEvent("shop", "evt-recent", "2026-03-05T12:00:00.000Z"))
    expect(await exec(pruneRememberedWebhookEvents({ now }))).toBe(1)
    expect(await exec(pruneRememberedWebhookEvents({ now, days: 1 }))).toBe(1)
    expect(await exec(store.rememberWebhookEvent("shop", "evt-old", now.toISOString()))).toBe(true)
  })
})

describe("records jobs", () => {
  it("count records the vendor no longer has as missing, and refuse a flow that is not inbound", async () => {
    const result = await exec(
      processRecordsJob(app, {
        kind: "records",
        flow: "shop-orders",
        externalIds: ["gid://shopify/Order/1"],
        eventId: "evt-deleted",
      }),
    )
    expect(result).toMatchObject({ inbound: { read: 0, created: 0 }, missing: ["gid://shopify/Order/1"] })
    const failure = await quiet(
      Effect.flip(
        Effect.provide(
          processRecordsJob(app, { kind: "records", flow: "erp-orders", externalIds: [], eventId: "e" }),
          Layer.succeed(StateStore, store),
        ),
      ),
    )
    expect(failure).toMatchObject({ _tag: "RecordsJobError", flow: "erp-orders" })
  })
})
