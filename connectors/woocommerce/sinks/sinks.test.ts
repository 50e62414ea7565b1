import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { WriteItem } from "../../../core/connector/index.ts"
import type { PricePayload, ProductPayload, StockPayload, VariationPayload } from "../schemas/product.ts"
import { run, shopSystem, useWooSandbox } from "../testing.ts"
import { pricesSink } from "./prices.ts"
import { productsSink } from "./products.ts"
import { stockSink } from "./stock.ts"

const { sandbox } = useWooSandbox()
const state = sandbox.state

const variation = (sku: string, size: string, color: string, order: number): VariationPayload => ({
  sku,
  status: "publish",
  description: "",
  global_unique_id: "",
  attributes: [
    { name: "Size", option: size },
    { name: "Color", option: color },
  ],
  weight: "0.18",
  dimensions: { length: "", width: "", height: "" },
  manage_stock: true,
  menu_order: order,
})

const variable = (sku: string, name: string, variations: ReadonlyArray<VariationPayload>): ProductPayload => ({
  type: "variable",
  sku,
  name,
  status: "publish",
  description: "",
  global_unique_id: "",
  weight: "",
  dimensions: { length: "", width: "", height: "" },
  manage_stock: false,
  categories: ["All/Apparel"],
  attributes: [
    {
      name: "Size",
      position: 0,
      visible: true,
      variation: true,
      options: [...new Set(variations.map((v) => v.attributes[0]?.option ?? ""))],
    },
    {
      name: "Color",
      position: 1,
      visible: true,
      variation: true,
      options: [...new Set(variations.map((v) => v.attributes[1]?.option ?? ""))],
    },
  ],
  meta_data: [{ key: "esl_product_number", value: sku }],
  variations,
})

const simple = (sku: string, name: string): ProductPayload => ({
  type: "simple",
  sku,
  name,
  status: "publish",
  description: "",
  global_unique_id: "4006381400114",
  weight: "0.09",
  dimensions: { length: "", width: "", height: "" },
  manage_stock: true,
  categories: ["All/Accessories"],
  attributes: [],
  meta_data: [{ key: "esl_product_number", value: sku }],
  variations: [],
})

const item = <P>(naturalKey: string, payload: P, externalId?: string): WriteItem<P> =>
  externalId === undefined ? { naturalKey, payload } : { naturalKey, payload, externalId }

const bySku = (sku: string) => [...state.products.values()].find((p) => p.sku === sku)

describe("products sink", () => {
  it("links existing products by SKU and leaves unknown product numbers unlinked", async () => {
    const shop = await shopSystem()
    const found = await run(productsSink.lookup(shop.context, ["ALP-TEE", "ALP-BOTTLE-075", "ALP-HOOD"]))
    expect([...found.entries()]).toEqual([
      ["ALP-TEE", "20"],
      ["ALP-BOTTLE-075", "30"],
    ])
  })

  it("updates a variable product, adds its missing variations and creates new products in one batch", async () => {
    const shop = await shopSystem()
    const tee = variable("ALP-TEE", "Organic Cotton T-Shirt", [
      variation("ALP-TEE-S-BLK", "S", "Black", 0),
      variation("ALP-TEE-M-BLK", "M", "Black", 1),
      variation("ALP-TEE-L-BLK", "L", "Black", 2),
      variation("ALP-TEE-M-WHT", "M", "White", 3),
    ])
    const hood = variable("ALP-HOOD", "Merino Hoodie", [
      variation("ALP-HOOD-M-NVY", "M", "Navy", 0),
      variation("ALP-HOOD-L-NVY", "L", "Navy", 1),
    ])
    const outcomes = await run(
      productsSink.write(shop.context, [
        item("ALP-TEE", tee),
        item("ALP-HOOD", hood),
        item("ALP-BEANIE", simple("ALP-BEANIE", "Wool Beanie")),
      ]),
    )
    expect(outcomes.map((o) => [o.naturalKey, o.ok && o.action])).toEqual([
      ["ALP-TEE", "updated"],
      ["ALP-HOOD", "created"],
      ["ALP-BEANIE", "created"],
    ])
    const teeVariations = [...state.products.values()].filter((p) => p.parent_id === 20).map((p) => p.sku)
    expect(teeVariations.sort()).toEqual(["ALP-TEE-L-BLK", "ALP-TEE-M-BLK", "ALP-TEE-M-WHT", "ALP-TEE-S-BLK"])
    // The two existing variations were updated in place, not duplicated.
    expect(bySku("ALP-TEE-S-BLK")?.id).toBe(21)
    const hoodId = bySku("ALP-HOOD")?.id
    expect(bySku("ALP-HOOD-L-NVY")).toEqual(
      expect.objectContaining({ parent_id: hoodId, type: "variation", manage_stock: true }),
    )
    expect(bySku("ALP-BEANIE")).toEqual(expect.objectContaining({ type: "simple", global_unique_id: "4006381400114" }))
    // Categories (parents, then children), one products batch, then one variations batch per variable product.
    expect(state.requests.filter((r) => r.startsWith("POST")).sort()).toEqual(
      [
        "POST /products/categories/batch",
        "POST /products/categories/batch",
        "POST /products/batch",
        "POST /products/20/variations/batch",
        `POST /products/${hoodId}/variations/batch`,
      ].sort(),
    )
  })

  it("files products under their category paths, creating the nested categories once", async () => {
    const shop = await shopSystem()
    await run(productsSink.write(shop.context, [item("ALP-BEANIE", simple("ALP-BEANIE", "Wool Beanie"))]))
    const categories = [...state.categories.values()]
    const all = categories.find((c) => c.slug === "all")
    const accessories = categories.find((c) => c.slug === "all-accessories")
    expect(accessories).toEqual(expect.objectContaining({ name: "Accessories", parent: all?.id }))
    expect(bySku("ALP-BEANIE")?.categories).toEqual([accessories?.id])
    // A second product in the same category finds it instead of creating it again.
    await run(productsSink.write(shop.context, [item("ALP-CAP", simple("ALP-CAP", "Trucker Cap"))]))
    expect(state.categories.size).toBe(categories.length)
  })

  it("fails the product WooCommerce rejects with its own message and writes the rest of the batch", async () => {
    const shop = await shopSystem()
    // ALP-BOTTLE-075 is a simple product already: a new variable product cannot use that SKU for a variation.
    const clash = variable("ALP-CAP", "Trucker Cap", [variation("ALP-BOTTLE-075", "M", "Navy", 0)])
    const outcomes = await run(
      productsSink.write(shop.context, [
        item("ALP-CAP", clash),
        item("ALP-BEANIE", simple("ALP-BEANIE", "Wool Beanie")),
      ]),
    )
    const [cap, beanie] = outcomes
    expect(cap?.ok).toBe(false)
    if (cap?.ok === false) {
      expect(cap.error.reason).toContain("Invalid or duplicated SKU. (product_invalid_sku)")
      expect(cap.error.path).toBe("$.variations[0].sku")
    }
    expect(beanie).toEqual(expect.objectContaining({ ok: true, action: "created" }))
    expect(bySku("ALP-BEANIE")).toBeDefined()
  })

  it("sends at most 100 products per batch request, as WooCommerce requires", async () => {
    const shop = await shopSystem()
    const items = Array.from({ length: 130 }, (_, i) => item(`ALP-GEN-${i}`, simple(`ALP-GEN-${i}`, `Generated ${i}`)))
    const outcomes = await run(productsSink.write(shop.context, items))
    expect(outcomes.filter((o) => o.ok)).toHaveLength(130)
    expect(state.requests.filter((r) => r === "POST /products/batch")).toHaveLength(2)
  })

  it("is refused by the sandbox above 100 objects, like WooCommerce", async () => {
    const shop = await shopSystem()
    const error = await run(
      Effect.flip(
        shop.context.http.request({
          method: "POST",
          path: "products/batch",
          body: { create: Array.from({ length: 101 }, (_, i) => ({ name: `P${i}` })) },
        }),
      ),
    )
    expect(error._tag).toBe("HttpStatusError")
    expect(error.message).toContain("Unable to accept more than 100 items for this request.")
  })
})

