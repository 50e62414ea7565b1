import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { WriteItem, WriteOutcome } from "../../../core/connector/index.ts"
import { availableOf } from "../sandbox/state.ts"
import type { InventoryQuantityPayload } from "../schemas/inventory.ts"
import type { VariantPricePayload } from "../schemas/price.ts"
import type { ProductSetPayload } from "../schemas/productSet.ts"
import { shopSystem, useShopifySandbox } from "../testing.ts"
import { inventorySink } from "./inventory.ts"
import { pricesSink } from "./prices.ts"
import { productsSink } from "./products.ts"

const { sandbox } = useShopifySandbox()

const locations = { HAM: "Central Warehouse Hamburg", BER: "gid://shopify/Location/71234567002" }
const system = () => shopSystem({ locations })

const variant = (sku: string, size: string, color: string): ProductSetPayload["variants"][number] => ({
  sku,
  barcode: null,
  position: 1,
  optionValues: [
    { optionName: "Size", name: size },
    { optionName: "Color", name: color },
  ],
  inventoryItem: { tracked: true, measurement: { weight: { unit: "GRAMS", value: 180 } } },
})

const product = (productNumber: string, title: string, variants: ProductSetPayload["variants"]): ProductSetPayload => ({
  handle: productNumber.toLowerCase(),
  title,
  descriptionHtml: "<p>From the ERP.</p>",
  vendor: "Alpenglow",
  productType: "Apparel",
  tags: [],
  status: "ACTIVE",
  metafields: [{ namespace: "esl", key: "product_number", type: "single_line_text_field", value: productNumber }],
  productOptions: [
    {
      name: "Size",
      position: 1,
      values: [...new Set(variants.map((v) => v.optionValues[0]?.name ?? ""))].map((name) => ({ name })),
    },
    {
      name: "Color",
      position: 2,
      values: [...new Set(variants.map((v) => v.optionValues[1]?.name ?? ""))].map((name) => ({ name })),
    },
  ],
  variants: variants.map((v, i) => ({ ...v, position: i + 1 })),
})

const tee = product("ALP-TEE", "Organic Cotton T-Shirt", [
  variant("ALP-TEE-S-BLK", "S", "Black"),
  variant("ALP-TEE-M-BLK", "M", "Black"),
  variant("ALP-TEE-M-WHT", "M", "White"),
])
const hoodie = product("ALP-HOOD", "Merino Hoodie", [
  variant("ALP-HOOD-M-NVY", "M", "Navy"),
  variant("ALP-HOOD-L-NVY", "L", "Navy"),
])

const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect)
const writeProducts = async (items: ReadonlyArray<WriteItem<ProductSetPayload>>) =>
  run(productsSink.write((await system()).context, items))
const externalIdOf = (outcome: WriteOutcome | undefined): string => (outcome?.ok ? outcome.externalId : "")

