import { describe, expect, it } from "vitest"
import { SEED_IDS } from "../fixtures/seed.ts"
import { shopwareId } from "../ids.ts"
import type { ProductPayload } from "../schemas/payloads.ts"
import { run, shopSystem, useShopwareSandbox } from "../testing.ts"
import { categoriesSink } from "./categories.ts"
import { deliveriesSink } from "./deliveries.ts"
import { inventorySink } from "./inventory.ts"
import { pricesSink } from "./prices.ts"
import { productsSink } from "./products.ts"

const option = (group: string, value: string) => ({
  id: shopwareId("propertyOption", `${group}:${value}`),
  name: value,
  group: { id: shopwareId("propertyGroup", group), name: group },
})

const simpleProduct = (productNumber: string, name: string): ProductPayload => ({
  id: shopwareId("product", productNumber),
  productNumber,
  name,
  translations: { "de-DE": { name } },
  taxId: SEED_IDS.tax19,
  taxRate: 19,
  active: true,
  categories: [],
  visibilities: [],
  configuratorSettings: [],
  media: [],
  mediaSources: [],
  children: [],
})

const tee: ProductPayload = {
  ...simpleProduct("ALP-TEE", "Alpenglow T-Shirt"),
  translations: { "de-DE": { name: "Alpenglow T-Shirt" }, "en-GB": { name: "Alpenglow T-shirt" } },
  visibilities: [
    {
      id: shopwareId("visibility", `ALP-TEE:${SEED_IDS.salesChannel}`),
      salesChannelId: SEED_IDS.salesChannel,
      visibility: 30,
    },
  ],
  children: [
    {
      id: shopwareId("product", "ALP-TEE-S-BLK"),
      productNumber: "ALP-TEE-S-BLK",
      active: true,
      options: [option("Size", "S"), option("Color", "Black")],
    },
    {
      id: shopwareId("product", "ALP-TEE-M-BLK"),
      productNumber: "ALP-TEE-M-BLK",
      active: true,
      options: [option("Size", "M"), option("Color", "Black")],
    },
  ],
}

