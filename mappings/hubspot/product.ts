/**
 * Canonical Product → HubSpot products (write only). HubSpot's product library has no variants:
 * every variant is a product of its own, upserted by `hs_sku`, named after the product's title
 * (in the system's locale) and the variant's option values (`Merino T-Shirt – M / Schwarz`).
 * Prices are a separate entity in esl and are not written here.
 */
import { Array as Arr, Effect, Schema } from "effect"
import { ProductPayload } from "../../connectors/hubspot/schemas/payload.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Product, pickLocale } from "../../core/model/index.ts"

type ProductEncoded = typeof Product.Encoded

/** The HubSpot product name of a variant. */
export const variantName = (title: string, options: ReadonlyArray<{ readonly value: string }>): string =>
  options.length === 0 ? title : `${title} – ${options.map((o) => o.value).join(" / ")}`

/** ProductPayload ⇄ Product: what the products sink writes. */
export const productWrite = Schema.transformOrFail(ProductPayload, Product, {
  strict: true,
  decode: (payload) =>
    Effect.succeed<ProductEncoded>({
      productNumber: payload.productNumber,
      title: payload.title,
      categories: [],
      media: [],
      status: payload.variants.every((v) => v.status === "archived") ? "archived" : "active",
      attributes: {},
      variants: Arr.map(payload.variants, (v) => ({ sku: v.sku, options: v.options, status: v.status })),
      updatedAt: payload.updatedAt,
    }),
  encode: (product) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const title = pickLocale(product.title, defaults.locale) ?? product.productNumber
      const description = pickLocale(product.description, defaults.locale)
      const variants = Arr.map(product.variants, (variant) => ({
        sku: variant.sku,
        options: variant.options,
        status: variant.status,
        properties: {
          name: pickLocale(variant.title, defaults.locale) ?? variantName(title, variant.options),
          hs_sku: variant.sku,
          ...(description === undefined ? {} : { description }),
        },
      }))
      return {
        productNumber: product.productNumber,
        title: product.title,
        variants,
        updatedAt: product.updatedAt,
      }
    }),
})

/** `product`: written by the products sink. */
export const productMapping = defineMapping({ entity: "product", write: productWrite })
