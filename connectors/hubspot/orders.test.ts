import { Effect } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { SystemInstance, WriteItem } from "../../core/connector/index.ts"
import type { HubspotConfig } from "./config.ts"
import { hubspotSandbox } from "./sandbox/index.ts"
import { associatedWith } from "./sandbox/state.ts"
import type { OrderPayload } from "./schemas/payload.ts"
import { ordersSink } from "./sinks/orders.ts"
import { ordersStream } from "./streams/orders.ts"
import { readAll, run, systemFor } from "./testing.ts"

const sandbox = hubspotSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
let system: SystemInstance<HubspotConfig>

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" })
  system = await systemFor()
})
afterEach(() => sandbox.reset())
afterAll(() => server.close())

const webOrder = (number: string, lineItems: OrderPayload["lineItems"]): WriteItem<OrderPayload> => ({
  naturalKey: `shopify:${number}`,
  payload: {
    properties: {
      hs_order_name: `#${number}`,
      hs_external_order_id: number,
      hs_source_store: "shopify",
      hs_currency_code: "EUR",
      hs_total_price: "39.90",
    },
    lineItems,
    contactEmail: "jonas.becker@example.com",
    updatedAt: "2026-03-12T10:00:00Z",
  },
})

const tee = { name: "Alpenglow Merino T-Shirt – M / Schwarz", hs_sku: "ALP-TEE-M-BLK", quantity: "1", price: "39.90" }

describe("hubspot orders", () => {
  it("reads orders with their line items and their contact's e-mail", async () => {
    const [order, ...rest] = await readAll(ordersStream, system.context)
    expect(rest).toEqual([])
    expect(order?.order.properties.hs_external_order_id).toBe("1042")
    expect(order?.lineItems.map((l) => l.properties.hs_sku)).toEqual(["ALP-TEE-M-BLK", "ALP-BOTTLE-075"])
    expect(order?.contactEmail).toBe("lena.schneider@example.de")
  })

  it("creates an order with its line items, associated with the customer's contact, and links it next time", async () => {
    const item = webOrder("1077", [tee])
    const [created] = await run(ordersSink.write(system.context, [item]))
    expect(created).toMatchObject({ ok: true, action: "created" })
    const id = created?.ok ? created.externalId : ""
    expect(associatedWith(sandbox.state, "orders", id, "contacts").map((a) => a.toId)).toEqual(["503"])
    const lines = associatedWith(sandbox.state, "orders", id, "line_items")
    expect(lines.map((l) => sandbox.state.objects.line_items?.get(l.toId)?.properties.hs_sku)).toEqual([
      "ALP-TEE-M-BLK",
    ])

    const found = await run(ordersSink.lookup(system.context, ["shopify:1077", "shopify:1042", "alpenglow-web:1042"]))
    expect(Object.fromEntries(found)).toEqual({ "shopify:1077": id, "alpenglow-web:1042": "7001" })
    const [updated] = await run(ordersSink.write(system.context, [{ ...item, externalId: id }]))
    expect(updated).toMatchObject({ ok: true, action: "updated", externalId: id })
  })

  it("fails only the order whose line items HubSpot refuses, with HubSpot's message", async () => {
    const outcomes = await run(
      ordersSink.write(system.context, [webOrder("1078", [tee]), webOrder("1079", [{ ...tee, quantity: "zwei" }])]),
    )
    expect(outcomes.map((o) => o.ok)).toEqual([true, false])
    const failed = outcomes[1]
    if (failed?.ok === false) expect(failed.error.reason).toContain("INVALID_DECIMAL")
    const numbers = [...(sandbox.state.objects.orders?.values() ?? [])].map((o) => o.properties.hs_external_order_id)
    expect(numbers.sort()).toEqual(["1042", "1078"])
  })

  it("reads an order by id", async () => {
    const records = await run(Effect.suspend(() => ordersStream.readByIds!(system.context, ["7001"])))
    expect(records.map((r) => r.lineItems.length)).toEqual([2])
  })
})
