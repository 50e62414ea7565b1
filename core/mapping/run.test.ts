import { Array as Arr, Effect, ParseResult, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { pickLocale } from "../model/localizedText.ts"
import { toInstant } from "../model/primitives.ts"
import { Product } from "../model/product.ts"
import { MappingContext, mappingContext } from "./context.ts"
import { defineMapping, type SystemMappings } from "./define.ts"
import type { MappingError } from "./errors.ts"
import { decodeRecord, encodeRecord } from "./run.ts"
import { valueMap } from "./valueMap.ts"

/** A Shopify-REST-like product, as its API returns it: one language, nulls, ids as numbers. */
const ShopifyVariant = Schema.Struct({
  id: Schema.Number,
  sku: Schema.String,
  barcode: Schema.NullOr(Schema.String),
  option1: Schema.String,
})
const ShopifyProduct = Schema.Struct({
  id: Schema.Number,
  handle: Schema.String,
  title: Schema.String,
  body_html: Schema.NullOr(Schema.String),
  vendor: Schema.String,
  product_type: Schema.String,
  status: valueMap("Shopify product status", [
    ["active", "active"],
    ["draft", "draft"],
    ["archived", "archived"],
  ]),
  variants: Schema.NonEmptyArray(ShopifyVariant),
  updated_at: Schema.String,
})

const missing = (value: unknown, message: string, ast: Schema.Schema.AnyNoContext["ast"]) =>
  new ParseResult.Type(ast, value, message)

/**
 * The mapping under test: texts go under the system's default locale, the product type becomes a
 * category code through the `productType` table, the vendor's offset timestamp becomes UTC.
 */
const ProductFromShopify = Schema.transformOrFail(ShopifyProduct, Product, {
  strict: true,
  decode: (shop, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const category = ctx.lookup("productType", shop.product_type)
      if (category === undefined) {
        return yield* Effect.fail(
          new ParseResult.Pointer(
            "product_type",
            shop,
            missing(shop.product_type, `no category mapped for product type "${shop.product_type}"`, ast),
          ),
        )
      }
      const updatedAt = yield* ParseResult.try({
        try: () => toInstant(shop.updated_at),
        catch: (e) => new ParseResult.Pointer("updated_at", shop, missing(shop.updated_at, String(e), ast)),
      })
      const locale = ctx.defaults.locale
      return {
        productNumber: shop.handle,
        title: { [locale]: shop.title },
        ...(shop.body_html === null ? {} : { description: { [locale]: shop.body_html } }),
        brand: shop.vendor,
        categories: [category],
        media: [],
        status: shop.status,
        attributes: { shopifyId: String(shop.id) },
        variants: Arr.map(shop.variants, (v, position) => ({
          sku: v.sku,
          ...(v.barcode === null || v.barcode === "" ? {} : { gtin: v.barcode }),
          options: [{ name: "Size", value: v.option1 }],
          status: shop.status,
          position,
        })),
        updatedAt,
      }
    }),
  encode: (product, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const productType = ctx.reverseLookup("productType", product.categories[0] ?? "")
      if (productType === undefined) {
        return yield* Effect.fail(
          new ParseResult.Pointer(
            ["categories", 0],
            product,
            missing(product.categories[0], "no Shopify product type", ast),
          ),
        )
      }
      return {
        id: Number(product.attributes.shopifyId ?? 0),
        handle: product.productNumber,
        title: pickLocale(product.title, ctx.defaults.locale) ?? "",
        body_html: pickLocale(product.description, ctx.defaults.locale) ?? null,
        vendor: product.brand ?? "",
        product_type: productType,
        status: product.status,
        variants: Arr.map(product.variants, (v) => ({
          id: 0,
          sku: v.sku,
          barcode: v.gtin ?? null,
          option1: v.options.find((o) => o.name === "Size")?.value ?? "",
        })),
        updated_at: product.updatedAt,
      }
    }),
})

const shopifyProducts = defineMapping({ entity: "product", read: ProductFromShopify, write: ProductFromShopify })

// A typed mapping must fit the registry a connector exports (compile-time check).
const shopifyMappings: SystemMappings = { product: shopifyProducts }

const ctx = mappingContext(
  "shopify",
  { locale: "de-DE", currency: "EUR", channel: "shopify", priceList: "shopify-de" },
  { productType: { "T-Shirts": "apparel/shirts", Socken: "apparel/socks" } },
)

const recordKey = "gid://shopify/Product/8123456789"