describe("prices sink", () => {
  const price = (sku: string, regular: string, sale = ""): PricePayload => ({
    sku,
    regular_price: regular,
    sale_price: sale,
  })

  it("sets regular and sale prices of variations and simple products, rejecting SKUs the shop does not have", async () => {
    const shop = await shopSystem()
    const keys = ["ALP-TEE-S-BLK|default|EUR|1", "ALP-BOTTLE-075|default|EUR|1", "ALP-NONE|default|EUR|1"]
    const linked = await run(pricesSink.lookup(shop.context, keys))
    expect([...linked.entries()]).toEqual([
      [keys[0], "20/21"],
      [keys[1], "30"],
    ])
    const outcomes = await run(
      pricesSink.write(shop.context, [
        item(keys[0]!, price("ALP-TEE-S-BLK", "29.95", "24.95"), "20/21"),
        item(keys[1]!, price("ALP-BOTTLE-075", "26.90")),
        item(keys[2]!, price("ALP-NONE", "1.00")),
      ]),
    )
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false])
    expect(bySku("ALP-TEE-S-BLK")).toEqual(expect.objectContaining({ regular_price: "29.95", sale_price: "24.95" }))
    expect(bySku("ALP-BOTTLE-075")).toEqual(expect.objectContaining({ regular_price: "26.90", sale_price: "" }))
    const failed = outcomes[2]
    if (failed?.ok === false) expect(failed.error.reason).toContain("no product or variation with SKU ALP-NONE")
  })
})

describe("stock sink", () => {
  const stock = (sku: string, locationCode: string, quantity: number): StockPayload => ({ sku, locationCode, quantity })

  it("keeps each location's share and sets stock_quantity to the sum of the configured locations", async () => {
    const shop = await shopSystem({ stockLocations: ["WH", "BER"] })
    await run(
      stockSink.write(shop.context, [
        item("ALP-TEE-M-BLK@WH", stock("ALP-TEE-M-BLK", "WH", 10)),
        item("ALP-TEE-M-BLK@BER", stock("ALP-TEE-M-BLK", "BER", 3)),
        item("ALP-TEE-M-BLK@OUTLET", stock("ALP-TEE-M-BLK", "OUTLET", 50)),
      ]),
    )
    expect(bySku("ALP-TEE-M-BLK")?.stock_quantity).toBe(13)
    // A later change at one location keeps the other's share.
    const outcomes = await run(
      stockSink.write(shop.context, [item("ALP-TEE-M-BLK@WH", stock("ALP-TEE-M-BLK", "WH", 4))]),
    )
    expect(outcomes).toEqual([expect.objectContaining({ ok: true, externalId: "20/22@WH", action: "updated" })])
    expect(bySku("ALP-TEE-M-BLK")?.stock_quantity).toBe(7)
  })
})
