/**
 * Canonical Product → Shopware product with variants (written by the products sink).
 *
 * - The product number is the parent's `productNumber`; each variant is a child whose
 *   `productNumber` is its SKU, with its options as property group options (`Size: M`), written
 *   nested so the groups and options exist afterwards. A product whose single variant has the
 *   product's own number and no options is a simple product without children.
 * - Names and descriptions go into `translations` per locale (`de-DE`, `en-GB`), the system
 *   locale's also into `name`/`description`.
 * - Ids are derived from natural keys (`shopwareId`), so every write is an idempotent upsert.
 * - `taxId`: the tax of the product's `taxRate` attribute, else of the configured default rate.
 * - `decode` reads such a payload back (category names as codes, now as `updatedAt`), for tests.
 */
import { Clock, Effect, Schema } from "effect"
import { shopwareId } from "../../connectors/shopware/ids.ts"
import { TABLES } from "../../connectors/shopware/lookupTables.ts"
import { ProductPayload } from "../../connectors/shopware/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Product, pickLocale, textIn, toInstant } from "../../core/model/index.ts"
import { failAt, shopwareLocale } from "./values.ts"

type ProductType = typeof Product.Type
type Weight = NonNullable<ProductType["variants"][number]["weight"]>

const toKg = (w: Weight): number => {
  const factor = { g: 0.001, kg: 1, lb: 0.45359237, oz: 0.028349523125 }[w.unit]
  return Math.round(w.value * factor * 1000) / 1000
}

/** Visibility `30`: the product is listed and searchable in the sales channel. */
const VISIBILITY_ALL = 30

