import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { encodeRecord } from "../../core/mapping/index.ts"
import type { Price } from "../../core/model/index.ts"
import { priceMapping } from "./price.ts"
import { alpenglowShop, writeRoundTrip } from "./testing.ts"

const ctx = alpenglowShop()
const price: Price = {
  sku: "ALP-TEE-S-BLK",
  priceList: "default",
  currency: "EUR",
  minQuantity: 1,
  amount: { amount: 2495, currency: "EUR" },
  compareAtAmount: { amount: 2995, currency: "EUR" },
  taxIncluded: true,
  updatedAt: "2026-02-10T08:00:00Z",
}

describe("canonical price → WooCommerce price", () => {
  it("writes a compare-at price as regular_price with the price as sale_price, as decimal strings", async () => {
    const { payload, again } = await Effect.runPromise(writeRoundTrip(priceMapping, ctx, price))
    expect(payload).toEqual({ sku: "ALP-TEE-S-BLK", regular_price: "29.95", sale_price: "24.95" })
    expect({ ...again, updatedAt: price.updatedAt }).toEqual(price)
  })

  it("writes a price without compare-at as the regular price and clears the sale price", async () => {
    const { compareAtAmount: _, ...plain } = price
    const { payload, again } = await Effect.runPromise(writeRoundTrip(priceMapping, ctx, plain))
    expect(payload).toEqual({ sku: "ALP-TEE-S-BLK", regular_price: "24.95", sale_price: "" })
    expect({ ...again, updatedAt: price.updatedAt }).toEqual(plain)
  })

  it("refuses a B2B price list and a net price for a shop that enters prices with tax", async () => {
    const result = await Effect.runPromise(
      Effect.either(
        encodeRecord(priceMapping, ctx, { ...price, priceList: "b2b", taxIncluded: false }, "ALP-TEE-S-BLK|b2b|EUR|1"),
      ),
    )
    expect(result._tag).toBe("Left")
    if (result._tag === "Left") {
      expect(result.left.message).toContain("priceList")
      expect(result.left.message).toContain("taxIncluded")
    }
  })
})
