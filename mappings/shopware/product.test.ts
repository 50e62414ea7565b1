import { describe, expect, it } from "vitest"
import { SEED_IDS } from "../../connectors/shopware/fixtures/seed.ts"
import { shopwareId } from "../../connectors/shopware/ids.ts"
import type { ProductPayload } from "../../connectors/shopware/schemas/payloads.ts"
import type { Product } from "../../core/model/index.ts"
import { decodeWrite, encodeWrite, encodeWriteFailure } from "./testing.ts"

const tee: Product = {
  productNumber: "ALP-TEE",
  title: { "de-DE": "Alpenglow T-Shirt", "en-GB": "Alpenglow T-shirt" },
  description: { "de-DE": "Bio-Baumwolle, 180 g/m²", "en-GB": "Organic cotton, 180 g/m²" },
  categories: ["Apparel"],
  media: [
    { url: "https://cdn.alpenglow-outfitters.de/tee-black.jpg", alt: { "de-DE": "T-Shirt schwarz" }, position: 0 },
    { url: "https://cdn.alpenglow-outfitters.de/tee-white.png", position: 1 },
  ],
  status: "active",
  attributes: {},
  variants: [
    {
      sku: "ALP-TEE-S-BLK",
      options: [
        { name: "Size", value: "S" },
        { name: "Color", value: "Black" },
      ],
      status: "active",
      position: 0,
      gtin: "4260123450017",
      weight: { value: 0.18, unit: "kg" },
    },
    {
      sku: "ALP-TEE-M-BLK",
      options: [
        { name: "Size", value: "M" },
        { name: "Color", value: "Black" },
      ],
      status: "active",
      position: 1,
    },
    {
      sku: "ALP-TEE-M-WHT",
      options: [
        { name: "Size", value: "M" },
        { name: "Color", value: "White" },
      ],
      status: "active",
      position: 2,
    },
  ],
  updatedAt: "2026-11-20T08:00:00Z",
}

describe("canonical Product → Shopware product", () => {
  it("writes the parent with localized names and its variants as children with property options", async () => {
    const payload = (await encodeWrite("product", tee)) as ProductPayload
    expect(payload).toEqual(
      expect.objectContaining({
        id: shopwareId("product", "ALP-TEE"),
        productNumber: "ALP-TEE",
        name: "Alpenglow T-Shirt",
        description: "Bio-Baumwolle, 180 g/m²",
        translations: {
          "de-DE": { name: "Alpenglow T-Shirt", description: "Bio-Baumwolle, 180 g/m²" },
          "en-GB": { name: "Alpenglow T-shirt", description: "Organic cotton, 180 g/m²" },
        },
        taxId: SEED_IDS.tax19,
        active: true,
        visibilities: [expect.objectContaining({ salesChannelId: SEED_IDS.salesChannel, visibility: 30 })],
      }),
    )
    expect(payload.children.map((c) => [c.productNumber, c.options.map((o) => `${o.group.name}:${o.name}`)])).toEqual([
      ["ALP-TEE-S-BLK", ["Size:S", "Color:Black"]],
      ["ALP-TEE-M-BLK", ["Size:M", "Color:Black"]],
      ["ALP-TEE-M-WHT", ["Size:M", "Color:White"]],
    ])
    expect(payload.children[0]).toEqual(expect.objectContaining({ ean: "4260123450017", weight: 0.18 }))
    // Four distinct options: S, M, Black, White.
    expect(payload.configuratorSettings).toHaveLength(4)
    expect(payload.media.map((m) => [m.position, m.media.alt ?? null])).toEqual([
      [0, "T-Shirt schwarz"],
      [1, null],
    ])
    expect(payload.coverId).toBe(payload.media[0]?.id)
    expect(payload.mediaSources.map((s) => s.url)).toEqual([
      "https://cdn.alpenglow-outfitters.de/tee-black.jpg",
      "https://cdn.alpenglow-outfitters.de/tee-white.png",
    ])
  })

  it("derives the same ids on every run, so a retried write is the same upsert", async () => {
    expect(await encodeWrite("product", tee)).toEqual(await encodeWrite("product", tee))
  })

  it("writes a single-variant product whose SKU is its number as a simple product", async () => {
    const bottle: Product = {
      ...tee,
      productNumber: "ALP-BOTTLE-075",
      title: { "de-DE": "Trinkflasche 0,75 l" },
      description: undefined,
      variants: [{ sku: "ALP-BOTTLE-075", options: [], status: "active" }],
      attributes: { taxRate: 7 },
    }
    const { description: _description, ...withoutDescription } = bottle
    const payload = (await encodeWrite("product", withoutDescription)) as ProductPayload
    expect(payload.children).toEqual([])
    expect(payload.taxId).toBe(SEED_IDS.tax7)
  })

  it("leaves the tax id to the sink when no tax is configured for the rate, and refuses a rate that is none", async () => {
    const payload = (await encodeWrite("product", { ...tee, attributes: { taxRate: 10 } })) as ProductPayload
    expect([payload.taxId, payload.taxRate]).toEqual([undefined, 10])
    const error = await encodeWriteFailure("product", { ...tee, attributes: { taxRate: "zero" } })
    expect(String(error)).toContain('"zero" is not a tax rate in percent')
  })

  it("round-trips: canonical → Shopware payload → canonical", async () => {
    const back = await decodeWrite("product", await encodeWrite("product", tee))
    expect({ ...back, updatedAt: tee.updatedAt }).toEqual(tee)
  })
})

describe("canonical Category → Shopware category", () => {
  it("derives ids from the code and the parent code, with names per locale, and reads back", async () => {
    const shirts = {
      code: "apparel/shirts",
      name: { "de-DE": "Shirts", en: "Shirts & tees" },
      parentCode: "apparel",
      updatedAt: "2026-11-20T08:00:00Z",
    }
    const payload = await encodeWrite("category", shirts)
    expect(payload).toEqual({
      id: shopwareId("category", "apparel/shirts"),
      name: "Shirts",
      translations: { "de-DE": { name: "Shirts" }, "en-GB": { name: "Shirts & tees" } },
      parentId: shopwareId("category", "apparel"),
      customFields: { esl_code: "apparel/shirts", esl_parent_code: "apparel" },
    })
    const back = await decodeWrite("category", payload)
    expect(back.parentCode).toBe("apparel")
    expect(back.name["de-DE"]).toBe("Shirts")
  })
})
