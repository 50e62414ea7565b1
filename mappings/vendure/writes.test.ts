import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { encodeRecord } from "../../core/mapping/index.ts"
import type { Fulfillment, InventoryLevel, Price, Product } from "../../core/model/index.ts"
import { fulfillmentMapping } from "./fulfillment.ts"
import { inventoryMapping } from "./inventory.ts"
import { priceMapping } from "./price.ts"
import { productMapping } from "./product.ts"
import { peerShopContext } from "./testing.ts"

const ctx = peerShopContext()
const eur = (amount: number) => ({ amount, currency: "EUR" })

const shirt: Product = {
  productNumber: "TS-100",
  title: { en: "Trail Shirt", de: "Wanderhemd" },
  description: { en: "<p>Merino</p>" },
  categories: [],
  media: [],
  status: "active",
  attributes: {},
  variants: [
    { sku: "TS-100-M", options: [{ name: "Size", value: "M" }], status: "active" },
    { sku: "TS-100-L", title: { en: "Trail Shirt Large" }, options: [{ name: "Size", value: "L" }], status: "draft" },
  ],
  updatedAt: "2026-11-30T10:00:00Z",
}

describe("Vendure write mappings", () => {
  it.effect("turns a product's variant options into option groups, in order", () =>
    Effect.gen(function* () {
      const payload = yield* encodeRecord(productMapping, ctx, shirt, "TS-100")
      expect(payload).toEqual({
        productNumber: "TS-100",
        name: "Trail Shirt",
        description: "<p>Merino</p>",
        enabled: true,
        optionGroups: [{ name: "Size", values: ["M", "L"] }],
        variants: [
          { sku: "TS-100-M", name: "Trail Shirt M", enabled: true, options: [{ group: "Size", value: "M" }] },
          { sku: "TS-100-L", name: "Trail Shirt Large", enabled: false, options: [{ group: "Size", value: "L" }] },
        ],
      })
    }),
  )

  it.effect("tells apart variants without options by a Variant group, since Vendure refuses two alike", () =>
    Effect.gen(function* () {
      const mugs: Product = {
        ...shirt,
        variants: [
          { sku: "MUG-W", options: [], status: "active" },
          { sku: "MUG-B", options: [], status: "active" },
        ],
      }
      const payload = yield* encodeRecord(productMapping, ctx, mugs, "MUG")
      expect(payload.optionGroups).toEqual([{ name: "Variant", values: ["MUG-W", "MUG-B"] }])
      expect(payload.variants.map((v) => v.options)).toEqual([
        [{ group: "Variant", value: "MUG-W" }],
        [{ group: "Variant", value: "MUG-B" }],
      ])
    }),
  )

  it.effect("refuses a variant without an option of a group the others have", () =>
    Effect.gen(function* () {
      const broken: Product = {
        ...shirt,
        variants: [shirt.variants[0], { sku: "TS-100-X", options: [], status: "active" }],
      }
      const error = yield* Effect.flip(encodeRecord(productMapping, ctx, broken, "TS-100"))
      expect(error.message).toContain("this variant has none for Size")
    }),
  )

  it.effect("writes a gross price in minor units, and refuses a net one for a gross channel", () =>
    Effect.gen(function* () {
      const price: Price = {
        sku: "TS-100-M",
        priceList: "default",
        currency: "EUR",
        minQuantity: 1,
        amount: eur(6490),
        taxIncluded: true,
        updatedAt: "2026-11-30T10:00:00Z",
      }
      expect(yield* encodeRecord(priceMapping, ctx, price, "p")).toEqual({ sku: "TS-100-M", price: 6490 })
      const error = yield* Effect.flip(
        encodeRecord(priceMapping, ctx, { ...price, taxIncluded: false, minQuantity: 5 }, "p"),
      )
      expect(error.message).toContain("this channel's prices include tax, this price is net")
      expect(error.message).toContain("Vendure has no tier prices")
    }),
  )

  it.effect("writes what may be sold at the default stock location, and refuses other locations", () =>
    Effect.gen(function* () {
      const level: InventoryLevel = {
        sku: "TS-100-M",
        locationCode: "default",
        onHand: 12,
        reserved: 2,
        safetyStock: 1,
        incoming: 0,
        available: 9,
        updatedAt: "2026-11-30T10:00:00Z",
      }
      expect(yield* encodeRecord(inventoryMapping, ctx, level, "l")).toEqual({ sku: "TS-100-M", saleable: 9 })
      const error = yield* Effect.flip(encodeRecord(inventoryMapping, ctx, { ...level, locationCode: "HAM" }, "l"))
      expect(error.message).toContain("default stock location is configured as default")
    }),
  )

  it.effect("writes a shipment of this channel's order with carrier, tracking code and state", () =>
    Effect.gen(function* () {
      const shipment: Fulfillment = {
        channel: "vendure",
        orderNumber: "6NSEDMJ4ZL2FK42L",
        fulfillmentId: "SHP-1",
        lines: [{ sku: "TS-100-L", quantity: 3 }],
        carrier: "DHL",
        trackingNumber: "00340434161234567890",
        status: "delivered",
        updatedAt: "2026-11-30T10:00:00Z",
      }
      expect(yield* encodeRecord(fulfillmentMapping, ctx, shipment, "f")).toEqual({
        orderCode: "6NSEDMJ4ZL2FK42L",
        fulfillmentId: "SHP-1",
        lines: [{ sku: "TS-100-L", quantity: 3 }],
        carrier: "DHL",
        trackingCode: "00340434161234567890",
        state: "Delivered",
      })
      const error = yield* Effect.flip(
        encodeRecord(fulfillmentMapping, ctx, { ...shipment, channel: "amazon-de" }, "f"),
      )
      expect(error.message).toContain("only vendure orders are fulfilled in this Vendure")
    }),
  )
})
