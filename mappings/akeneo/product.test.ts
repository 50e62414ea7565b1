import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeRecord, encodeRecord, MappingContext } from "../../core/mapping/index.ts"
import type { Product } from "../../core/model/index.ts"
import { productMapping } from "./product.ts"
import { pimContext, recordOf, runMapping } from "./testing.ts"

const decode = (raw: unknown, ctx = pimContext()) => runMapping(decodeRecord(productMapping, ctx, raw, "fixture"))
const decodeFailure = (raw: unknown, ctx = pimContext()) =>
  runMapping(Effect.flip(decodeRecord(productMapping, ctx, raw, "fixture")))

/** Vendor → canonical → vendor → canonical with the read mapping. */
const readRoundTrip = async (raw: unknown, ctx = pimContext()) => {
  const canonical = await decode(raw, ctx)
  const vendor = await runMapping(
    Schema.encode(productMapping.read!)(canonical).pipe(Effect.provideService(MappingContext, ctx)),
  )
  return { canonical, again: await decode(vendor, ctx) }
}

describe("Akeneo product model → canonical product", () => {
  it("joins the model's variants by SKU with options named by the family variant's axes", async () => {
    const tee = await decode(recordOf("ALP-TEE"))
    expect(tee.productNumber).toBe("ALP-TEE")
    expect(tee.variants.map((v) => [v.sku, v.options])).toEqual([
      [
        "ALP-TEE-L-BLK",
        [
          { name: "Size", value: "L" },
          { name: "Color", value: "Black" },
        ],
      ],
      [
        "ALP-TEE-M-BLK",
        [
          { name: "Size", value: "M" },
          { name: "Color", value: "Black" },
        ],
      ],
      [
        "ALP-TEE-M-WHT",
        [
          { name: "Size", value: "M" },
          { name: "Color", value: "White" },
        ],
      ],
      [
        "ALP-TEE-S-BLK",
        [
          { name: "Size", value: "S" },
          { name: "Color", value: "Black" },
        ],
      ],
    ])
    expect(tee.variants[0]).toMatchObject({
      gtin: "4006381400039",
      weight: { value: 200, unit: "g" },
      status: "active",
    })
  })

  it("names options in the system's locale: German labels for a de-DE system", async () => {
    const tee = await decode(recordOf("ALP-TEE"), pimContext({ locale: "de-DE" }))
    expect(tee.variants[2]?.options).toEqual([
      { name: "Größe", value: "M" },
      { name: "Farbe", value: "Weiß" },
    ])
  })

  it("keeps German and English names and the channel's descriptions, BCP 47 keyed", async () => {
    const tee = await decode(recordOf("ALP-TEE"))
    expect(tee.title).toEqual({ "de-DE": "Bio-Baumwoll-T-Shirt", "en-US": "Organic Cotton T-Shirt" })
    expect(tee.description?.["de-DE"]).toContain("GOTS-zertifizierte Bio-Baumwolle")
    expect(tee.brand).toBe("Alpenglow")
    expect(tee.categories).toEqual(["tshirts"])
    expect(tee.attributes).toEqual({
      family: "apparel",
      familyVariant: "apparel_size_color",
      material: { "de-DE": "100 % Bio-Baumwolle", "en-US": "100% organic cotton" },
    })
  })

  it("reads only the configured channel's scopable values", async () => {
    const record = recordOf("ALP-TEE")
    const model = record.model!
    const printOnly = {
      ...record,
      model: {
        ...model,
        values: {
          ...model.values,
          description: [{ locale: "en_US", scope: "print", data: "<p>Catalogue text</p>" }],
        },
      },
    }
    const tee = await decode(printOnly)
    expect(tee.description).toBeUndefined()
    const inPrint = await decode(printOnly, pimContext({ channel: "print" }))
    expect(inPrint.description).toEqual({ "en-US": "<p>Catalogue text</p>" })
  })

  it("turns model and variant images into media with absolute download URLs, the variant's with its SKU", async () => {
    const tee = await decode(recordOf("ALP-TEE"))
    expect(tee.media).toEqual([
      {
        url: "https://alpenglow.cloud.akeneo.test/api/rest/v1/media-files/3/f/a/9/3fa97c2e5b1d4e0c9a7b6d5e4f3a2b1c0d9e8f7a_alp_tee_black_front.jpg/download",
        position: 0,
      },
      {
        url: "https://alpenglow.cloud.akeneo.test/api/rest/v1/media-files/8/c/2/d/8c2d41b7e6a54f3d2c1b0a9f8e7d6c5b4a3f2e1d_alp_tee_white_front.jpg/download",
        position: 1,
        skus: ["ALP-TEE-M-WHT"],
      },
    ])
  })

  it("publishes images under the configured media URL, which a channel can fetch without a PIM token", async () => {
    const ctx = pimContext({ mediaBaseUrl: "https://media.alpenglow-outfitters.de/pim" })
    const tee = await decode(recordOf("ALP-TEE"), ctx)
    expect(tee.media.map((m) => m.url)).toEqual([
      "https://media.alpenglow-outfitters.de/pim/3/f/a/9/3fa97c2e5b1d4e0c9a7b6d5e4f3a2b1c0d9e8f7a_alp_tee_black_front.jpg",
      "https://media.alpenglow-outfitters.de/pim/8/c/2/d/8c2d41b7e6a54f3d2c1b0a9f8e7d6c5b4a3f2e1d_alp_tee_white_front.jpg",
    ])
    const { canonical, again } = await readRoundTrip(recordOf("ALP-TEE"), ctx)
    expect(again.media).toEqual(canonical.media)
  })

  it("does not repeat the model's values as variant attributes (Akeneo returns them inherited)", async () => {
    const tee = await decode(recordOf("ALP-TEE"))
    for (const variant of tee.variants) expect(variant.attributes).toBeUndefined()
  })

  it("is active when a variant is enabled, draft when none is", async () => {
    const record = recordOf("ALP-TEE")
    const disabled = { ...record, variants: record.variants.map((v) => ({ ...v, enabled: false })) }
    const tee = await decode(disabled)
    expect(tee.status).toBe("draft")
    expect(tee.variants.every((v) => v.status === "draft")).toBe(true)
  })

  it("takes updatedAt from the latest change of the model or any variant, in UTC", async () => {
    const tee = await decode(recordOf("ALP-TEE"))
    expect(tee.updatedAt).toBe("2026-10-07T14:15:00Z")
  })

  it("refuses a weight in a unit the canonical model cannot express, at its path", async () => {
    const record = recordOf("ALP-TEE")
    const [first, ...rest] = record.variants
    const odd = {
      ...record,
      variants: [
        {
          ...first!,
          values: { ...first!.values, weight: [{ locale: null, scope: null, data: { amount: "3", unit: "CARAT" } }] },
        },
        ...rest,
      ],
    }
    const error = await decodeFailure(odd)
    expect(error.issues).toEqual([
      { path: "$.variants[0].values.weight", message: "weight unit CARAT has no canonical equivalent (g, kg, lb, oz)" },
    ])
  })

  it("survives a round trip (vendor → canonical → vendor → canonical)", async () => {
    const { canonical, again } = await readRoundTrip(recordOf("ALP-TEE"))
    expect(again).toEqual(canonical)
  })
})