const raw = {
  id: 8123456789,
  handle: "bio-t-shirt",
  title: "Bio-T-Shirt",
  body_html: "<p>100 % Bio-Baumwolle.</p>",
  vendor: "Nordfaser",
  product_type: "T-Shirts",
  status: "active",
  tags: "bio, sommer",
  variants: [
    { id: 44012345678901, sku: "TSHIRT-ORG-S-NAVY", barcode: "4006381333931", option1: "S" },
    { id: 44012345678902, sku: "TSHIRT-ORG-M-NAVY", barcode: "", option1: "M" },
  ],
  updated_at: "2026-11-23T10:14:05+01:00",
}

const decodeError = (input: unknown, context = ctx): MappingError =>
  Effect.runSync(Effect.flip(decodeRecord(shopifyProducts, context, input, recordKey)))

describe("decodeRecord", () => {
  it("takes a mapping from a connector's registry", () => {
    const mapping = shopifyMappings.product
    expect(mapping && Effect.runSync(decodeRecord(mapping, ctx, raw, recordKey)).productNumber).toBe("bio-t-shirt")
  })

  it("maps a vendor record to the canonical product, using the system's default locale", () => {
    const product = Effect.runSync(decodeRecord(shopifyProducts, ctx, raw, recordKey))
    expect(product).toEqual({
      productNumber: "bio-t-shirt",
      title: { "de-DE": "Bio-T-Shirt" },
      description: { "de-DE": "<p>100 % Bio-Baumwolle.</p>" },
      brand: "Nordfaser",
      categories: ["apparel/shirts"],
      media: [],
      status: "active",
      attributes: { shopifyId: "8123456789" },
      variants: [
        {
          sku: "TSHIRT-ORG-S-NAVY",
          gtin: "4006381333931",
          options: [{ name: "Size", value: "S" }],
          status: "active",
          position: 0,
        },
        { sku: "TSHIRT-ORG-M-NAVY", options: [{ name: "Size", value: "M" }], status: "active", position: 1 },
      ],
      updatedAt: "2026-11-23T09:14:05Z",
    })
  })

  it("puts the texts under another locale when the system's defaults say so", () => {
    const swiss = mappingContext(
      "shopify-ch",
      { ...ctx.defaults, locale: "fr-CH" },
      { productType: { "T-Shirts": "apparel/shirts" } },
    )
    const product = Effect.runSync(decodeRecord(shopifyProducts, swiss, raw, recordKey))
    expect(product.title).toEqual({ "fr-CH": "Bio-T-Shirt" })
  })

  it("reports a missing SKU at the vendor field's JSON path, naming system, entity and record", () => {
    const bad = { ...raw, variants: [raw.variants[0], { ...raw.variants[1], sku: null }] }
    const error = decodeError(bad)
    expect(error._tag).toBe("MappingError")
    expect(error).toMatchObject({ system: "shopify", entity: "product", direction: "decode", recordKey })
    expect(error.issues).toEqual([{ path: "$.variants[1].sku", message: "Expected string, actual null" }])
    expect(error.message).toBe(
      `Cannot map product ${recordKey} from shopify to the canonical model: $.variants[1].sku: Expected string, actual null`,
    )
  })

  it("reports every bad field of a record, not just the first", () => {
    const bad = { ...raw, status: "unlisted", variants: [{ ...raw.variants[0], option1: 38 }, raw.variants[1]] }
    expect(decodeError(bad).issues.map((i) => i.path)).toEqual(["$.status", "$.variants[0].option1"])
  })

  it("reports an unknown vendor code with the known codes", () => {
    expect(decodeError({ ...raw, status: "unlisted" }).issues).toEqual([
      { path: "$.status", message: 'unknown Shopify product status "unlisted"; known: active, draft, archived' },
    ])
  })

  it("reports a canonical invariant the mapped record breaks, at the canonical path", () => {
    const bad = { ...raw, variants: [raw.variants[0], { ...raw.variants[1], sku: "TSHIRT-ORG-S-NAVY" }] }
    expect(decodeError(bad).issues).toEqual([
      { path: "$.variants[1].sku", message: "SKU TSHIRT-ORG-S-NAVY appears twice in this product" },
    ])
  })

  it("reports a barcode that is not a GTIN at the canonical variant's path", () => {
    const bad = { ...raw, variants: [{ ...raw.variants[0], barcode: "ABC-123" }] }
    expect(decodeError(bad).issues).toEqual([
      { path: "$.variants[0].gtin", message: "must be a GTIN of 8, 12, 13 or 14 digits" },
    ])
  })

  it("reports a lookup the mapping could not make, at the vendor field", () => {
    expect(decodeError({ ...raw, product_type: "Hüte" }).issues).toEqual([
      { path: "$.product_type", message: 'no category mapped for product type "Hüte"' },
    ])
  })

  it("reports a vendor timestamp without a zone at the vendor field", () => {
    const [issue] = decodeError({ ...raw, updated_at: "2026-11-23 10:14:05" }).issues
    expect(issue?.path).toBe("$.updated_at")
    expect(issue?.message).toMatch(/with a zone/)
  })

  it("reports a default locale that is not BCP 47 instead of dropping the title", () => {
    const misconfigured = mappingContext(
      "shopify",
      { ...ctx.defaults, locale: "de_DE" },
      { productType: { "T-Shirts": "apparel/shirts" } },
    )
    expect(decodeError(raw, misconfigured).issues).toEqual([
      { path: "$.title.de_DE", message: '"de_DE" is not a BCP 47 language tag, e.g. de-DE' },
      { path: "$.description.de_DE", message: '"de_DE" is not a BCP 47 language tag, e.g. de-DE' },
    ])
  })

  it("fails with a MappingError when the mapping has no read side", () => {
    const writeOnly = defineMapping({ entity: "product", write: ProductFromShopify })
    const error = Effect.runSync(Effect.flip(decodeRecord(writeOnly, ctx, raw, recordKey)))
    expect(error.issues).toEqual([{ path: "$", message: "no read mapping for product" }])
  })
})