describe("Shopware sinks", () => {
  const { sandbox } = useShopwareSandbox()

  it("creates a product with its variants in one sync request, then updates it without a twin", async () => {
    const shop = await shopSystem()
    const first = await run(productsSink.write(shop.context, [{ naturalKey: "ALP-TEE", payload: tee }]))
    expect(first).toEqual([{ naturalKey: "ALP-TEE", ok: true, externalId: tee.id, action: "created" }])
    const products = [...sandbox.state.table("product").values()]
    expect(products.map((p) => [p.productNumber, p.stock, p.parentId ?? null])).toEqual([
      ["ALP-TEE", 0, null],
      ["ALP-TEE-S-BLK", 0, tee.id],
      ["ALP-TEE-M-BLK", 0, tee.id],
    ])
    expect(products[0]?.price).toEqual([{ currencyId: SEED_IDS.currencyEur, gross: 0, net: 0, linked: true }])
    expect([...sandbox.state.table("property_group_option").values()].map((o) => o.name).sort()).toEqual([
      "Black",
      "M",
      "S",
    ])
    const sync = sandbox.state.calls.find((c) => c.path === "/api/_action/sync")
    expect(Object.keys(sync?.body as object)).toEqual(["write-product"])

    const second = await run(productsSink.write(shop.context, [{ naturalKey: "ALP-TEE", payload: tee }]))
    expect(second[0]).toEqual(expect.objectContaining({ ok: true, action: "updated" }))
    expect(sandbox.state.table("product").size).toBe(3)
    const found = await run(productsSink.lookup(shop.context, ["ALP-TEE", "ALP-TEE-S-BLK", "NOPE"]))
    expect([...found]).toEqual([["ALP-TEE", tee.id]])
  })

  it("has Shopware download each new image from its URL once, and reports a refused URL", async () => {
    const shop = await shopSystem()
    const withImage = (url: string): ProductPayload => ({
      ...simpleProduct("ALP-BEANIE", "Alpenglow Beanie"),
      media: [
        { id: shopwareId("productMedia", `ALP-BEANIE:${url}`), position: 0, media: { id: shopwareId("media", url) } },
      ],
      coverId: shopwareId("productMedia", `ALP-BEANIE:${url}`),
      mediaSources: [{ mediaId: shopwareId("media", url), url }],
    })
    const url = "https://cdn.alpenglow-outfitters.de/beanie.PNG?v=3"
    const first = await run(productsSink.write(shop.context, [{ naturalKey: "ALP-BEANIE", payload: withImage(url) }]))
    expect(first[0]).toEqual(expect.objectContaining({ ok: true, action: "created" }))
    const media = sandbox.state.table("media").get(shopwareId("media", url))
    expect(media).toEqual(expect.objectContaining({ hasFile: true, fileExtension: "png", url }))
    const sync = sandbox.state.calls.find((c) => c.path === "/api/_action/sync")?.body as Record<
      string,
      { payload: Array<Record<string, unknown>> }
    >
    expect(sync["write-product"]?.payload[0]).not.toHaveProperty("mediaSources")
    await run(productsSink.write(shop.context, [{ naturalKey: "ALP-BEANIE", payload: withImage(url) }]))
    expect(sandbox.state.calls.filter((c) => c.path.endsWith("/upload"))).toHaveLength(1)

    const refused = await run(
      productsSink.write(shop.context, [
        { naturalKey: "ALP-BEANIE", payload: withImage("ftp://files.example/beanie.png") },
      ]),
    )
    expect(refused[0]?.ok).toBe(false)
    if (refused[0]?.ok === false) expect(refused[0].error.reason).toContain("CONTENT__MEDIA_ILLEGAL_URL")
  })

  it("finds Shopware's tax of the product's rate when none is configured, and rejects a rate the shop lacks", async () => {
    const shop = await shopSystem({ taxes: {} })
    const { taxId: _taxId, ...bottle } = simpleProduct("ALP-BOTTLE-075", "Trinkflasche 0,75 l")
    const { taxId: _other, ...beanie } = simpleProduct("ALP-BEANIE", "Alpenglow Beanie")
    const outcomes = await run(
      productsSink.write(shop.context, [
        { naturalKey: "ALP-BOTTLE-075", payload: { ...bottle, taxRate: 7 } },
        { naturalKey: "ALP-BEANIE", payload: { ...beanie, taxRate: 10 } },
      ]),
    )
    expect(outcomes.map((o) => o.ok)).toEqual([true, false])
    if (outcomes[1]?.ok === false) {
      expect(outcomes[1].error.reason).toContain("Shopware has no tax with rate 10 %")
      expect(outcomes[1].error.path).toBe("$.taxId")
    }
    const written = [...sandbox.state.table("product").values()]
    expect(written.map((p) => [p.productNumber, p.taxId])).toEqual([["ALP-BOTTLE-075", SEED_IDS.tax7]])
  })

  it("rejects only the invalid product, with Shopware's detail and pointer, and writes the rest", async () => {
    const shop = await shopSystem()
    const invalid = { ...simpleProduct("ALP-BEANIE", "Alpenglow Beanie"), taxId: "" }
    const unknownField = { ...simpleProduct("ALP-HOOD", "Alpenglow Hoodie"), colour: "navy" } as ProductPayload
    const outcomes = await run(
      productsSink.write(shop.context, [
        { naturalKey: "ALP-BOTTLE-075", payload: simpleProduct("ALP-BOTTLE-075", "Trinkflasche 0,75 l") },
        { naturalKey: "ALP-BEANIE", payload: invalid },
        { naturalKey: "ALP-HOOD", payload: unknownField },
        { naturalKey: "ALP-TEE", payload: tee },
      ]),
    )
    expect(outcomes.map((o) => [o.naturalKey, o.ok])).toEqual([
      ["ALP-BOTTLE-075", true],
      ["ALP-BEANIE", false],
      ["ALP-HOOD", false],
      ["ALP-TEE", true],
    ])
    const beanie = outcomes[1]
    const hood = outcomes[2]
    if (beanie?.ok !== false || hood?.ok !== false) throw new Error("expected rejections")
    expect(beanie.error.reason).toContain("This value should not be blank. (/write-product/1/taxId)")
    expect(beanie.error.path).toBe("$.taxId")
    expect(hood.error.reason).toContain("FRAMEWORK__WRITE_UNEXPECTED_FIELD_ERROR: Unexpected field: colour")
    expect(hood.error.path).toBe("$.colour")
    const numbers = [...sandbox.state.table("product").values()].map((p) => p.productNumber)
    expect(numbers).toEqual(["ALP-BOTTLE-075", "ALP-TEE", "ALP-TEE-S-BLK", "ALP-TEE-M-BLK"])
  })

  it("writes list prices per currency and B2B tier prices as advanced prices under their rule", async () => {
    const shop = await shopSystem()
    await run(productsSink.write(shop.context, [{ naturalKey: "ALP-TEE", payload: tee }]))
    const outcomes = await run(
      pricesSink.write(shop.context, [
        {
          naturalKey: "ALP-TEE-M-BLK|default|EUR|1",
          payload: {
            productNumber: "ALP-TEE-M-BLK",
            quantityStart: 1,
            price: { currencyId: SEED_IDS.currencyEur, gross: 29.95, net: 25.17, linked: true },
          },
        },
        {
          naturalKey: "ALP-TEE-M-BLK|default|CHF|1",
          payload: {
            productNumber: "ALP-TEE-M-BLK",
            quantityStart: 1,
            price: { currencyId: SEED_IDS.currencyChf, gross: 31.9, net: 26.81, linked: true },
          },
        },
        {
          naturalKey: "ALP-TEE-M-BLK|b2b-dach|EUR|10",
          payload: {
            productNumber: "ALP-TEE-M-BLK",
            ruleId: SEED_IDS.ruleB2b,
            quantityStart: 10,
            price: { currencyId: SEED_IDS.currencyEur, gross: 23.8, net: 20, linked: true },
          },
        },
        {
          naturalKey: "ALP-NOPE|default|EUR|1",
          payload: {
            productNumber: "ALP-NOPE",
            quantityStart: 1,
            price: { currencyId: SEED_IDS.currencyEur, gross: 1, net: 0.84, linked: true },
          },
        },
      ]),
    )
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false])
    const variant = [...sandbox.state.table("product").values()].find((p) => p.productNumber === "ALP-TEE-M-BLK")
    expect(variant?.price).toEqual([
      { currencyId: SEED_IDS.currencyEur, gross: 29.95, net: 25.17, linked: true },
      { currencyId: SEED_IDS.currencyChf, gross: 31.9, net: 26.81, linked: true },
    ])
    const advanced = [...sandbox.state.table("product_price").values()]
    expect(advanced).toEqual([
      expect.objectContaining({ productId: variant?.id, ruleId: SEED_IDS.ruleB2b, quantityStart: 10 }),
    ])
  })

  it("sums the configured locations into the one stock Shopware has, keeping each location's last value", async () => {
    const shop = await shopSystem({ stockLocations: ["WH", "BER"] })
    await run(productsSink.write(shop.context, [{ naturalKey: "ALP-TEE", payload: tee }]))
    const stockOf = () =>
      [...sandbox.state.table("product").values()].find((p) => p.productNumber === "ALP-TEE-S-BLK")?.stock
    await run(
      inventorySink.write(shop.context, [
        {
          naturalKey: "ALP-TEE-S-BLK@WH",
          payload: { productNumber: "ALP-TEE-S-BLK", locationCode: "WH", available: 12 },
        },
        {
          naturalKey: "ALP-TEE-S-BLK@BER",
          payload: { productNumber: "ALP-TEE-S-BLK", locationCode: "BER", available: 3 },
        },
        {
          naturalKey: "ALP-TEE-S-BLK@OUTLET",
          payload: { productNumber: "ALP-TEE-S-BLK", locationCode: "OUTLET", available: 40 },
        },
      ]),
    )
    expect(stockOf()).toBe(15)
    const outcomes = await run(
      inventorySink.write(shop.context, [
        {
          naturalKey: "ALP-TEE-S-BLK@WH",
          payload: { productNumber: "ALP-TEE-S-BLK", locationCode: "WH", available: 10 },
        },
      ]),
    )
    expect(outcomes[0]).toEqual(expect.objectContaining({ ok: true }))
    expect(stockOf()).toBe(13)
  })

  it("ships an order's delivery with its tracking code, once", async () => {
    const shop = await shopSystem()
    const payload = {
      orderNumber: "10001",
      fulfillmentId: "WH/OUT/00042",
      lines: [{ sku: "ALP-TEE-M-BLK", quantity: 2 }] as const,
      transition: "ship" as const,
      trackingCodes: ["00340434161094042557"],
    }
    const key = "shopware:10001:WH/OUT/00042"
    const deliveryId = "d39a4b5c6d7e4f8a1b2c3d4e5f6a7b8c"
    // Nothing to link while the delivery is open: the shipment is new to Shopware.
    expect([...(await run(deliveriesSink.lookup(shop.context, [key])))]).toEqual([])
    const first = await run(deliveriesSink.write(shop.context, [{ naturalKey: key, payload }]))
    expect(first).toEqual([{ naturalKey: key, ok: true, externalId: deliveryId, action: "created" }])
    const delivery = sandbox.state.table("order_delivery").get(deliveryId)
    expect(delivery?.stateMachineState).toEqual({ technicalName: "shipped" })
    expect(delivery?.trackingCodes).toEqual(["00340434161094042557"])
    expect(sandbox.state.calls.filter((c) => c.path.endsWith("/state/ship"))).toHaveLength(1)
    expect([...(await run(deliveriesSink.lookup(shop.context, [key])))]).toEqual([[key, deliveryId]])
    const again = await run(deliveriesSink.write(shop.context, [{ naturalKey: key, externalId: deliveryId, payload }]))
    expect(again[0]).toEqual(expect.objectContaining({ ok: true, action: "updated" }))
    expect(sandbox.state.calls.filter((c) => c.path.endsWith("/state/ship"))).toHaveLength(1)
  })
})

