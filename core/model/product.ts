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
      const seen = new Set<string>()
      for (let index = 0; index < product.variants.length; index++) {
        const variant = product.variants[index] as Variant
        if (seen.has(variant.sku)) {
          return { path: ["variants", index, "sku"], message: `SKU ${variant.sku} appears twice in this product` }
        }
        seen.add(variant.sku)
      }
      return true
    }),
  )
  .annotations({ identifier: "Product" })
export type Product = typeof Product.Type
