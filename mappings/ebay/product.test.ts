import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { MappingContext } from "../../core/mapping/index.ts"
import type { Product } from "../../core/model/index.ts"
import { productMapping } from "./product.ts"
import { ebayContext } from "./testing.ts"

const ctx = ebayContext()
const write = productMapping.write!
const encode = (product: typeof Product.Encoded) =>
  Effect.runPromise(Schema.encode(write)(product).pipe(Effect.provideService(MappingContext, ctx)))
const encodeEither = (product: typeof Product.Encoded) =>
  Effect.runPromise(Effect.either(Schema.encode(write)(product).pipe(Effect.provideService(MappingContext, ctx))))
const decode = (listing: unknown) =>
  Effect.runPromise(Schema.decodeUnknown(write)(listing).pipe(Effect.provideService(MappingContext, ctx)))

const tee: typeof Product.Encoded = {
  productNumber: "ALP-TEE",
  title: { "de-DE": "Bio-Baumwoll T-Shirt Herren", en: "Organic Cotton T-Shirt" },
  description: { "de-DE": "Regular Fit aus 180 g/m² Bio-Baumwolle.", en: "Regular fit." },
  brand: "Alpenglow",
  categories: ["Apparel"],
  media: [
    { url: "https://cdn.alpenglow-outfitters.de/img/ALP-TEE-WHT.jpg", position: 1, skus: ["ALP-TEE-M-WHT"] },
    { url: "https://cdn.alpenglow-outfitters.de/img/ALP-TEE.jpg", position: 0 },
  ],
  status: "active",
  attributes: { Material: "Baumwolle" },
  variants: [
    {
      sku: "ALP-TEE-M-BLK",
      gtin: "4006381400022",
      options: [
        { name: "Size", value: "M" },
        { name: "Color", value: "Black" },
      ],
      weight: { value: 0.18, unit: "kg" },
      status: "active",
    },
    {
      sku: "ALP-TEE-M-WHT",
      gtin: "4006381400046",
      options: [
        { name: "Size", value: "M" },
        { name: "Color", value: "White" },
      ],
      status: "active",
    },
  ],
  updatedAt: "2026-02-10T08:00:00Z",
}

const bottle: typeof Product.Encoded = {
  productNumber: "ALP-BOTTLE-075",
  title: { "de-DE": "Isolierflasche 0,75 l" },
  categories: [],
  media: [],
  status: "active",
  attributes: {},
  variants: [{ sku: "ALP-BOTTLE-075", gtin: "012345678905", options: [], status: "active" }],
  updatedAt: "2026-02-12T14:30:00Z",
}

describe("canonical product → eBay inventory items and variation group", () => {
  it("makes one NEW inventory item per variant with German texts, EAN, aspects and package weight", async () => {
    const listing = await encode(tee)
    expect(listing.items.map((i) => i.sku)).toEqual(["ALP-TEE-M-BLK", "ALP-TEE-M-WHT"])
    expect(listing.items[0]).toEqual({
      sku: "ALP-TEE-M-BLK",
      locale: "de_DE",
      condition: "NEW",
      product: {
        title: "Bio-Baumwoll T-Shirt Herren",
        description: "Regular Fit aus 180 g/m² Bio-Baumwolle.",
        aspects: { Material: ["Baumwolle"], Brand: ["Alpenglow"], Size: ["M"], Color: ["Black"] },
        brand: "Alpenglow",
        ean: ["4006381400022"],
        imageUrls: ["https://cdn.alpenglow-outfitters.de/img/ALP-TEE.jpg"],
      },
      packageWeightAndSize: { weight: { value: 0.18, unit: "KILOGRAM" } },
    })
    expect(listing.items[1]?.product.imageUrls).toEqual([
      "https://cdn.alpenglow-outfitters.de/img/ALP-TEE-WHT.jpg",
      "https://cdn.alpenglow-outfitters.de/img/ALP-TEE.jpg",
    ])
  })

  it("groups a multi-variant product under its product number, varying by its options", async () => {
    const listing = await encode(tee)
    expect(listing.group).toMatchObject({
      inventoryItemGroupKey: "ALP-TEE",
      title: "Bio-Baumwoll T-Shirt Herren",
      variantSKUs: ["ALP-TEE-M-BLK", "ALP-TEE-M-WHT"],
      variesBy: {
        specifications: [
          { name: "Size", values: ["M"] },
          { name: "Color", values: ["Black", "White"] },
        ],
      },
    })
  })

  it("lists a single-variant product without a group, a 12-digit GTIN as UPC", async () => {
    const listing = await encode(bottle)
    expect(listing.group).toBeUndefined()
    expect(listing.items[0].product.upc).toEqual(["012345678905"])
  })

  it("round-trips: product → eBay → product keeps SKUs, options, GTINs, weight, images and texts", async () => {
    const back = await decode(await encode(tee))
    expect(back.productNumber).toBe("ALP-TEE")
    expect(back.title).toEqual({ "de-DE": "Bio-Baumwoll T-Shirt Herren" })
    expect(back.brand).toBe("Alpenglow")
    expect(back.attributes).toEqual({ Material: "Baumwolle" })
    expect(back.variants.map((v) => [v.sku, v.gtin, v.options, v.weight])).toEqual([
      [
        "ALP-TEE-M-BLK",
        "4006381400022",
        [
          { name: "Size", value: "M" },
          { name: "Color", value: "Black" },
        ],
        { value: 0.18, unit: "kg" },
      ],
      [
        "ALP-TEE-M-WHT",
        "4006381400046",
        [
          { name: "Size", value: "M" },
          { name: "Color", value: "White" },
        ],
        undefined,
      ],
    ])
    expect(await encode(back)).toEqual(await encode(tee))
  })

  it("refuses a title eBay would cut (more than 80 characters)", async () => {
    const result = await encodeEither({ ...bottle, title: { "de-DE": "x".repeat(81) } })
    expect(result._tag === "Left" ? result.left.message : "").toContain("80 characters")
  })
})
