import { Effect } from "effect"
import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import saleOrders from "../../connectors/odoo/fixtures/sale-orders.json" with { type: "json" }
import { odooSandbox } from "../../connectors/odoo/sandbox/index.ts"
import type { SaleOrderPayload } from "../../connectors/odoo/schemas/saleOrderPayload.ts"
import { saleOrdersSink } from "../../connectors/odoo/sinks/saleOrders.ts"
import { saleOrdersStream } from "../../connectors/odoo/streams/saleOrders.ts"
import { run, systemFor } from "../../connectors/odoo/testing.ts"
import { computeTotals, type Order } from "../../core/model/index.ts"
import { decode, decodeFailure, decodeWrite, encodeRead, encodeWrite } from "./testing.ts"

const [b2b, withShipping, clickAndCollect] = saleOrders

const sandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

const eur = (amount: number) => ({ amount, currency: "EUR" })
const vat19 = (amount: number) => ({ title: "MwSt. 19 %", rate: 0.19, amount: eur(amount) })

/**
 * A Shopify order, net prices plus German VAT as Odoo computes it (19 % per line, rounded):
 *   2 × 29.95 − 10 % = 53.91, VAT 10.24; 1 × 19.99, VAT 3.80; DHL 4.90, VAT 0.93 → 93.77
 */
const lines = [
  {
    lineId: "gid://shopify/LineItem/14100001",
    sku: "ALP-TEE-M-BLK",
    title: "Organic Cotton T-Shirt – M / Black",
    quantity: 2,
    unitPrice: eur(2995),
    discounts: [{ code: "SPRING10", title: "10% off", amount: eur(599) }],
    taxLines: [vat19(1024)],
  },
  {
    lineId: "gid://shopify/LineItem/14100002",
    sku: "ALP-BEANIE",
    title: "Wool Beanie",
    quantity: 1,
    unitPrice: eur(1999),
    discounts: [],
    taxLines: [vat19(380)],
  },
] as const
const shippingLines = [{ title: "DHL Paket", code: "dhl-paket", amount: eur(490), taxLines: [vat19(93)] }]

const shopifyOrder: Order = {
  channel: "shopify",
  orderNumber: "1005",
  customer: { email: "lena.vogel@example.de" },
  currency: "EUR",
  taxesIncluded: false,
  lines: [...lines],
  shippingLines,
  discounts: [],
  totals: computeTotals({ currency: "EUR", taxesIncluded: false, lines, shippingLines, discounts: [] }),
  paymentStatus: "paid",
  payments: [{ gateway: "shopify_payments", amount: eur(9377), status: "captured" }],
  fulfillmentMethod: { kind: "ship" },
  billingAddress: {
    firstName: "Lena",
    lastName: "Vogel",
    line1: "Bergstraße 5",
    city: "Heidelberg",
    postalCode: "69120",
    countryCode: "DE",
  },
  shippingAddress: {
    firstName: "Lena",
    lastName: "Vogel",
    line1: "Hauptstraße 120",
    line2: "c/o Kletterzentrum",
    city: "Heidelberg",
    postalCode: "69117",
    countryCode: "DE",
  },
  placedAt: "2026-03-05T14:22:10Z",
  status: "open",
  note: "Bitte klingeln",
  updatedAt: "2026-03-05T14:22:11Z",
}

describe("odoo order mapping: reading sale orders", () => {
  it("maps a B2B order entered in Odoo to the system's channel, numbered by its name, with Odoo's totals", async () => {
    const order = await decode("order", b2b)
    expect(order).toMatchObject({
      channel: "odoo",
      orderNumber: "S00041",
      customer: { customerNumber: "C-10001", email: "einkauf@bergwerk-sport.de" },
      status: "partially_fulfilled",
      placedAt: "2026-02-21T09:12:00Z",
      fulfillmentMethod: { kind: "ship" },
      shippingAddress: {
        company: "Bergwerk Sport GmbH",
        firstName: "Lager",
        lastName: "Garching",
        line1: "Industriestraße 7",
      },
    })
    expect(order.totals).toEqual({
      subtotal: eur(50040),
      discountTotal: eur(0),
      shippingTotal: eur(0),
      taxTotal: eur(9507),
      grandTotal: eur(59547),
    })
  })

  it("maps percent discounts to amounts and delivery lines to shipping", async () => {
    const order = await decode("order", withShipping)
    expect(order.lines).toEqual([
      {
        lineId: "3",
        sku: "ALP-BEANIE",
        title: "[ALP-BEANIE] Wool Beanie",
        quantity: 1,
        unitPrice: eur(1999),
        discounts: [{ title: "10% off", amount: eur(200) }],
        taxLines: [{ title: "19% incl.", rate: 0.19, amount: eur(287) }],
      },
    ])
    expect(order.shippingLines).toEqual([
      {
        title: "Standard Shipping",
        code: "SHIP",
        amount: eur(490),
        taxLines: [{ title: "19% incl.", rate: 0.19, amount: eur(78) }],
      },
    ])
    // Gross prices (the taxes are price-included): the total is what the lines say, taxes within.
    expect(order).toMatchObject({
      status: "open",
      taxesIncluded: true,
      totals: { grandTotal: eur(2289), taxTotal: eur(365) },
    })
  })

  it("reads esl's client_order_ref back as channel and order number, and a store delivery address as click & collect", async () => {
    expect(await decode("order", clickAndCollect)).toMatchObject({
      channel: "shopify",
      orderNumber: "987",
      customer: { email: "Sophie.Brandt@example.com" },
      fulfillmentMethod: { kind: "pickup", locationCode: "BER" },
      status: "confirmed",
    })
  })

  it.each([
    ["S00041", b2b],
    ["S00042", withShipping],
    ["S00043", clickAndCollect],
  ])("maps %s back to a record that maps to the same order", async (_name, raw) => {
    const order = await decode("order", raw)
    expect(await decode("order", await encodeRead("order", order))).toEqual(order)
  })

  it("refuses an order whose lines do not add up to Odoo's total", async () => {
    const error = await decodeFailure("order", { ...b2b, amount_total: 595.48 })
    expect(error.issues).toEqual([
      {
        path: "$.amount_total",
        message:
          "Odoo's total 595.48 is not the sum of its lines (59547 minor units); is the company rounding taxes globally?",
      },
    ])
  })
})