describe("Akeneo simple product → canonical product", () => {
  it("is a product with one variant whose SKU is its identifier", async () => {
    const bottle = await decode(recordOf("ALP-BOTTLE-075"))
    expect(bottle.productNumber).toBe("ALP-BOTTLE-075")
    expect(bottle.variants).toEqual([
      {
        sku: "ALP-BOTTLE-075",
        gtin: "4006381400107",
        options: [],
        weight: { value: 390, unit: "g" },
        status: "active",
        position: 0,
      },
    ])
    expect(bottle.title).toEqual({ "de-DE": "Isolierflasche 0,75 l", "en-US": "Insulated Water Bottle 0.75 l" })
    expect(bottle.attributes).toEqual({ family: "accessories" })
  })

  it("reads GTIN and weight from the attributes the connector is configured with", async () => {
    const record = recordOf("ALP-BOTTLE-075")
    const product = record.product!
    const renamed = {
      ...record,
      product: {
        ...product,
        values: { ...product.values, gtin13: product.values.ean!, ean: [] },
      },
    }
    const bottle = await decode(renamed, pimContext({ attributes: { gtin: "gtin13" } }))
    expect(bottle.variants[0].gtin).toBe("4006381400107")
  })

  it("survives a round trip", async () => {
    const { canonical, again } = await readRoundTrip(recordOf("ALP-BOTTLE-075"))
    expect(again).toEqual(canonical)
  })
})

describe("canonical product → Akeneo PATCH lines", () => {
  const encode = (product: Product, ctx = pimContext()) =>
    runMapping(encodeRecord(productMapping, ctx, product, product.productNumber))

  it("writes one line per SKU with enabled, GTIN and weight only", async () => {
    const tee = await decode(recordOf("ALP-TEE"))
    const patch = await encode({ ...tee, variants: [{ ...tee.variants[0], weight: { value: 0.21, unit: "kg" } }] })
    expect(patch).toEqual({
      productNumber: "ALP-TEE",
      lines: [
        {
          identifier: "ALP-TEE-L-BLK",
          enabled: true,
          values: {
            ean: [{ locale: null, scope: null, data: "4006381400039" }],
            weight: [{ locale: null, scope: null, data: { amount: 0.21, unit: "KILOGRAM" } }],
          },
        },
      ],
    })
  })

  it("writes into the configured attribute codes and disables what is not active", async () => {
    const bottle = await decode(recordOf("ALP-BOTTLE-075"))
    const patch = await encode(
      { ...bottle, status: "archived", variants: [{ ...bottle.variants[0], status: "archived" }] },
      pimContext({ attributes: { gtin: "gtin13", weight: "net_weight" } }),
    )
    expect(patch.lines).toEqual([
      {
        identifier: "ALP-BOTTLE-075",
        enabled: false,
        values: {
          gtin13: [{ locale: null, scope: null, data: "4006381400107" }],
          net_weight: [{ locale: null, scope: null, data: { amount: 390, unit: "GRAM" } }],
        },
      },
    ])
  })

  it("reads its own lines back as the ERP-owned fields of a product", async () => {
    const tee = await decode(recordOf("ALP-TEE"))
    const ctx = pimContext()
    const patch = await encode(tee, ctx)
    const back = await runMapping(
      Schema.decode(productMapping.write!)(patch).pipe(Effect.provideService(MappingContext, ctx)),
    )
    expect(back.variants.map((v) => [v.sku, v.gtin, v.weight, v.status])).toEqual(
      tee.variants.map((v) => [v.sku, v.gtin, v.weight, v.status]),
    )
  })
})
