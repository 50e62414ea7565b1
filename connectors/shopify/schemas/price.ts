/**
 * What the prices sink takes: one variant's price and compare-at price as Shopify decimals
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/input-objects/ProductVariantsBulkInput).
 */
import { Schema } from "effect"
import { DecimalString } from "./common.ts"

export const VariantPricePayload = Schema.Struct({
  sku: Schema.String,
  price: DecimalString,
  compareAtPrice: Schema.NullOr(DecimalString),
})
export type VariantPricePayload = typeof VariantPricePayload.Type
