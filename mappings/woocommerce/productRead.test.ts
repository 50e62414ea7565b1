import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { woocommerceSandbox } from "../../connectors/woocommerce/index.ts"
import { decodeRecord } from "../../core/mapping/index.ts"
import { productMapping } from "./product.ts"
import { alpenglowShop, readRoundTrip } from "./testing.ts"

const ctx = alpenglowShop()

// The seed T-shirt as the products stream yields it.
const teeNode = {
  id: 20,
  type: "variable",
  sku: "ALP-TEE",
  name: "Organic Cotton T-Shirt",
  status: "publish",
  description: "<p>T-Shirt aus 100 % Bio-Baumwolle, GOTS-zertifiziert.</p>",
  global_unique_id: "",
  weight: "",
  dimensions: { length: "", width: "", height: "" },
  categories: [{ id: 15, name: "Bekleidung", slug: "bekleidung" }],
  attributes: [
    { name: "Size", options: ["S", "M"], variation: true },
    { name: "Color", options: ["Black"], variation: true },
  ],
  meta_data: [],
  date_modified_gmt: "2026-02-01T11:30:00",
  category_paths: ["Bekleidung"],
  variation_records: [
    {
      id: 21,
      sku: "ALP-TEE-S-BLK",
      status: "publish",
      global_unique_id: "4006381400010",
      weight: "0.17",
      dimensions: { length: "", width: "", height: "" },
      attributes: [
        { name: "Size", option: "S" },
        { name: "Color", option: "Black" },
      ],
      menu_order: 0,
    },
    {
      id: 22,
      sku: "ALP-TEE-M-BLK",
      status: "private",
      weight: "0.18",
      dimensions: { length: "", width: "", height: "" },
      attributes: [
        { name: "Size", option: "M" },
        { name: "Color", option: "Black" },
      ],
      menu_order: 1,
    },
  ],
}

describe("WooCommerce product → canonical product", () => {
  it("reads a variable product's variations as variants with their options, GTIN and weight", async () => {
    const product = await Effect.runPromise(decodeRecord(productMapping, ctx, teeNode, "20"))
    expect(product).toEqual(
      expect.objectContaining({
        productNumber: "ALP-TEE",
        title: { "de-DE": "Organic Cotton T-Shirt" },
        categories: ["Bekleidung"],
        status: "active",
        updatedAt: "2026-02-01T11:30:00Z",
      }),
    )
    expect(product.variants).toEqual([
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
      // An unpublished variation is a draft variant.
      {
        sku: "ALP-TEE-M-BLK",
        options: [
          { name: "Size", value: "M" },
          { name: "Color", value: "Black" },
        ],
        weight: { value: 0.18, unit: "kg" },
        status: "draft",
        position: 1,
      },
    ])
  })

  it("round-trips the stream's product node", async () => {
    const { canonical, again } = await Effect.runPromise(readRoundTrip(productMapping, ctx, teeNode))
    expect(again).toEqual(canonical)
  })

  it("fails a variation without a SKU at its path in the record", async () => {
    const raw = { ...teeNode, variation_records: [{ ...teeNode.variation_records[0]!, sku: "" }] }
    const result = await Effect.runPromise(Effect.either(decodeRecord(productMapping, ctx, raw, "20")))
    expect(result._tag === "Left" && result.left.message).toContain("variation_records")
  })

  it("is what the sandbox serves", () => {
    expect(woocommerceSandbox().state.products.get(20)?.sku).toBe(teeNode.sku)
  })
})