describe("odoo order mapping: writing channel orders", () => {
  it("writes lines by SKU with unit price, discount percent and tax rates, shipping as a delivery line", async () => {
    const payload = (await encodeWrite("order", shopifyOrder)) as SaleOrderPayload
    expect(payload).toMatchObject({
      client_order_ref: "shopify:1005",
      origin: "shopify",
      date_order: "2026-03-05 14:22:10",
      currency: "EUR",
      prices_include_tax: false,
      customer: {
        ref: false,
        email: "lena.vogel@example.de",
        partner: { name: "Lena Vogel", street: "Bergstraße 5", zip: "69120" },
      },
      invoice_address: { type: "invoice", name: "Lena Vogel", street: "Bergstraße 5" },
      shipping_address: { type: "delivery", street: "Hauptstraße 120", street2: "c/o Kletterzentrum" },
      pickup_warehouse_code: false,
      note: "Bitte klingeln",
      confirm: true,
    })
    expect(
      payload.lines.map((l) => [
        l.kind,
        l.sku,
        l.product_uom_qty,
        l.price_unit,
        l.discount,
        l.taxes.map((t) => t.rate),
      ]),
    ).toEqual([
      ["product", "ALP-TEE-M-BLK", 2, 29.95, 10, [19]],
      ["product", "ALP-BEANIE", 1, 19.99, 0, [19]],
      ["shipping", "SHIP", 1, 4.9, 0, [19]],
    ])
  })

  it("writes click & collect as the store's warehouse code, and order discounts as a discount line", async () => {
    const pickup: Order = {
      ...shopifyOrder,
      fulfillmentMethod: { kind: "pickup", locationCode: "BER" },
      shippingLines: [],
      discounts: [{ code: "WELCOME5", title: "5 € welcome", amount: eur(500) }],
      totals: computeTotals({
        currency: "EUR",
        taxesIncluded: false,
        lines,
        shippingLines: [],
        discounts: [{ amount: eur(500) }],
      }),
    }
    const payload = (await encodeWrite("order", pickup)) as SaleOrderPayload
    expect(payload).toMatchObject({ pickup_warehouse_code: "BER", shipping_address: false })
    expect(payload.lines.at(-1)).toMatchObject({ kind: "discount", sku: "DISCOUNT", price_unit: -5, taxes: [] })
    const back = await decodeWrite("order", payload)
    expect(back).toMatchObject({
      discounts: pickup.discounts,
      fulfillmentMethod: pickup.fulfillmentMethod,
      totals: pickup.totals,
    })
  })

  it("maps the payload back to the order, but for what a sale order does not keep (payments, open or confirmed)", async () => {
    const back = await decodeWrite("order", await encodeWrite("order", shopifyOrder))
    expect(back).toEqual({ ...shopifyOrder, paymentStatus: "pending", payments: [], status: "confirmed" })
  })

  it("creates the order in Odoo and reads it back with the same lines, taxes and totals", async () => {
    const system = await systemFor("json2")
    const payload = (await encodeWrite("order", shopifyOrder)) as SaleOrderPayload
    const [outcome] = await run(saleOrdersSink.write(system.context, [{ naturalKey: "shopify:1005", payload }]))
    if (outcome?.ok !== true) throw new Error(`not written: ${JSON.stringify(outcome)}`)
    const [raw] = await run(
      saleOrdersStream.readByIds?.(system.context, [outcome.externalId]) ?? Effect.die("no readByIds"),
    )
    const back = await decode("order", raw)
    expect(back).toMatchObject({
      channel: "shopify",
      orderNumber: "1005",
      customer: { email: "lena.vogel@example.de" },
      totals: shopifyOrder.totals,
      fulfillmentMethod: { kind: "ship" },
      billingAddress: shopifyOrder.billingAddress,
      shippingAddress: shopifyOrder.shippingAddress,
      placedAt: shopifyOrder.placedAt,
      status: "confirmed",
      note: "Bitte klingeln",
    })
    expect(
      back.lines.map((l) => [
        l.sku,
        l.quantity,
        l.unitPrice.amount,
        l.discounts.map((d) => d.amount.amount),
        l.taxLines.map((t) => t.amount.amount),
      ]),
    ).toEqual([
      ["ALP-TEE-M-BLK", 2, 2995, [599], [1024]],
      ["ALP-BEANIE", 1, 1999, [], [380]],
    ])
    expect(back.shippingLines).toEqual([
      {
        title: "DHL Paket",
        code: "SHIP",
        amount: eur(490),
        taxLines: [{ title: "19%", rate: 0.19, amount: eur(93) }],
      },
    ])
  })
})
