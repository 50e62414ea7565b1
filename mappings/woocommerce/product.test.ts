import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { Product } from "../../core/model/index.ts"
import { productMapping } from "./product.ts"
import { alpenglowShop, writeRoundTrip } from "./testing.ts"

const ctx = alpenglowShop()

const tee: Product = {
  productNumber: "ALP-TEE",
  title: { "de-DE": "Bio-Baumwoll-T-Shirt", en: "Organic Cotton T-Shirt" },
  description: { "de-DE": "<p>Aus 100 % Bio-Baumwolle.</p>" },
  categories: [],
  media: [],
  status: "active",
  attributes: {},
  variants: [
    {
      sku: "ALP-TEE-S-BLK",
      gtin: "4006381400010",
      options: [
        { name: "Size", value: "S" },
        { name: "Color", value: "Black" },
      ],
      weight: { value: 0.17, unit: "kg" },
      status: "active",
      position: 0,
    },
    {
      sku: "ALP-TEE-M-WHT",
      options: [
        { name: "Size", value: "M" },
        { name: "Color", value: "White" },
      ],
      weight: { value: 180, unit: "g" },
      dimensions: { length: 30, width: 20, height: 2, unit: "cm" },
      status: "active",
      position: 1,
    },
  ],
  updatedAt: "2026-02-10T08:00:00Z",
}

const bottle: Product = {
  productNumber: "ALP-BOTTLE-075",
  title: { en: "Insulated Water Bottle 0.75 l" },
  categories: ["All/Accessories"],
  media: [],
  status: "draft",
  attributes: {},
  variants: [{ sku: "ALP-BOTTLE-075", options: [], weight: { value: 0.39, unit: "kg" }, status: "draft", position: 0 }],
  updatedAt: "2026-02-12T14:30:00Z",
}

describe("canonical product → WooCommerce product", () => {
  it("writes a product with options as a variable product with attributes and one variation per SKU", async () => {
    const { payload, again } = await Effect.runPromise(writeRoundTrip(productMapping, ctx, tee))
    expect(payload).toEqual(
      expect.objectContaining({
        type: "variable",
        sku: "ALP-TEE",
        name: "Bio-Baumwoll-T-Shirt",
        status: "publish",
        manage_stock: false,
        attributes: [
          { name: "Size", position: 0, visible: true, variation: true, options: ["S", "M"] },
          { name: "Color", position: 1, visible: true, variation: true, options: ["Black", "White"] },
        ],
        meta_data: [{ key: "esl_product_number", value: "ALP-TEE" }],
      }),
    )
    expect(payload.variations.map((v) => [v.sku, v.global_unique_id, v.weight, v.dimensions, v.attributes])).toEqual([
      [
        "ALP-TEE-S-BLK",
        "4006381400010",
        "0.17",
        { length: "", width: "", height: "" },
        [
          { name: "Size", option: "S" },
          { name: "Color", option: "Black" },
        ],
      ],
      // 180 g in a kg shop, dimensions in the shop's cm.
      [
        "ALP-TEE-M-WHT",
        "",
        "0.18",
        { length: "30", width: "20", height: "2" },
        [
          { name: "Size", option: "M" },
          { name: "Color", option: "White" },
        ],
      ],
    ])
    expect(again.variants.map((v) => [v.sku, v.options, v.weight])).toEqual([
      ["ALP-TEE-S-BLK", tee.variants[0].options, { value: 0.17, unit: "kg" }],
      ["ALP-TEE-M-WHT", tee.variants[1]!.options, { value: 0.18, unit: "kg" }],
    ])
    expect(again.productNumber).toBe("ALP-TEE")
  })

  it("writes a single-variant product without options as a simple product carrying the variant's SKU", async () => {
    const { payload, again } = await Effect.runPromise(writeRoundTrip(productMapping, ctx, bottle))
    expect(payload).toEqual(
      expect.objectContaining({
        type: "simple",
        sku: "ALP-BOTTLE-075",
        status: "draft",
        weight: "0.39",
        manage_stock: true,
        variations: [],
      }),
    )
    expect({ ...again, updatedAt: bottle.updatedAt, title: bottle.title }).toEqual(bottle)
  })

  it("converts weights into the shop's unit", async () => {
    const { payload } = await Effect.runPromise(
      writeRoundTrip(productMapping, alpenglowShop({ weightUnit: "g" }), bottle),
    )
    expect(payload.weight).toBe("390")
  })
})
