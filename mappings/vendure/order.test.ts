import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { cancelledOrder, deliveredOrder, paidOrder } from "../../connectors/vendure/fixtures/orders.ts"
import { decodeRecord } from "../../core/mapping/index.ts"
import { orderMapping } from "./order.ts"
import { peerShopContext, readRoundTrip } from "./testing.ts"

const ctx = peerShopContext()
const eur = (amount: number) => ({ amount, currency: "EUR" })

describe("Vendure order mapping", () => {
  it.effect("reads a cancelled order as what was ordered, with the status cancelled, not as a failure", () =>
    Effect.gen(function* () {
      const paid = yield* decodeRecord(orderMapping, ctx, paidOrder, paidOrder.code)
      const order = yield* decodeRecord(orderMapping, ctx, cancelledOrder, cancelledOrder.code)
      expect(order.status).toBe("cancelled")
      expect(order.updatedAt).toBe("2026-11-30T11:52:41Z")
      expect(order.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual(
        paid.lines.map((l) => [l.sku, l.quantity, l.unitPrice]),
      )
      expect(order.totals.subtotal).toEqual(paid.totals.subtotal)
    }),
  )

  it.effect("reads a placed order with gross prices, tax per line and Vendure's total", () =>
    Effect.gen(function* () {
      const order = yield* decodeRecord(orderMapping, ctx, deliveredOrder, deliveredOrder.code)
      expect(order).toMatchObject({
        channel: "vendure",
        orderNumber: "DQPPGQ6QLBHUSBPF",
        customer: { email: "ada@example.com" },
        currency: "EUR",
        taxesIncluded: true,
        paymentStatus: "paid",
        status: "partially_fulfilled",
        placedAt: "2026-11-30T11:35:20.272Z",
        totals: {
          subtotal: eur(18970),
          discountTotal: eur(0),
          shippingTotal: eur(490),
          taxTotal: eur(3106),
          grandTotal: eur(19460),
        },
        payments: [{ gateway: "dummy", amount: eur(19460), status: "captured", reference: "tx-1" }],
        shippingAddress: {
          firstName: "Ada",
          lastName: "Lovelace",
          company: "Analytical Engines GmbH",
          line1: "Invalidenstraße 1",
          city: "Berlin",
          postalCode: "10115",
          countryCode: "DE",
        },
      })
      expect(order.lines[0]).toEqual({
        lineId: "1",
        sku: "TS-100-M",
        title: "Trail Shirt M",
        quantity: 2,
        unitPrice: eur(6490),
        discounts: [],
        taxLines: [{ title: "DE 19%", rate: 0.19, amount: eur(2072) }],
      })
      // Vendure sends the net shipping price unrounded (411.76…); the tax is what it charged.
      expect(order.shippingLines).toEqual([
        {
          title: "Standard shipping",
          code: "standard",
          amount: eur(490),
          taxLines: [{ title: "Shipping tax", rate: 0.19, amount: eur(78) }],
        },
      ])
    }),
  )

  it.effect("dates the order by its placement, since Vendure leaves updatedAt at the cart's last change", () =>
    Effect.gen(function* () {
      const order = yield* decodeRecord(orderMapping, ctx, paidOrder, paidOrder.code)
      expect(paidOrder.updatedAt < (paidOrder.orderPlacedAt ?? "")).toBe(true)
      expect(order.updatedAt).toBe(paidOrder.orderPlacedAt)
      expect(order.status).toBe("confirmed")
    }),
  )

  it.effect("reads the same order back after a round trip through the vendor shape", () =>
    Effect.gen(function* () {
      const { canonical, again } = yield* readRoundTrip(orderMapping, ctx, deliveredOrder)
      expect(again).toEqual(canonical)
    }),
  )

  it.effect("refuses an order whose totals do not add up, naming the likely cause", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        decodeRecord(orderMapping, peerShopContext({ pricesIncludeTax: false }), paidOrder, paidOrder.code),
      )
      expect(error.message).toContain("totalWithTax")
      expect(error.message).toContain("is pricesIncludeTax set as on the channel?")
    }),
  )

  it.effect("refuses a draft that was never placed", () =>
    Effect.gen(function* () {
      const draft = { ...paidOrder, state: "Draft", orderPlacedAt: null }
      const error = yield* Effect.flip(decodeRecord(orderMapping, ctx, draft, draft.code))
      expect(error.message).toContain("only placed orders go to the hub")
    }),
  )
})
