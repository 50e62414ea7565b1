import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { odooClient } from "../../connectors/odoo/client.ts"
import { odooSandbox } from "../../connectors/odoo/sandbox/index.ts"
import type { SaleOrderPayload } from "../../connectors/odoo/schemas/saleOrderPayload.ts"
import { saleOrdersSink } from "../../connectors/odoo/sinks/saleOrders.ts"
import { deliveriesStream } from "../../connectors/odoo/streams/deliveries.ts"
import { readAll, run, systemFor } from "../../connectors/odoo/testing.ts"
import { computeTotals, type Order } from "../../core/model/index.ts"
import { decode, decodeFailure, encodeRead, encodeWrite } from "./testing.ts"

const sandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

const eur = (amount: number) => ({ amount, currency: "EUR" })
const line = {
  lineId: "gid://shopify/LineItem/14200001",
  sku: "ALP-HOOD-M-NVY",
  title: "Merino Hoodie – M / Navy",
  quantity: 2,
  unitPrice: eur(8900),
  discounts: [],
  taxLines: [{ title: "MwSt. 19 %", rate: 0.19, amount: eur(2842) }],
}
const lines = [line] as const
const order: Order = {
  channel: "shopify",
  orderNumber: "1012",
  customer: { email: "jonas.weber@example.de" },
  currency: "EUR",
  taxesIncluded: true,
  lines: [line],
  shippingLines: [],
  discounts: [],
  totals: computeTotals({ currency: "EUR", taxesIncluded: true, lines, shippingLines: [], discounts: [] }),
  paymentStatus: "paid",
  payments: [],
  fulfillmentMethod: { kind: "ship" },
  shippingAddress: {
    firstName: "Jonas",
    lastName: "Weber",
    line1: "Lindenstraße 12",
    city: "Berlin",
    postalCode: "10969",
    countryCode: "DE",
  },
  placedAt: "2026-03-06T08:00:00Z",
  status: "confirmed",
  updatedAt: "2026-03-06T08:00:01Z",
}

describe("odoo fulfillment mapping", () => {
  it("maps the seed's done deliveries of S00041 to shipments with carrier, tracking number and warehouse", async () => {
    const system = await systemFor("json2")
    const raws = await readAll(deliveriesStream, system.context)
    const fulfillments = await Promise.all(raws.map((raw) => decode("fulfillment", raw)))
    expect(fulfillments).toEqual([
      {
        channel: "odoo",
        orderNumber: "S00041",
        fulfillmentId: "WH/OUT/00001",
        lines: [{ sku: "ALP-TEE-M-BLK", quantity: 8 }],
        carrier: "DHL Paket",
        trackingNumber: "00340434161094042557",
        locationCode: "WH",
        status: "shipped",
        shippedAt: "2026-02-22T16:10:00Z",
        updatedAt: "2026-02-22T16:10:00Z",
      },
      {
        channel: "odoo",
        orderNumber: "S00041",
        fulfillmentId: "WH/OUT/00002",
        lines: [{ sku: "ALP-TEE-M-BLK", quantity: 4 }],
        carrier: "DHL Paket",
        trackingNumber: "00340434161094042564",
        locationCode: "WH",
        status: "shipped",
        shippedAt: "2026-02-23T14:55:00Z",
        updatedAt: "2026-02-23T15:00:00Z",
      },
    ])
    for (const fulfillment of fulfillments) {
      expect(await decode("fulfillment", await encodeRead("fulfillment", fulfillment))).toEqual(fulfillment)
    }
  })

  it("ships a channel order esl created: confirming makes a ready delivery, validating it brings the shipment back", async () => {
    const system = await systemFor("json2")
    const payload = (await encodeWrite("order", order)) as SaleOrderPayload
    const [written] = await run(saleOrdersSink.write(system.context, [{ naturalKey: "shopify:1012", payload }]))
    if (written?.ok !== true) throw new Error(`order not written: ${JSON.stringify(written)}`)
    const saleId = Number(written.externalId)
    const orm = sandbox.state.orm
    const [pickingId] = orm.search("stock.picking", [["sale_id", "=", saleId]])
    if (pickingId === undefined) throw new Error("confirming created no delivery")
    expect(orm.read("stock.picking", [pickingId], ["state", "picking_type_code", "origin"])).toEqual([
      { id: pickingId, state: "assigned", picking_type_code: "outgoing", origin: orm.get("sale.order", saleId)?.name },
    ])
    const before = (await readAll(deliveriesStream, system.context)).at(-1)
    if (before === undefined) throw new Error("no seed delivery")

    orm.write("stock.picking", [pickingId], { carrier_id: 2, carrier_tracking_ref: "01234567890123" })
    await run(odooClient(system.context).call("stock.picking", "button_validate", { ids: [pickingId] }))

    const fresh = await readAll(deliveriesStream, system.context, { since: deliveriesStream.positionOf(before) })
    expect(await Promise.all(fresh.map((raw) => decode("fulfillment", raw)))).toMatchObject([
      {
        channel: "shopify",
        orderNumber: "1012",
        lines: [{ sku: "ALP-HOOD-M-NVY", quantity: 2 }],
        carrier: "DPD Classic",
        trackingNumber: "01234567890123",
        locationCode: "WH",
        status: "shipped",
      },
    ])
    // The goods left the warehouse (15 on hand before) and the order counts them as delivered.
    const hoodie = orm.search("stock.quant", [
      ["product_id", "=", 5],
      ["location_id", "=", 8],
    ])
    expect(orm.read("stock.quant", hoodie, ["quantity"])).toEqual([{ id: hoodie[0], quantity: 13 }])
    expect(orm.read("sale.order", [saleId], ["delivery_status"])).toEqual([{ id: saleId, delivery_status: "full" }])
  })

  it("refuses a delivery that belongs to no sale order, naming the field", async () => {
    const system = await systemFor("json2")
    sandbox.state.orm.write("stock.picking", [2], { sale_id: false, origin: "manual" })
    const raw = (await readAll(deliveriesStream, system.context)).find((d) => d.name === "WH/OUT/00001")
    const failure = await decodeFailure("fulfillment", raw)
    expect(failure.message).toContain("WH/OUT/00001 belongs to no sale order")
    expect(failure.issues[0]?.path).toBe("$.sale_order")
  })
})