describe("Shopify products sink", () => {
  it("creates a product with productSet, then updates it in place", async () => {
    const [created] = await writeProducts([{ naturalKey: "ALP-TEE", payload: tee }])
    expect(created).toMatchObject({ ok: true, action: "created" })
    const id = externalIdOf(created)
    const variantIds = sandbox.state.products[1]?.variants.map((v) => v.id)
    const [updated] = await writeProducts([
      { naturalKey: "ALP-TEE", externalId: id, payload: { ...tee, title: "Organic Cotton Tee" } },
    ])
    expect(updated).toEqual({ naturalKey: "ALP-TEE", ok: true, externalId: id, action: "updated" })
    expect(sandbox.state.products.map((p) => p.title)).toEqual(["Alpenglow Sticker Pack", "Organic Cotton Tee"])
    expect(sandbox.state.products[1]?.variants.map((v) => v.sku)).toEqual([
      "ALP-TEE-S-BLK",
      "ALP-TEE-M-BLK",
      "ALP-TEE-M-WHT",
    ])
    // The variants are the same ones (same ids, same inventory items), not replacements.
    expect(sandbox.state.products[1]?.variants.map((v) => v.id)).toEqual(variantIds)
  })

  it("finds a single-variant product whose product number is its SKU, whatever its handle", async () => {
    const beanie = product("ALP-BEANIE", "Wool Beanie", [variant("ALP-BEANIE", "One Size", "Grey")])
    const [created] = await writeProducts([{ naturalKey: "ALP-BEANIE", payload: beanie }])
    sandbox.state.products[1]!.handle = "wool-beanie"
    sandbox.state.products[1]!.metafields = []
    const found = await run(productsSink.lookup((await system()).context, ["ALP-BEANIE"]))
    expect(found).toEqual(new Map([["ALP-BEANIE", externalIdOf(created)]]))
  })

  it("does not duplicate a product when the run died between the create and the cross-reference", async () => {
    const [created] = await writeProducts([{ naturalKey: "ALP-TEE", payload: tee }])
    // The cross-reference was lost: the engine looks the product number up before creating again.
    const found = await run(productsSink.lookup((await system()).context, ["ALP-TEE", "ALP-HOOD"]))
    expect(found).toEqual(new Map([["ALP-TEE", externalIdOf(created)]]))
    // Even a create sent again without the id links by SKU instead of duplicating.
    const [again] = await writeProducts([{ naturalKey: "ALP-TEE", payload: tee }])
    expect(again).toEqual({ naturalKey: "ALP-TEE", ok: true, externalId: externalIdOf(created), action: "updated" })
    expect(sandbox.state.products).toHaveLength(2)
  })

  it("updates a product whose handle the merchant changed, found by its SKUs", async () => {
    const [created] = await writeProducts([{ naturalKey: "ALP-TEE", payload: tee }])
    sandbox.state.products[1]!.handle = "organic-tee-summer-sale"
    sandbox.state.products[1]!.metafields = []
    expect(await run(productsSink.lookup((await system()).context, ["ALP-TEE"]))).toEqual(new Map())
    const [again] = await writeProducts([{ naturalKey: "ALP-TEE", payload: tee }])
    expect(again).toMatchObject({ ok: true, externalId: externalIdOf(created), action: "updated" })
    expect(sandbox.state.products[1]?.handle).toBe("organic-tee-summer-sale")
  })

  it("rejects only the products Shopify refuses, with the field's path", async () => {
    const outcomes = await writeProducts([
      { naturalKey: "ALP-TEE", payload: tee },
      { naturalKey: "ALP-HOOD", payload: { ...hoodie, title: " " } },
      {
        naturalKey: "ALP-TRAIL",
        payload: product("ALP-TRAIL", "Trail Running Shoe", [
          variant("ALP-TRAIL-42", "42", "Grey"),
          variant("ALP-TRAIL-42", "43", "Grey"),
        ]),
      },
    ])
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false])
    const [, blank, duplicate] = outcomes
    expect(blank?.ok === false && blank.error).toMatchObject({
      _tag: "RecordRejected",
      entity: "product",
      recordKey: "ALP-HOOD",
      path: "$.title",
      reason: "Title can't be blank (INVALID_PRODUCT)",
    })
    expect(duplicate?.ok === false && duplicate.error).toMatchObject({
      recordKey: "ALP-TRAIL",
      path: "$.variants[1].sku",
    })
    expect(sandbox.state.products.map((p) => p.title)).toEqual(["Alpenglow Sticker Pack", "Organic Cotton T-Shirt"])
  })
})

