import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { seedOrders } from "../../connectors/woocommerce/fixtures/orders.ts"
import { decodeRecord } from "../../core/mapping/index.ts"
import { orderMapping } from "./order.ts"
import { alpenglowShop, readRoundTrip } from "./testing.ts"

const ctx = alpenglowShop()
const byNumber = (number: string) => seedOrders.find((o) => o.number === number)!
const decode = (raw: unknown) => Effect.runPromise(decodeRecord(orderMapping, ctx, raw, "fixture"))
const eur = (amount: number) => ({ amount, currency: "EUR" })

describe("WooCommerce order → canonical order", () => {
  it("turns a paid order into gross lines with their VAT, shipping and totals that match WooCommerce's total", async () => {
    const order = await decode(byNumber("1001"))
    expect(order).toEqual(
      expect.objectContaining({
        channel: "woocommerce",
        orderNumber: "1001",
        customer: { email: "lena.hoffmann@example.de" },
        taxesIncluded: true,
        status: "confirmed",
        paymentStatus: "paid",
        fulfillmentMethod: { kind: "ship" },
        placedAt: "2026-03-02T18:21:07Z",
        updatedAt: "2026-03-02T18:25:40Z",
      }),
    )
    expect(order.lines).toEqual([
      {
        lineId: "101",
        sku: "ALP-TEE-M-BLK",
        title: "Organic Cotton T-Shirt - M, Black",
        quantity: 2,
        unitPrice: eur(2995),
        discounts: [],
        taxLines: [{ title: "MwSt. 19 %", rate: 0.19, amount: eur(956) }],
      },
    ])
    expect(order.shippingLines).toEqual([
      {
        title: "DHL Paket",
        code: "flat_rate",
        amount: eur(490),
        taxLines: [{ title: "MwSt. 19 %", rate: 0.19, amount: eur(78) }],
      },
    ])
    expect(order.totals).toEqual({
      subtotal: eur(5990),
      discountTotal: eur(0),
      shippingTotal: eur(490),
      taxTotal: eur(1034),
      grandTotal: eur(6480),
    })
    expect(order.payments).toEqual([
      {
        gateway: "stripe",
        amount: eur(6480),
        status: "captured",
        reference: "pi_3OqA2bLkdIwHu7ix0Yt5Kq2M",
        processedAt: "2026-03-02T18:21:40Z",
      },
    ])
  })

  it("makes a pickup_location shipping line click & collect at the configured store", async () => {
    const order = await decode(byNumber("1002"))
    expect(order.fulfillmentMethod).toEqual({ kind: "pickup", locationCode: "BER" })
    expect(order.shippingAddress).toBeUndefined()
    expect(order.note).toBe("Ich hole die Jacke am Samstag ab.")
  })

  it("puts a coupon's discount on the lines it reduced, with the coupon code", async () => {
    const order = await decode(byNumber("1003"))
    expect(order.lines.map((l) => [l.sku, l.unitPrice.amount, l.discounts])).toEqual([
      ["ALP-TRAIL-43", 12990, [{ code: "welcome10", title: "Coupon welcome10", amount: eur(1299) }]],
      ["ALP-BEANIE", 1999, [{ code: "welcome10", title: "Coupon welcome10", amount: eur(200) }]],
    ])
    expect(order.totals.discountTotal).toEqual(eur(1499))
    expect(order.totals.grandTotal).toEqual(eur(13490))
    expect(order.status).toBe("fulfilled")
  })

  it("reads a guest's unpaid order with the billing e-mail as the customer", async () => {
    const order = await decode(byNumber("1004"))
    expect(order.customer).toEqual({ email: "k.brandt@example.de" })
    expect(order.paymentStatus).toBe("pending")
    expect(order.status).toBe("open")
    expect(order.payments).toEqual([{ gateway: "bacs", amount: eur(7840), status: "pending" }])
  })

  it("reads net amounts when the shop's prices exclude tax", async () => {
    const raw = { ...byNumber("1001"), prices_include_tax: false }
    const order = await decode(raw)
    expect(order.taxesIncluded).toBe(false)
    expect(order.lines[0]?.unitPrice).toEqual(eur(2517))
    expect(order.totals.grandTotal).toEqual(eur(6480))
  })

  it("fails at $.total when the order has amounts the lines do not explain (a fee line)", async () => {
    const raw = { ...byNumber("1001"), total: "69.80" }
    const result = await Effect.runPromise(Effect.either(decodeRecord(orderMapping, ctx, raw, "1001")))
    expect(result._tag).toBe("Left")
    if (result._tag === "Left") expect(result.left.message).toContain("fee lines are not supported")
  })

  it.each(seedOrders.map((o) => o.number))("round-trips seed order %s", async (number) => {
    const { canonical, again } = await Effect.runPromise(readRoundTrip(orderMapping, ctx, byNumber(number)))
    expect(again).toEqual(canonical)
  })
})
