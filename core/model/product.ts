import { Schema } from "effect"
import { Attributes } from "./attributes.ts"
import { LocalizedText } from "./localizedText.ts"
import { Instant, Key, NonNegativeInt } from "./primitives.ts"

export const ProductStatus = Schema.Literal("draft", "active", "archived")
export type ProductStatus = typeof ProductStatus.Type

/** Weight in a named unit; decimals allowed because the unit needs them. */
export const Weight = Schema.Struct({
  value: Schema.Number.pipe(Schema.nonNegative()),
  unit: Schema.Literal("g", "kg", "lb", "oz"),
})

export const Dimensions = Schema.Struct({
  length: Schema.Number.pipe(Schema.nonNegative()),
  width: Schema.Number.pipe(Schema.nonNegative()),
  height: Schema.Number.pipe(Schema.nonNegative()),
  unit: Schema.Literal("mm", "cm", "m", "in"),
})

/** An option a variant varies by: `{ name: "Size", value: "M" }`. */
export const OptionValue = Schema.Struct({ name: Schema.String, value: Schema.String })

/** GTIN-8/12/13/14 (EAN, UPC): digits only. */
export const Gtin = Schema.String.pipe(
  Schema.pattern(/^(\d{8}|\d{12,14})$/, { message: () => "must be a GTIN of 8, 12, 13 or 14 digits" }),
)

/** A sellable unit. Natural key: SKU, unique across the hub. */
export const Variant = Schema.Struct({
  sku: Key,
  gtin: Schema.optional(Gtin),
  title: Schema.optional(LocalizedText),
  options: Schema.Array(OptionValue),
  weight: Schema.optional(Weight),
  dimensions: Schema.optional(Dimensions),
  status: ProductStatus,
  position: Schema.optional(NonNegativeInt),
  attributes: Schema.optional(Attributes),
}).annotations({ identifier: "Variant" })
export type Variant = typeof Variant.Type

export const Media = Schema.Struct({
  url: Schema.String,
  alt: Schema.optional(LocalizedText),
  position: NonNegativeInt,
  /** SKUs this image shows, when it is variant-specific. */
  skus: Schema.optional(Schema.Array(Schema.String)),
})

/** Up to this many variants, comparing each pair is cheaper than building a Set per product. */
const PAIRWISE_LIMIT = 32

/** The index of the first variant whose SKU an earlier variant already has, or -1. */
const indexOfRepeatedSku = (variants: ReadonlyArray<{ readonly sku: string }>): number => {
  if (variants.length <= PAIRWISE_LIMIT) {
    for (let i = 1; i < variants.length; i++) {
      const sku = (variants[i] as { readonly sku: string }).sku
      for (let j = 0; j < i; j++) if ((variants[j] as { readonly sku: string }).sku === sku) return i
    }
    return -1
  }
  const seen = new Set<string>()
  for (let i = 0; i < variants.length; i++) {
    const sku = (variants[i] as { readonly sku: string }).sku
    if (seen.has(sku)) return i
    seen.add(sku)
  }
  return -1
}

/**
 * A product and its variants. Natural key: the product number (parent SKU).
 * Invariant: variant SKUs are unique within the product (across products: enforced by the hub).
 */
export const Product = Schema.Struct({
  productNumber: Key,
  title: LocalizedText,
  description: Schema.optional(LocalizedText),
  brand: Schema.optional(Schema.String),
  categories: Schema.Array(Schema.String),
  media: Schema.Array(Media),
  status: ProductStatus,
  attributes: Attributes,
  variants: Schema.NonEmptyArray(Variant),
  updatedAt: Instant,
})
  .pipe(
    Schema.filter((product) => {
      const index = indexOfRepeatedSku(product.variants)
      if (index === -1) return true
      const sku = (product.variants[index] as Variant).sku
      return { path: ["variants", index, "sku"], message: `SKU ${sku} appears twice in this product` }
    }),
  )
  .annotations({ identifier: "Product" })
export type Product = typeof Product.Type
