import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { encodeRecord } from "../../core/mapping/index.ts"
import type { Price } from "../../core/model/index.ts"
import { priceMapping } from "./price.ts"
import { amazonDeContext, writeRoundTrip } from "./testing.ts"

const ctx = amazonDeContext()
const hoodie: Price = {
  sku: "ALP-HOOD-M-NVY",
  priceList: "default",
  currency: "EUR",
  minQuantity: 1,
  amount: { amount: 8490, currency: "EUR" },
  taxIncluded: true,
  updatedAt: "2026-03-01T08:00:00Z",
}

describe("Amazon price mapping", () => {
  it.effect("writes a gross price as the marketplace's purchasable_offer our_price, and reads it back", () =>
    Effect.gen(function* () {
      const { payload, again } = yield* writeRoundTrip(priceMapping, ctx, hoodie)
      expect(payload).toEqual({
        sku: "ALP-HOOD-M-NVY",
        patches: [
          {
            op: "replace",
            path: "/attributes/purchasable_offer",
            value: [
              {
                marketplace_id: "A1PA6795UKMFR9",
                currency: "EUR",
                our_price: [{ schedule: [{ value_with_tax: 84.9 }] }],
              },
            ],
          },
        ],
      })
      expect({ ...again, updatedAt: hoodie.updatedAt }).toEqual(hoodie)
    }),
  )

  it.effect("refuses a net price, a tier price and another price list, each at its path", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        encodeRecord(priceMapping, ctx, { ...hoodie, taxIncluded: false, minQuantity: 5, priceList: "b2b" }, "hoodie"),
      )
      expect(error.issues.map((i) => i.path).sort()).toEqual(["$.minQuantity", "$.priceList", "$.taxIncluded"])
    }),
  )
})
