/**
 * What the products sink takes: a `ProductSetInput` without ids
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/input-objects/ProductSetInput). The sink
 * adds the product id when it updates; variants are matched by their option values.
 */
import { Schema } from "effect"
import { ShopifyProductStatus, WeightNode } from "./product.ts"

/**
 * The handle a product is stored under: its product number, lower-cased and URL-safe. The sink
 * finds products by it before creating one.
 */
export const productHandle = (productNumber: string): string => {
  const lower = productNumber.toLowerCase()
  return isHandle(lower) ? lower : lower.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
}

/**
 * Whether a lower-cased product number is its own handle (`alp-000123`): letters and digits in
 * runs joined by single dashes. Most are, and then the two replacements would copy it for nothing.
 */
const isHandle = (lower: string): boolean => {
  let previousDash = true
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i)
    if (c === 45) {
      if (previousDash) return false
      previousDash = true
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) previousDash = false
    else return false
  }
  return !previousDash
}

/** Where the exact product number lives, since a handle is lower-cased. */
export const productNumberMetafield = {
  namespace: "esl",
  key: "product_number",
  type: "single_line_text_field",
} as const

export const MetafieldInput = Schema.Struct({
  namespace: Schema.String,
  key: Schema.String,
  type: Schema.String,
  value: Schema.String,
})

export const OptionSetInput = Schema.Struct({
  name: Schema.String,
  position: Schema.Int,
  values: Schema.Array(Schema.Struct({ name: Schema.String })),
})

export const VariantSetInput = Schema.Struct({
  sku: Schema.String,
  barcode: Schema.NullOr(Schema.String),
  position: Schema.Int,
  optionValues: Schema.Array(Schema.Struct({ optionName: Schema.String, name: Schema.String })),
  inventoryItem: Schema.Struct({
    tracked: Schema.Boolean,
    measurement: Schema.Struct({ weight: Schema.NullOr(WeightNode) }),
  }),
})
export type VariantSetInput = typeof VariantSetInput.Type

export const ProductSetPayload = Schema.Struct({
  handle: Schema.String,
  title: Schema.String,
  descriptionHtml: Schema.String,
  vendor: Schema.String,
  productType: Schema.String,
  tags: Schema.Array(Schema.String),
  status: ShopifyProductStatus,
  metafields: Schema.Array(MetafieldInput),
  productOptions: Schema.Array(OptionSetInput),
  variants: Schema.Array(VariantSetInput),
})
export type ProductSetPayload = typeof ProductSetPayload.Type
