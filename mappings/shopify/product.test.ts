import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { organicTee, stickerPack } from "../../connectors/shopify/fixtures/products.ts"
import { decodeRecord, encodeRecord } from "../../core/mapping/index.ts"
import { productMapping } from "./product.ts"
import { alpenglowContext, readRoundTrip } from "./testing.ts"

const ctx = alpenglowContext()

describe("Shopify product mapping", () => {
  it.effect("reads a published product with its exact product number, options, GTINs and weights", () =>
    Effect.gen(function* () {
      const product = yield* decodeRecord(productMapping, ctx, organicTee, "alp-tee")
      expect(product.productNumber).toBe("ALP-TEE")
      expect(product.title).toEqual({ en: "Organic Cotton T-Shirt" })
      expect(product.description).toEqual({ en: "<p>GOTS-certified organic cotton, 180 g/m², regular fit.</p>" })
      expect(product.brand).toBe("Alpenglow")
      expect(product.status).toBe("active")
      expect(product.attributes).toEqual({ productType: "T-Shirts", tags: ["organic", "summer"] })
      expect(product.variants.map((v) => v.sku)).toEqual([
        "ALP-TEE-S-BLK",
        "ALP-TEE-M-BLK",
        "ALP-TEE-L-BLK",
        "ALP-TEE-M-WHT",
      ])
      expect(product.variants[3]).toEqual({
        sku: "ALP-TEE-M-WHT",
        gtin: "4012345000042",
        options: [
          { name: "Size", value: "M" },
          { name: "Color", value: "White" },
        ],
        weight: { value: 180, unit: "g" },
        status: "active",
        position: 3,
      })
      // The external video is not an image; only images are canonical media.
      expect(product.media).toEqual([
        {
          url: "https://cdn.shopify.com/s/files/1/0612/3456/7890/files/alp-tee-black.jpg?v=1737359100",
          alt: { en: "Organic Cotton T-Shirt in black, front" },
          position: 0,
        },
      ])
    }),
  )

  it.effect(
    "reads a product made in the Shopify admin: the handle is its number, the default variant has no options",
    () =>
      Effect.gen(function* () {
        const product = yield* decodeRecord(productMapping, ctx, stickerPack, "sticker")
        expect(product.productNumber).toBe("alpenglow-sticker-pack")
        expect(product.variants).toEqual([
          { sku: "ALP-STICKER-PACK", options: [], weight: { value: 20, unit: "g" }, status: "active", position: 0 },
        ])
      }),
  )

  it.effect("round-trips both fixtures through the read mapping", () =>
    Effect.gen(function* () {
      for (const fixture of [organicTee, stickerPack]) {
        const { canonical, again } = yield* readRoundTrip(productMapping, ctx, fixture)
        expect(again).toEqual(canonical)
      }
    }),
  )

  it.effect("fails at the variant's path when a variant has no SKU", () =>
    Effect.gen(function* () {
      const first = organicTee.variants.nodes[0]!
      const broken = { ...organicTee, variants: { nodes: [first, { ...first, sku: "  " }] } }
      const error = yield* Effect.flip(decodeRecord(productMapping, ctx, broken, "alp-tee"))
      expect(error.issues).toEqual([
        { path: "$.variants.nodes[1].sku", message: "a variant needs a SKU to be matched across systems" },
      ])
    }),
  )

  it.effect("writes a productSet input whose handle, options and metafield identify the product", () =>
    Effect.gen(function* () {
      const product = yield* decodeRecord(productMapping, ctx, organicTee, "alp-tee")
      const input = yield* encodeRecord(productMapping, ctx, product, "ALP-TEE")
      expect(input).toMatchObject({
        handle: "alp-tee",
        title: "Organic Cotton T-Shirt",
        status: "ACTIVE",
        metafields: [{ namespace: "esl", key: "product_number", type: "single_line_text_field", value: "ALP-TEE" }],
        productOptions: [
          { name: "Size", position: 1, values: [{ name: "S" }, { name: "M" }, { name: "L" }] },
          { name: "Color", position: 2, values: [{ name: "Black" }, { name: "White" }] },
        ],
      })
      expect(input.variants[0]).toEqual({
        sku: "ALP-TEE-S-BLK",
        barcode: "4012345000011",
        position: 1,
        optionValues: [
          { optionName: "Size", name: "S" },
          { optionName: "Color", name: "Black" },
        ],
        inventoryItem: { tracked: true, measurement: { weight: { unit: "GRAMS", value: 180 } } },
      })
      // Read back, the payload is the same product (media are not written; the clock stamps it).
      const again = yield* decodeRecord({ entity: "product", read: productMapping.write! }, ctx, input, "ALP-TEE")
      expect(again).toEqual({ ...product, media: [], updatedAt: "1970-01-01T00:00:00Z" })
    }),
  )

  it.effect("writes a single-variant product with Shopify's default option", () =>
    Effect.gen(function* () {
      const product = yield* decodeRecord(productMapping, ctx, stickerPack, "sticker")
      const input = yield* encodeRecord(productMapping, ctx, product, "sticker")
      expect(input.productOptions).toEqual([{ name: "Title", position: 1, values: [{ name: "Default Title" }] }])
      expect(input.variants[0]?.optionValues).toEqual([{ optionName: "Title", name: "Default Title" }])
    }),
  )

  it.effect("refuses to write variants that do not share the same options", () =>
    Effect.gen(function* () {
      const product = yield* decodeRecord(productMapping, ctx, organicTee, "alp-tee")
      const [a, b, ...rest] = product.variants
      const uneven = { ...product, variants: [a, { ...b!, options: [{ name: "Size", value: "M" }] }, ...rest] as const }
      const error = yield* Effect.flip(encodeRecord(productMapping, ctx, uneven, "ALP-TEE"))
      expect(error.issues).toEqual([
        { path: "$.variants[1].options", message: "Shopify needs the same options on every variant: Size, Color" },
      ])
    }),
  )
})
