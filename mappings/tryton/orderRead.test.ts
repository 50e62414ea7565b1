import { describe, expect, it } from "vitest"
import sales from "../../connectors/tryton/fixtures/orders.json" with { type: "json" }
import { decode, decodeFailure, encodeRead } from "./testing.ts"

const [shipped, waiting] = sales

describe("tryton order read mapping (fixtures captured from Tryton 6.0)", () => {
  it("reads a shipped channel order as fulfilled, net, with its shipping line", async () => {
    expect(await decode("order", shipped)).toMatchObject({
      channel: "shop",
      orderNumber: "1001",
      customer: { customerNumber: "2", email: "ada@example.com" },
      currency: "EUR",
      taxesIncluded: false,
      lines: [{ sku: "TEE-M", title: "Trail Runner Tee M", quantity: 2, unitPrice: { amount: 2990, currency: "EUR" } }],
      shippingLines: [{ title: "Shipping (standard)", amount: { amount: 490 } }],
      totals: { subtotal: { amount: 5980 }, shippingTotal: { amount: 490 }, grandTotal: { amount: 6470 } },
      shippingAddress: {
        firstName: "Ada",
        lastName: "Lovelace",
        line1: "Main St 1",
        city: "Berlin",
        countryCode: "DE",
      },
      placedAt: "2026-11-28T00:00:00Z",
      status: "fulfilled",
    })
  })

  it("reads a confirmed sale whose shipment waits as confirmed", async () => {
    expect(await decode("order", waiting)).toMatchObject({
      orderNumber: "1002",
      status: "confirmed",
      customer: { customerNumber: "C-1042" },
    })
  })

  it("uses the system's channel and the sale number for a sale entered in Tryton", async () => {
    expect(await decode("order", { ...waiting, reference: null })).toMatchObject({
      channel: "tryton",
      orderNumber: "2",
    })
  })

  it("sends a sale that sells no product to the DLQ", async () => {
    expect((await decodeFailure("order", { ...waiting, lines: [] })).issues).toEqual([
      { path: "$.lines", message: "sale 2 sells no product" },
    ])
  })

  it.each(sales.map((s) => [s.reference, s] as const))(
    "maps %s back to a sale that maps to the same order",
    async (_r, raw) => {
      const order = await decode("order", raw)
      expect(await decode("order", await encodeRead("order", order))).toEqual(order)
    },
  )
})
