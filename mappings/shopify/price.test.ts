import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { organicTee } from "../../connectors/shopify/fixtures/products.ts"
import { decodeRecord, encodeRecord } from "../../core/mapping/index.ts"
import { priceMapping } from "./price.ts"
import { alpenglowContext, readRoundTrip } from "./testing.ts"

const ctx = alpenglowContext()
const white = organicTee.variants.nodes[3]!

describe("Shopify price mapping", () => {
  it.effect("reads a variant's price as the system's price list at quantity 1, tax included", () =>
    Effect.gen(function* () {
      const price = yield* decodeRecord(priceMapping, ctx, white, "ALP-TEE-M-WHT")
      expect(price).toEqual({
        sku: "ALP-TEE-M-WHT",
        priceList: "default",
        currency: "EUR",
        minQuantity: 1,
        amount: { amount: 2995, currency: "EUR" },
        compareAtAmount: { amount: 3495, currency: "EUR" },
        taxIncluded: true,
        updatedAt: "2025-01-20T07:45:00Z",
      })
    }),
  )

  it.effect("keeps all three decimals of a KWD shop and none of a JPY shop", () =>
    Effect.gen(function* () {
      const kwd = alpenglowContext({ currency: "KWD" })
      const dinar = yield* readRoundTrip(priceMapping, kwd, { ...white, price: "12.500", compareAtPrice: "14.750" })
      expect(dinar.canonical.amount).toEqual({ amount: 12500, currency: "KWD" })
      expect(dinar.vendor).toMatchObject({ price: "12.500", compareAtPrice: "14.750" })
      expect(dinar.again).toEqual(dinar.canonical)

      const jpy = alpenglowContext({ currency: "JPY" })
      const yen = yield* readRoundTrip(priceMapping, jpy, { ...white, price: "4500.0", compareAtPrice: null })
      expect(yen.canonical.amount).toEqual({ amount: 4500, currency: "JPY" })
      expect(yen.vendor).toMatchObject({ price: "4500", compareAtPrice: null })
      expect(yen.again).toEqual(yen.canonical)
    }),
  )

  it.effect("writes the price and compare-at price as Shopify decimals", () =>
    Effect.gen(function* () {
      const price = yield* decodeRecord(priceMapping, ctx, white, "ALP-TEE-M-WHT")
      const payload = yield* encodeRecord(priceMapping, ctx, price, "ALP-TEE-M-WHT|default|EUR|1")
      expect(payload).toEqual({ sku: "ALP-TEE-M-WHT", price: "29.95", compareAtPrice: "34.95" })
      const again = yield* decodeRecord({ entity: "price", read: priceMapping.write! }, ctx, payload, "ALP-TEE-M-WHT")
      expect(again).toEqual({ ...price, updatedAt: "1970-01-01T00:00:00Z" })
    }),
  )

  it.effect("refuses to write a net price to a shop whose prices include tax", () =>
    Effect.gen(function* () {
      const price = yield* decodeRecord(priceMapping, ctx, white, "ALP-TEE-M-WHT")
      const error = yield* Effect.flip(encodeRecord(priceMapping, ctx, { ...price, taxIncluded: false }, "x"))
      expect(error.issues[0]?.path).toBe("$.taxIncluded")
      expect(error.issues[0]?.message).toContain("this shop's prices include tax")
    }),
  )

  it.effect("fails at the amount's path on a malformed price", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(decodeRecord(priceMapping, ctx, { ...white, price: "29,95" }, "x"))
      expect(error.issues.map((i) => i.path)).toEqual(["$.price"])
    }),
  )
})
