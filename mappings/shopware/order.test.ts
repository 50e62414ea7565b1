import { describe, expect, it } from "vitest"
import { seedOrders } from "../../connectors/shopware/fixtures/seed.ts"
import { decode, decodeFailure, encodeRead } from "./testing.ts"

const orderNumbered = (number: string) => {
  const order = seedOrders.find((o) => o.orderNumber === number)
  if (order === undefined) throw new Error(`no seed order ${number}`)
  return structuredClone(order)
}

describe("Shopware order → canonical Order", () => {
  it("maps lines by productNumber, taxes from calculatedTaxes, shipping from the delivery", async () => {
    const order = await decode("order", orderNumbered("10001"))
    expect(order).toEqual(
      expect.objectContaining({
        channel: "shopware",
        orderNumber: "10001",
        customer: { customerNumber: "SW-10001", email: "lena.hoffmann@example.de" },
        currency: "EUR",
        taxesIncluded: true,
        paymentStatus: "paid",
        fulfillmentMethod: { kind: "ship" },
        status: "open",
        placedAt: "2026-11-20T10:15:30.123Z",
        updatedAt: "2026-11-20T10:16:02.004Z",
      }),
    )
    expect(
      order.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount, l.taxLines.map((t) => [t.rate, t.amount.amount])]),
    ).toEqual([
      ["ALP-TEE-M-BLK", 2, 2995, [[0.19, 956]]],
      ["ALP-BOTTLE-075", 1, 1995, [[0.19, 319]]],
    ])
    expect(order.shippingLines).toEqual([
      {
        title: "Standardversand",
        code: "standard",
        amount: { amount: 495, currency: "EUR" },
        taxLines: [{ title: "19 %", rate: 0.19, amount: { amount: 79, currency: "EUR" } }],
      },
    ])
    expect(order.totals.grandTotal.amount).toBe(8480)
    expect(order.totals.taxTotal.amount).toBe(1354)
    expect(order.payments).toEqual([
      expect.objectContaining({
        gateway: "payment_creditcard",
        status: "captured",
        amount: { amount: 8480, currency: "EUR" },
      }),
    ])
  })

  it("maps a promotion to a discount with its code, its tax reducing the line tax, totals as Shopware's", async () => {
    const order = await decode("order", orderNumbered("10003"))
    expect(order.discounts).toEqual([
      { code: "WINTER10", title: "Winterrabatt 10 %", amount: { amount: 1889, currency: "EUR" } },
    ])
    expect(order.totals).toEqual({
      subtotal: { amount: 18890, currency: "EUR" },
      discountTotal: { amount: 1889, currency: "EUR" },
      shippingTotal: { amount: 495, currency: "EUR" },
      taxTotal: { amount: 2793, currency: "EUR" },
      grandTotal: { amount: 17496, currency: "EUR" },
    })
    expect(order.shippingAddress?.line1).toBe("Industriestrasse 7")
    expect(order.billingAddress?.company).toBe("Keller Bergsport AG")
  })

  it("maps a delivery with a configured pickup shipping method to click & collect at that store", async () => {
    const order = await decode("order", orderNumbered("10002"))
    expect(order.fulfillmentMethod).toEqual({ kind: "pickup", locationCode: "BER" })
    expect(order.status).toBe("confirmed")
    expect(order.paymentStatus).toBe("pending")
    expect(order.note).toBe("Ich hole die Jacke am Samstag ab.")
    // Never updated: Shopware's updatedAt is null, so the order is as new as its creation.
    expect(order.updatedAt).toBe("2026-11-21T15:42:11.210Z")
  })

  it("makes a shipped delivery a fulfilled order", async () => {
    const raw = orderNumbered("10001")
    raw.deliveries[0]!.stateMachineState = { technicalName: "shipped" }
    expect((await decode("order", raw)).status).toBe("fulfilled")
  })

  it.each(["10001", "10002", "10003"])("round-trips order %s: canonical → Shopware → canonical", async (number) => {
    const order = await decode("order", orderNumbered(number))
    expect(await decode("order", await encodeRead("order", order))).toEqual(order)
  })

  it("fails at amountTotal when Shopware's total does not add up", async () => {
    const raw = { ...orderNumbered("10001"), amountTotal: 90 }
    const error = await decodeFailure("order", raw)
    expect(error.message).toContain("amountTotal")
    expect(error.message).toContain("add up to 84.8")
  })

  it("fails at the line item when a product line has no productNumber", async () => {
    const raw = orderNumbered("10001")
    raw.lineItems[1]!.payload = {} as { productNumber: string }
    const error = await decodeFailure("order", raw)
    expect(error.message).toContain("lineItems[1].payload.productNumber")
  })
})
