import { describe, expect, it } from "vitest"
import { order1042, type SeedObject, seedLineItems } from "../../connectors/hubspot/fixtures/seed.ts"
import type { Order } from "../../core/model/index.ts"
import { decode, decodeWrite, encodeRead, encodeWrite } from "./testing.ts"

const object = (seed: SeedObject) => ({
  id: seed.id,
  properties: { ...seed.properties, hs_lastmodifieddate: seed.updatedAt },
  createdAt: seed.createdAt,
  updatedAt: seed.updatedAt,
  archived: false,
})

const eur = (amount: number) => ({ amount, currency: "EUR" })

/** A B2B order with net prices, a line discount, an order discount and shipping. */
const b2b: Order = {
  channel: "odoo",
  orderNumber: "S00042",
  customer: { email: "anna.keller@bergwerk-sport.de" },
  currency: "EUR",
  taxesIncluded: false,
  lines: [
    {
      sku: "ALP-HOOD-M-NVY",
      title: "Alpenglow Hoodie – M / Navy",
      quantity: 10,
      unitPrice: eur(5000),
      discounts: [{ title: "Discount", amount: eur(2500) }],
      taxLines: [{ title: "VAT 19 %", rate: 0.19, amount: eur(9025) }],
    },
  ],
  shippingLines: [{ title: "Shipping", amount: eur(1500), taxLines: [] }],
  discounts: [{ title: "Order discount", amount: eur(1000) }],
  totals: {
    subtotal: eur(50000),
    discountTotal: eur(3500),
    shippingTotal: eur(1500),
    taxTotal: eur(9025),
    grandTotal: eur(57025),
  },
  paymentStatus: "pending",
  payments: [],
  fulfillmentMethod: { kind: "ship" },
  shippingAddress: { line1: "Industriestraße 7", city: "Garching", postalCode: "85748", countryCode: "DE" },
  billingAddress: { line1: "Leopoldstraße 82", city: "München", postalCode: "80802", countryCode: "DE" },
  placedAt: "2026-03-11T08:00:00Z",
  status: "confirmed",
  updatedAt: "2026-03-11T08:05:00Z",
}

describe("hubspot order mapping", () => {
  it("reads the seed order with its line items, taxes included, and its contact", async () => {
    const order = await decode("order", {
      order: object(order1042),
      lineItems: seedLineItems.map(object),
      contactEmail: "lena.schneider@example.de",
    })
    expect(order).toMatchObject({
      channel: "alpenglow-web",
      orderNumber: "1042",
      customer: { email: "lena.schneider@example.de" },
      taxesIncluded: true,
      paymentStatus: "paid",
      status: "open",
      placedAt: "2026-03-10T09:12:00Z",
      shippingAddress: { line1: "Eppendorfer Weg 87", city: "Hamburg", postalCode: "20259", countryCode: "DE" },
    })
    expect(order.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount, l.taxLines[0]?.amount.amount])).toEqual([
      ["ALP-TEE-M-BLK", 2, 3990, 1274],
      ["ALP-BOTTLE-075", 1, 2490, 398],
    ])
    expect(order.totals).toEqual({
      subtotal: eur(10470),
      discountTotal: eur(0),
      shippingTotal: eur(490),
      taxTotal: eur(1672),
      grandTotal: eur(10960),
    })
  })

  it("round-trips a net B2B order with discounts through the stream's record and the sink's payload", async () => {
    expect(await decode("order", await encodeRead("order", b2b))).toEqual(b2b)
    const payload = (await encodeWrite("order", b2b)) as { properties: Record<string, string> }
    expect(payload.properties).toMatchObject({
      hs_external_order_id: "S00042",
      hs_source_store: "odoo",
      hs_subtotal_price: "500.00",
      hs_order_discount: "35.00",
      hs_tax: "90.25",
      hs_total_price: "570.25",
      hs_fulfillment_status: "confirmed",
    })
    expect(await decodeWrite("order", payload)).toEqual(b2b)
  })
})
