import { describe, expect, it } from "vitest"
import prices from "../../connectors/tryton/fixtures/prices.json" with { type: "json" }
import { decode, decodeFailure, encodeRead } from "./testing.ts"

describe("tryton price mapping (fixtures captured from Tryton 6.0)", () => {
  it("maps a variant's list price to the default price list, untaxed, in exact minor units", async () => {
    const bottle = prices.find((p) => p.code === "ALP-BOTTLE-075")
    expect(await decode("price", bottle)).toEqual({
      sku: "ALP-BOTTLE-075",
      priceList: "default",
      currency: "EUR",
      minQuantity: 1,
      amount: { amount: 2150, currency: "EUR" },
      taxIncluded: false,
      updatedAt: bottle?.changed_at,
    })
  })

  it("rounds a fourth decimal (Tryton keeps list prices to 4) half away from zero", async () => {
    const raw = { ...prices[0], list_price: { __class__: "Decimal", decimal: "29.9050" } }
    expect(await decode("price", raw)).toMatchObject({ amount: { amount: 2991 } })
  })

  it("sends a price of a variant without code to the DLQ", async () => {
    expect((await decodeFailure("price", { ...prices[0], code: null })).issues[0]?.path).toBe("$.code")
  })

  it.each(prices.map((p) => [p.code, p] as const))("maps %s back to the same price", async (_code, raw) => {
    const price = await decode("price", raw)
    expect(await decode("price", await encodeRead("price", price))).toEqual(price)
  })
})
