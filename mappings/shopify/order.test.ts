import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { order1001, order1002, order1003, tokyoOrderJpy } from "../../connectors/shopify/fixtures/orders.ts"
import { decodeRecord } from "../../core/mapping/index.ts"
import { orderMapping } from "./order.ts"
import { alpenglowContext, readRoundTrip } from "./testing.ts"

const ctx = alpenglowContext()
const eur = (amount: number) => ({ amount, currency: "EUR" })

describe("Shopify order mapping", () => {
  it.effect("reads a shipped order with Shopify's totals, VAT included", () =>
    Effect.gen(function* () {
      const order = yield* decodeRecord(orderMapping, ctx, order1001, "#1001")
      expect(order).toMatchObject({
        channel: "shopify",
        orderNumber: "1001",
        customer: { email: "lena.schneider@example.de" },
        currency: "EUR",
        taxesIncluded: true,
        paymentStatus: "paid",
        status: "fulfilled",
        fulfillmentMethod: { kind: "ship" },
        placedAt: "2025-01-14T09:12:44Z",
        totals: {
          subtotal: eur(8440),
          discountTotal: eur(0),
          shippingTotal: eur(490),
          taxTotal: eur(1425),
          grandTotal: eur(8930),
        },
        payments: [
          { gateway: "shopify_payments", amount: eur(8930), status: "captured", processedAt: "2025-01-14T09:12:45Z" },
        ],
      })
      expect(order.lines[0]).toEqual({
        lineId: "gid://shopify/LineItem/14012345678901",
        sku: "ALP-TEE-M-BLK",
        title: "Organic Cotton T-Shirt",
        quantity: 2,
        unitPrice: eur(2995),
        discounts: [],
        taxLines: [{ title: "DE MwSt", rate: 0.19, amount: eur(956) }],
      })
      expect(order.shippingLines).toEqual([
        {
          title: "DHL Paket",
          code: "DHL_PAKET",
          amount: eur(490),
          taxLines: [{ title: "DE MwSt", rate: 0.19, amount: eur(78) }],
        },
      ])
    }),
  )

  it.effect("reads click & collect as a pickup at the configured location code", () =>
    Effect.gen(function* () {
      const order = yield* decodeRecord(orderMapping, ctx, order1002, "#1002")
      expect(order.fulfillmentMethod).toEqual({ kind: "pickup", locationCode: "BER-MITTE" })
      expect(order.shippingAddress).toBeUndefined()
      expect(order.status).toBe("open")
      const unconfigured = yield* decodeRecord(orderMapping, alpenglowContext({ locations: {} }), order1002, "#1002")
      expect(unconfigured.fulfillmentMethod).toEqual({ kind: "pickup", locationCode: "Berlin Mitte Store" })
    }),
  )

  it.effect("reads a discount code's allocations onto the lines, subtotal before discounts", () =>
    Effect.gen(function* () {
      const order = yield* decodeRecord(orderMapping, ctx, order1003, "#1003")
      expect(order.lines.map((l) => l.discounts)).toEqual([
        [{ code: "WELCOME10", title: "WELCOME10", amount: eur(1299) }],
        [{ code: "WELCOME10", title: "WELCOME10", amount: eur(200) }],
      ])
      expect(order.totals).toEqual({
        subtotal: eur(14989),
        discountTotal: eur(1499),
        shippingTotal: eur(490),
        taxTotal: eur(2232),
        grandTotal: eur(13980),
      })
      // Shopify kept the address as typed; the hub's e-mail is normalised.
      expect(order.customer).toEqual({ email: "sophie.wagner@example.at" })
    }),
  )

  it.effect("reads a JPY order in whole yen", () =>
    Effect.gen(function* () {
      const order = yield* decodeRecord(orderMapping, alpenglowContext({ currency: "JPY" }), tokyoOrderJpy, "TYO-2041")
      expect(order.totals.grandTotal).toEqual({ amount: 9800, currency: "JPY" })
      expect(order.lines[0]?.unitPrice).toEqual({ amount: 4500, currency: "JPY" })
      expect(order.paymentStatus).toBe("authorized")
      expect(order.payments[0]?.status).toBe("authorized")
    }),
  )

  it.effect("round-trips every fixture order", () =>
    Effect.gen(function* () {
      for (const fixture of [order1001, order1002, order1003, tokyoOrderJpy]) {
        const { canonical, again } = yield* readRoundTrip(orderMapping, ctx, fixture)
        expect(again).toEqual(canonical)
      }
    }),
  )

  it.effect("fails at the total's path when Shopify's totals do not add up, instead of fixing them", () =>
    Effect.gen(function* () {
      const off = { ...order1001, totalPriceSet: { shopMoney: { amount: "89.31", currencyCode: "EUR" } } }
      const error = yield* Effect.flip(decodeRecord(orderMapping, ctx, off, "#1001"))
      expect(error.issues).toEqual([
        { path: "$.totals.grandTotal.amount", message: "is 8931 but the lines add up to 8930" },
      ])
    }),
  )

  it.effect("fails at the line's path when a line has no SKU", () =>
    Effect.gen(function* () {
      const [first, second] = order1001.lineItems.nodes
      const noSku = { ...order1001, lineItems: { nodes: [first, { ...second!, sku: null }] } }
      const error = yield* Effect.flip(decodeRecord(orderMapping, ctx, noSku, "#1001"))
      expect(error.issues.map((i) => i.path)).toEqual(["$.lineItems.nodes[1].sku"])
    }),
  )
})