describe("Shopify prices sink", () => {
  const price = (sku: string, amount: string, compareAt: string | null = null, list = "default|EUR|1") => ({
    naturalKey: `${sku}|${list}`,
    payload: { sku, price: amount, compareAtPrice: compareAt } satisfies VariantPricePayload,
  })

  it("sets the shop's prices and rejects other price lists, unknown SKUs and negative prices one by one", async () => {
    await writeProducts([{ naturalKey: "ALP-TEE", payload: tee }])
    const shop = await system()
    const outcomes = await run(
      pricesSink.write(shop.context, [
        price("ALP-TEE-M-BLK", "29.95"),
        price("ALP-TEE-M-WHT", "29.95", "34.95"),
        price("ALP-TEE-S-BLK", "24.95", null, "b2b|EUR|1"),
        price("ALP-TEE-S-BLK", "-1.00"),
        price("ALP-BEANIE", "19.99"),
      ]),
    )
    expect(outcomes.map((o) => (o.ok ? o.action : o.error.path))).toEqual([
      "updated",
      "updated",
      "$.priceList",
      "$.price",
      "$.sku",
    ])
    const third = outcomes[2]
    expect(third?.ok === false && third.error.reason).toContain('only price list "default" in EUR at quantity 1')
    const variants = sandbox.state.products[1]!.variants
    expect(variants.map((v) => [v.sku, v.price, v.compareAtPrice])).toEqual([
      ["ALP-TEE-S-BLK", "0.00", null],
      ["ALP-TEE-M-BLK", "29.95", null],
      ["ALP-TEE-M-WHT", "29.95", "34.95"],
    ])
  })

  it("looks prices up by SKU, only for the shop's own price list", async () => {
    await writeProducts([{ naturalKey: "ALP-TEE", payload: tee }])
    const found = await run(
      pricesSink.lookup((await system()).context, [
        "ALP-TEE-M-BLK|default|EUR|1",
        "ALP-TEE-M-BLK|b2b|EUR|1",
        "ALP-NOPE|default|EUR|1",
      ]),
    )
    expect([...found.keys()]).toEqual(["ALP-TEE-M-BLK|default|EUR|1"])
  })
})

describe("Shopify inventory sink", () => {
  const level = (sku: string, locationCode: string, available: number): WriteItem<InventoryQuantityPayload> => ({
    naturalKey: `${sku}@${locationCode}`,
    payload: { sku, locationCode, available },
  })
  const availableAt = (itemId: string, locationId: string) => {
    const found = sandbox.state.inventoryLevels.find((l) => l.itemId === itemId && l.locationId === locationId)
    return found === undefined ? undefined : availableOf(found.quantities)
  }

  it("stocks a new variant at a location, sets existing levels, and rejects what it cannot place", async () => {
    await writeProducts([{ naturalKey: "ALP-TEE", payload: tee }])
    const shop = await system()
    const outcomes = await run(
      inventorySink.write(shop.context, [
        level("ALP-TEE-M-BLK", "HAM", 40),
        level("ALP-STICKER-PACK", "BER", 9),
        level("ALP-TEE-M-BLK", "MUC", 3),
        level("ALP-BEANIE", "HAM", 12),
      ]),
    )
    expect(outcomes.map((o) => (o.ok ? o.action : o.error.path))).toEqual([
      "created",
      "updated",
      "$.locationCode",
      "$.sku",
    ])
    const itemId = sandbox.state.products[1]!.variants[1]!.inventoryItem.id
    expect(outcomes[0]).toMatchObject({ externalId: `${itemId}|gid://shopify/Location/71234567001` })
    expect(availableAt(itemId, "gid://shopify/Location/71234567001")).toBe(40)
    expect(
      availableAt(sandbox.state.products[0]!.variants[0]!.inventoryItem.id, "gid://shopify/Location/71234567002"),
    ).toBe(9)

    // The next correction goes straight to inventorySetQuantities, by the stored external id.
    const [again] = await run(
      inventorySink.write(shop.context, [
        { ...level("ALP-TEE-M-BLK", "HAM", 35), externalId: externalIdOf(outcomes[0]) },
      ]),
    )
    expect(again).toMatchObject({ ok: true, action: "updated" })
    expect(availableAt(itemId, "gid://shopify/Location/71234567001")).toBe(35)
  })

  it("looks levels up as `<inventoryItemGid>|<locationGid>`", async () => {
    const found = await run(
      inventorySink.lookup((await system()).context, ["ALP-STICKER-PACK@BER", "ALP-STICKER-PACK@MUC"]),
    )
    expect(found).toEqual(
      new Map([
        ["ALP-STICKER-PACK@BER", "gid://shopify/InventoryItem/48912345678901|gid://shopify/Location/71234567002"],
      ]),
    )
  })
})