describe("Shopware categories sink", () => {
  const { sandbox } = useShopwareSandbox()

  it("writes parents before children and links them by derived ids", async () => {
    const shop = await shopSystem()
    const category = (code: string, name: string, parent: string | null) => ({
      naturalKey: code,
      payload: {
        id: shopwareId("category", code),
        name,
        translations: { "de-DE": { name } },
        parentId: parent === null ? null : shopwareId("category", parent),
        customFields: { esl_code: code, esl_parent_code: parent },
      },
    })
    const outcomes = await run(
      categoriesSink.write(shop.context, [
        category("apparel/shirts", "Shirts", "apparel"),
        category("apparel", "Bekleidung", null),
      ]),
    )
    expect(outcomes.map((o) => [o.naturalKey, o.ok && o.action])).toEqual([
      ["apparel/shirts", "created"],
      ["apparel", "created"],
    ])
    const sync = sandbox.state.calls.find((c) => c.path === "/api/_action/sync")?.body as Record<
      string,
      { payload: Array<{ name: string }> }
    >
    expect(sync["write-category"]?.payload.map((p) => p.name)).toEqual(["Bekleidung", "Shirts"])
    expect([...(await run(categoriesSink.lookup(shop.context, ["apparel", "nope"])))]).toEqual([
      ["apparel", shopwareId("category", "apparel")],
    ])
  })
})