export const productWrite = Schema.transformOrFail(ProductPayload, Product, {
  strict: true,
  decode: (payload, _options, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const now = yield* Clock.currentTimeMillis
      const title: Record<string, string> = {}
      const description: Record<string, string> = {}
      for (const [locale, t] of Object.entries(payload.translations)) {
        if (t.name !== undefined) title[locale] = t.name
        if (t.description !== undefined) description[locale] = t.description
      }
      const variants =
        payload.children.length === 0
          ? [
              {
                sku: payload.productNumber,
                options: [],
                status: payload.active ? ("active" as const) : ("draft" as const),
              },
            ]
          : payload.children.map((c, position) => ({
              sku: c.productNumber,
              ...(c.ean === undefined ? {} : { gtin: c.ean }),
              options: c.options.map((o) => ({ name: o.group.name, value: o.name })),
              ...(c.weight === undefined ? {} : { weight: { value: c.weight, unit: "kg" as const } }),
              status: c.active ? ("active" as const) : ("draft" as const),
              position,
            }))
      const [first, ...rest] = variants
      if (first === undefined) return yield* failAt(ast, payload, ["children"], "a product needs at least one variant")
      return {
        productNumber: payload.productNumber,
        title,
        ...(Object.keys(description).length === 0 ? {} : { description }),
        ...(payload.manufacturer === undefined ? {} : { brand: payload.manufacturer.name }),
        categories: payload.categories.map((c) => c.name),
        media: payload.media.flatMap((m) => {
          const url = payload.mediaSources.find((s) => s.mediaId === m.media.id)?.url
          return url === undefined
            ? []
            : [
                {
                  url,
                  position: m.position,
                  ...(m.media.alt === undefined ? {} : { alt: textIn(ctx.defaults.locale, m.media.alt) }),
                },
              ]
        }),
        status: payload.active ? ("active" as const) : ("draft" as const),
        attributes: {},
        variants: [first, ...rest] as const,
        updatedAt: toInstant(new Date(now)),
      }
    }),
  encode: (product, _options, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const name = pickLocale(product.title, ctx.defaults.locale)
      if (name === undefined) return yield* failAt(ast, product, ["title"], "a product needs a title")
      const rateAttribute = product.attributes.taxRate
      const rate =
        typeof rateAttribute === "number" || typeof rateAttribute === "string"
          ? String(rateAttribute)
          : (ctx.lookup(TABLES.settings, "defaultTaxRate") ?? "19")
      const taxId = ctx.lookup(TABLES.tax, rate)
      const taxRate = Number(rate)
      if (!Number.isFinite(taxRate) || taxRate < 0 || taxRate > 100) {
        return yield* failAt(ast, product, ["attributes", "taxRate"], `"${rate}" is not a tax rate in percent`)
      }
      const translations: Record<string, { name?: string; description?: string }> = {}
      for (const [locale, text] of Object.entries(product.title)) translations[shopwareLocale(locale)] = { name: text }
      for (const [locale, text] of Object.entries(product.description ?? {})) {
        translations[shopwareLocale(locale)] = { ...translations[shopwareLocale(locale)], description: text }
      }
      const description = pickLocale(product.description, ctx.defaults.locale)
      const simple =
        product.variants.length === 1 &&
        product.variants[0]?.sku === product.productNumber &&
        product.variants[0].options.length === 0
      const optionOf = (o: { readonly name: string; readonly value: string }) => ({
        id: shopwareId("propertyOption", `${o.name}:${o.value}`),
        name: o.value,
        group: { id: ctx.lookup(TABLES.propertyGroup, o.name) ?? shopwareId("propertyGroup", o.name), name: o.name },
      })
      const optionIds = [...new Set(product.variants.flatMap((v) => v.options.map((o) => optionOf(o).id)))]
      const salesChannelId = ctx.lookup(TABLES.settings, "salesChannelId")
      const media = [...product.media].sort((a, b) => a.position - b.position)
      const mediaId = (url: string) => shopwareId("media", url)
      const productMediaId = (url: string) => shopwareId("productMedia", `${product.productNumber}:${url}`)
      const [cover] = media
      return {
        id: shopwareId("product", product.productNumber),
        productNumber: product.productNumber,
        name,
        ...(description === undefined ? {} : { description }),
        translations,
        ...(taxId === undefined ? {} : { taxId }),
        taxRate,
        active: product.status === "active",
        ...(product.brand === undefined
          ? {}
          : { manufacturer: { id: shopwareId("manufacturer", product.brand), name: product.brand } }),
        categories: product.categories.map((code) => ({
          id: shopwareId("category", code),
          name: code.split("/").pop() ?? code,
        })),
        visibilities:
          salesChannelId === undefined
            ? []
            : [
                {
                  id: shopwareId("visibility", `${product.productNumber}:${salesChannelId}`),
                  salesChannelId,
                  visibility: VISIBILITY_ALL,
                },
              ],
        media: media.map((m) => {
          const alt = pickLocale(m.alt, ctx.defaults.locale)
          return {
            id: productMediaId(m.url),
            position: m.position,
            media: { id: mediaId(m.url), ...(alt === undefined ? {} : { alt }) },
          }
        }),
        ...(cover === undefined ? {} : { coverId: productMediaId(cover.url) }),
        mediaSources: media.map((m) => ({ mediaId: mediaId(m.url), url: m.url })),
        configuratorSettings: simple
          ? []
          : optionIds.map((optionId) => ({
              id: shopwareId("configurator", `${product.productNumber}:${optionId}`),
              optionId,
            })),
        children: simple
          ? []
          : product.variants.map((v) => ({
              id: shopwareId("product", v.sku),
              productNumber: v.sku,
              active: v.status === "active",
              ...(v.gtin === undefined ? {} : { ean: v.gtin }),
              ...(v.weight === undefined ? {} : { weight: toKg(v.weight) }),
              options: v.options.map(optionOf),
            })),
      }
    }),
})

/** `product`: written by the products sink. */
export const productMapping = defineMapping<"product", unknown, typeof ProductPayload.Encoded>({
  entity: "product",
  write: productWrite,
})
