import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { seedOrders } from "../../connectors/amazon/fixtures/seed.ts"
import { decodeRecord } from "../../core/mapping/index.ts"
import { FBA_NOTE, orderMapping } from "./order.ts"
import { amazonDeContext, readRoundTrip } from "./testing.ts"

const ctx = amazonDeContext()
const eur = (amount: number) => ({ amount, currency: "EUR" })
const byId = (id: string) => {
  const found = seedOrders.find((o) => o.order.AmazonOrderId === id)
  if (found === undefined) throw new Error(`no seed order ${id}`)
  return found
}
const fba = byId("302-4518273-6102741")
const mfnWithPromotion = byId("028-7734190-5526315")

describe("Amazon order mapping", () => {
  it.effect(
    "reads an FBA order: unit prices from whole-quantity item prices, VAT included, marked as fulfilled by Amazon",
    () =>
      Effect.gen(function* () {
        const order = yield* decodeRecord(orderMapping, ctx, fba, fba.order.AmazonOrderId)
        expect(order).toMatchObject({
          channel: "amazon",
          orderNumber: "302-4518273-6102741",
          customer: { email: "7xk2mq4d9t3hb1r@marketplace.amazon.de" },
          currency: "EUR",
          taxesIncluded: true,
          status: "fulfilled",
          paymentStatus: "paid",
          note: FBA_NOTE,
          placedAt: "2026-02-10T09:14:22Z",
          updatedAt: "2026-02-11T16:02:45Z",
          shippingLines: [],
          totals: {
            subtotal: eur(8440),
            discountTotal: eur(0),
            shippingTotal: eur(0),
            taxTotal: eur(1347),
            grandTotal: eur(8440),
          },
          payments: [{ gateway: "amazon", amount: eur(8440), status: "captured" }],
          shippingAddress: {
            firstName: "Katharina",
            lastName: "Vogel",
            line1: "Lindenstraße 14",
            city: "München",
            postalCode: "80331",
            countryCode: "DE",
          },
        })
        expect(order.lines[0]).toEqual({
          lineId: "61837052914318",
          sku: "ALP-TEE-M-BLK",
          title: "Alpenglow Merino T-Shirt, Schwarz, M",
          quantity: 2,
          unitPrice: eur(2995),
          discounts: [],
          taxLines: [{ title: "VAT", rate: 0.19, amount: eur(956) }],
        })
      }),
  )

  it.effect(
    "reads a seller-fulfilled order: the promotion is a line discount, its VAT comes off the line's VAT, shipping is a line",
    () =>
      Effect.gen(function* () {
        const order = yield* decodeRecord(orderMapping, ctx, mfnWithPromotion, mfnWithPromotion.order.AmazonOrderId)
        expect(order.status).toBe("confirmed")
        expect(order.note).toBeUndefined()
        expect(order.lines[0]).toEqual({
          lineId: "20815539427762",
          sku: "ALP-HOOD-M-NVY",
          title: "Alpenglow Fleece-Hoodie, Navy, M",
          quantity: 1,
          unitPrice: eur(8900),
          discounts: [{ code: "DE-HOODIE10-2026", title: "Amazon promotion", amount: eur(890) }],
          taxLines: [{ title: "VAT", rate: 0.19, amount: eur(1279) }],
        })
        expect(order.shippingLines).toEqual([
          {
            title: "Std DE Dom_1",
            code: "Std DE Dom_1",
            amount: eur(490),
            taxLines: [{ title: "VAT", rate: 0.19, amount: eur(78) }],
          },
        ])
        // Amazon's OrderTotal is 104.99: the totals add up to it in cents.
        expect(order.totals).toEqual({
          subtotal: eur(10899),
          discountTotal: eur(890),
          shippingTotal: eur(490),
          taxTotal: eur(1676),
          grandTotal: eur(10499),
        })
      }),
  )

  it.effect("names the channel as configured (amazon-de)", () =>
    Effect.gen(function* () {
      const order = yield* decodeRecord(orderMapping, amazonDeContext({ channel: "amazon-de" }), fba, "fba")
      expect(order.channel).toBe("amazon-de")
    }),
  )

  it.effect("round-trips every seed order: Amazon → canonical → Amazon → the same canonical", () =>
    Effect.gen(function* () {
      for (const raw of seedOrders) {
        const { canonical, again } = yield* readRoundTrip(orderMapping, ctx, raw)
        expect(again).toEqual(canonical)
      }
    }),
  )

  it.effect("refuses a Pending order without prices, naming the item's path", () =>
    Effect.gen(function* () {
      const pending = {
        order: { ...mfnWithPromotion.order, OrderStatus: "Pending" as const },
        items: mfnWithPromotion.items.map(({ ItemPrice: _, ItemTax: __, ...item }) => item),
      }
      const error = yield* Effect.flip(decodeRecord(orderMapping, ctx, pending, "pending"))
      expect(error.issues.map((i) => i.path)).toContain("$.items[0].ItemPrice")
      expect(error.message).toContain("Amazon sends no prices while an order is Pending")
    }),
  )
})
