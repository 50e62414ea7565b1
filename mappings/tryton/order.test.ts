import { describe, expect, it } from "vitest"
import { computeTotals, type Order } from "../../core/model/index.ts"
import { decodeWrite, encodeWrite } from "./testing.ts"

const address = {
  firstName: "Grace",
  lastName: "Hopper",
  line1: "Elbchaussee 1",
  city: "Hamburg",
  postalCode: "22763",
  countryCode: "DE",
}
const lines = [
  {
    lineId: "l1",
    sku: "TEE-M",
    title: "Trail Runner Tee M",
    quantity: 2,
    unitPrice: { amount: 2990, currency: "EUR" },
    discounts: [],
    taxLines: [],
  },
] as const
const shippingLines = [{ title: "Standard shipping", amount: { amount: 490, currency: "EUR" }, taxLines: [] }]
const discounts = [{ code: "WELCOME5", title: "Welcome", amount: { amount: 500, currency: "EUR" } }]
const order: Order = {
  channel: "shop",
  orderNumber: "1001",
  customer: { email: "grace@example.com" },
  currency: "EUR",
  taxesIncluded: true,
  lines,
  shippingLines,
  discounts,
  totals: computeTotals({ currency: "EUR", taxesIncluded: true, lines, shippingLines, discounts }),
  paymentStatus: "paid",
  payments: [],
  fulfillmentMethod: { kind: "ship" },
  billingAddress: address,
  shippingAddress: address,
  placedAt: "2026-11-30T09:58:00Z",
  status: "confirmed",
  updatedAt: "2026-11-30T10:00:00Z",
}

describe("tryton order mapping", () => {
  it("writes a channel order as a sale payload: reference = <channel>:<number>, shipping and discounts as lines without product", async () => {
    expect(await encodeWrite("order", order)).toEqual({
      reference: "shop:1001",
      description: "shop",
      placed_at: "2026-11-30T09:58:00Z",
      currency: "EUR",
      prices_include_tax: true,
      customer: { code: null, email: "grace@example.com", name: "Grace Hopper", phone: null },
      invoice_address: {
        name: "Grace Hopper",
        street: "Elbchaussee 1",
        postal_code: "22763",
        city: "Hamburg",
        country_code: "DE",
      },
      shipment_address: {
        name: "Grace Hopper",
        street: "Elbchaussee 1",
        postal_code: "22763",
        city: "Hamburg",
        country_code: "DE",
      },
      lines: [
        { kind: "product", sku: "TEE-M", description: "Trail Runner Tee M", quantity: 2, unit_price: "29.90" },
        { kind: "shipping", sku: null, description: "Standard shipping", quantity: 1, unit_price: "4.90" },
        { kind: "discount", sku: null, description: "Welcome", quantity: 1, unit_price: "-5.00" },
      ],
      comment: null,
      confirm: true,
      updated_at: "2026-11-30T10:00:00Z",
    })
  })

  it("reads the payload back as the order Tryton keeps: same lines and totals, no payments", async () => {
    const back = await decodeWrite("order", await encodeWrite("order", order))
    expect(back).toMatchObject({
      channel: "shop",
      orderNumber: "1001",
      totals: order.totals,
      lines: [{ sku: "TEE-M", quantity: 2, unitPrice: { amount: 2990 } }],
      paymentStatus: "pending",
      payments: [],
      status: "confirmed",
    })
  })

  it("books a line discount as a line of its own, so the sale's total is the channel's", async () => {
    const discounted = {
      ...order,
      lines: [{ ...lines[0], discounts: [{ title: "Sale", amount: { amount: 600, currency: "EUR" } }] }] as const,
      discounts: [],
    }
    const payload = (await encodeWrite("order", { ...discounted, totals: computeTotals({ ...discounted }) })) as {
      lines: unknown[]
    }
    expect(payload.lines).toContainEqual({
      kind: "discount",
      sku: null,
      description: "Sale (TEE-M)",
      quantity: 1,
      unit_price: "-6.00",
    })
  })
})
