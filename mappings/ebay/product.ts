/**
 * Canonical Product → eBay inventory items (one per variant, condition NEW) and, for a product
 * with several variants, an inventory item group keyed by the product number whose `variesBy`
 * lists the option names and values. Texts in the system's locale; images by position
 * (variant-specific ones on their variants); EAN (or UPC for 12 digits); package weight.
 */
import { Clock, Effect, Schema } from "effect"
import { ListingPayload } from "../../connectors/ebay/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { Product, pickLocale, textIn, toInstant } from "../../core/model/index.ts"
import { bcp47Of, ebayLocaleOf } from "./lookups.ts"

type ProductType = typeof Product.Type
type ListingRecord = typeof ListingPayload.Type

/** The aspect eBay reads the brand from. */
const BRAND_ASPECT = "Brand"

const WEIGHT_UNITS = { g: "GRAM", kg: "KILOGRAM", lb: "POUND", oz: "OUNCE" } as const
const WEIGHT_BACK: Record<string, "g" | "kg" | "lb" | "oz"> = { GRAM: "g", KILOGRAM: "kg", POUND: "lb", OUNCE: "oz" }

const isStringList = (value: unknown): value is ReadonlyArray<string> => Array.isArray(value)

/** Attributes eBay can show as item specifics: plain values only. */
const aspectsOf = (product: ProductType, locale: string): Record<string, Array<string>> => {
  const aspects: Record<string, Array<string>> = {}
  for (const [name, value] of Object.entries(product.attributes)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      aspects[name] = [String(value)]
    else if (isStringList(value)) aspects[name] = [...value]
    else {
      const text = pickLocale(value, locale)
      if (text !== undefined) aspects[name] = [text]
    }
  }
  if (product.brand !== undefined) aspects[BRAND_ASPECT] = [product.brand]
  return aspects
}

const encodeListing = (product: ProductType, problems: Problems) =>
  Effect.gen(function* () {
    const ctx = yield* MappingContext
    const locale = ctx.defaults.locale
    const title = pickLocale(product.title, locale) ?? ""
    const description = pickLocale(product.description, locale) ?? title
    const media = [...product.media].sort((a, b) => a.position - b.position)
    const shared = media.filter((m) => m.skus === undefined || m.skus.length === 0).map((m) => m.url)
    const productAspects = aspectsOf(product, locale)
    const items = product.variants.map((variant, i) => {
      const gtin = variant.gtin
      const own = media.filter((m) => m.skus?.includes(variant.sku)).map((m) => m.url)
      const variantTitle = pickLocale(variant.title, locale) ?? title
      if (variantTitle.length > 80)
        problems.add(["variants", i, "title"], "eBay titles are limited to 80 characters", variantTitle)
      const aspects: Record<string, Array<string>> = { ...productAspects }
      for (const option of variant.options) aspects[option.name] = [option.value]
      const weight = variant.weight
      return {
        sku: variant.sku,
        locale: ebayLocaleOf(locale),
        condition: "NEW",
        product: {
          title: variantTitle,
          description,
          aspects,
          ...optional("brand", product.brand),
          ...(gtin === undefined ? {} : gtin.length === 12 ? { upc: [gtin] } : { ean: [gtin] }),
          imageUrls: [...own, ...shared],
        },
        ...(weight === undefined
          ? {}
          : { packageWeightAndSize: { weight: { value: weight.value, unit: WEIGHT_UNITS[weight.unit] } } }),
      }
    })
    if (title.length > 80) problems.add(["title"], "eBay titles are limited to 80 characters", title)
    const optionNames = [...new Set(product.variants.flatMap((v) => v.options.map((o) => o.name)))]
    if (product.variants.length > 1 && optionNames.length === 0) {
      problems.add(["variants"], "a product with several variants needs options for an eBay variation listing")
    }
    const group =
      product.variants.length > 1
        ? {
            inventoryItemGroupKey: product.productNumber,
            title,
            description,
            imageUrls: shared.length > 0 ? shared : media.map((m) => m.url),
            aspects: productAspects,
            variantSKUs: product.variants.map((v) => v.sku),
            variesBy: {
              specifications: optionNames.map((name) => ({
                name,
                values: [
                  ...new Set(
                    product.variants.flatMap((v) => v.options.filter((o) => o.name === name).map((o) => o.value)),
                  ),
                ],
              })),
            },
          }
        : undefined
    return yield* problems.result(
      (): ListingRecord => ({
        productNumber: product.productNumber,
        items: [items[0]!, ...items.slice(1)],
        ...optional("group", group),
      }),
    )
  })

const decodeListing = (listing: ListingRecord) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const [first] = listing.items
    const locale = bcp47Of(first.locale)
    const group = listing.group
    const optionNames = group?.variesBy.specifications.map((s) => s.name) ?? []
    const shared = group?.imageUrls ?? first.product.imageUrls ?? []
    const brand = first.product.brand
    const attributes: Record<string, Array<string> | string> = {}
    for (const [name, values] of Object.entries(group?.aspects ?? {})) {
      if (name === BRAND_ASPECT) continue
      attributes[name] = values.length === 1 ? (values[0] ?? "") : [...values]
    }
    const perVariant = listing.items.flatMap((item) =>
      (item.product.imageUrls ?? []).filter((u) => !shared.includes(u)).map((url) => ({ url, sku: item.sku })),
    )
    return {
      productNumber: listing.productNumber,
      title: textIn(locale, group?.title ?? first.product.title ?? ""),
      ...((group?.description ?? first.product.description) === undefined
        ? {}
        : { description: textIn(locale, group?.description ?? first.product.description ?? "") }),
      ...optional("brand", brand),
      categories: [],
      media: [
        ...perVariant.map((m, i) => ({ url: m.url, position: i, skus: [m.sku] })),
        ...shared.map((url, i) => ({ url, position: perVariant.length + i })),
      ],
      status: "active" as const,
      attributes,
      variants: [first, ...listing.items.slice(1)].map((item) => {
        const aspects = item.product.aspects ?? {}
        const weight = item.packageWeightAndSize?.weight
        const gtin = item.product.ean?.[0] ?? item.product.upc?.[0]
        const unit = weight === undefined ? undefined : WEIGHT_BACK[weight.unit]
        return {
          sku: item.sku,
          ...optional("gtin", gtin),
          ...(group === undefined || item.product.title === group.title
            ? {}
            : { title: textIn(locale, item.product.title ?? "") }),
          options: optionNames.flatMap((name) =>
            aspects[name]?.[0] === undefined ? [] : [{ name, value: aspects[name]?.[0] ?? "" }],
          ),
          ...(weight === undefined || unit === undefined ? {} : { weight: { value: weight.value, unit } }),
          status: "active" as const,
        }
      }) as [never, ...Array<never>],
      updatedAt: toInstant(new Date(now)),
    }
  })

const ProductToEbay = Schema.transformOrFail(ListingPayload, Product, {
  strict: true,
  decode: (listing) => decodeListing(listing),
  encode: (product, _, ast) => encodeListing(product, new Problems(ast, product)),
})

/** Canonical products → eBay inventory items and variation groups (write only). */
export const productMapping = defineMapping({ entity: "product", write: ProductToEbay })