describe("encodeRecord", () => {
  const product = Effect.runSync(decodeRecord(shopifyProducts, ctx, raw, recordKey))

  it("maps a canonical product back to the vendor's shape, reversing the lookup", () => {
    expect(Effect.runSync(encodeRecord(shopifyProducts, ctx, product, "bio-t-shirt"))).toEqual({
      id: 8123456789,
      handle: "bio-t-shirt",
      title: "Bio-T-Shirt",
      body_html: "<p>100 % Bio-Baumwolle.</p>",
      vendor: "Nordfaser",
      product_type: "T-Shirts",
      status: "active",
      variants: [
        { id: 0, sku: "TSHIRT-ORG-S-NAVY", barcode: "4006381333931", option1: "S" },
        { id: 0, sku: "TSHIRT-ORG-M-NAVY", barcode: null, option1: "M" },
      ],
      updated_at: "2026-11-23T09:14:05Z",
    })
  })

  it("refuses a canonical record that breaks an invariant, at its JSON path", () => {
    const duplicate = {
      ...product,
      variants: [product.variants[0]!, { ...product.variants[1]!, sku: "TSHIRT-ORG-S-NAVY" }] as const,
    }
    const error = Effect.runSync(Effect.flip(encodeRecord(shopifyProducts, ctx, duplicate, "bio-t-shirt")))
    expect(error).toMatchObject({ system: "shopify", entity: "product", direction: "encode", recordKey: "bio-t-shirt" })
    expect(error.issues.map((i) => i.path)).toEqual(["$.variants[1].sku"])
    expect(error.message).toMatch(
      /^Cannot map product bio-t-shirt from shopify to the vendor's format: \$\.variants\[1\]\.sku: /,
    )
  })

  it("reports a category with no vendor product type at the canonical path", () => {
    const unmapped = { ...product, categories: ["apparel/hats"] }
    const error = Effect.runSync(Effect.flip(encodeRecord(shopifyProducts, ctx, unmapped, "bio-t-shirt")))
    expect(error.issues).toEqual([{ path: "$.categories[0]", message: "no Shopify product type" }])
  })

  it("fails with a MappingError when the mapping has no write side", () => {
    const readOnly = defineMapping({ entity: "product", read: ProductFromShopify })
    const error = Effect.runSync(Effect.flip(encodeRecord(readOnly, ctx, product, "bio-t-shirt")))
    expect(error.issues).toEqual([{ path: "$", message: "no write mapping for product" }])
  })

  it("round-trips: decoding what it encoded gives the same canonical record", () => {
    const vendor = Effect.runSync(encodeRecord(shopifyProducts, ctx, product, "bio-t-shirt"))
    expect(Effect.runSync(decodeRecord(shopifyProducts, ctx, vendor, recordKey))).toEqual({
      ...product,
      attributes: { shopifyId: "8123456789" },
    })
  })
})
