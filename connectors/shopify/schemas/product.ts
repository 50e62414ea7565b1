/**
 * Products and variants as the Admin GraphQL API returns them
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/objects/Product).
 *
 * `…Record` schemas are what a mapping reads (ids optional: a mapping never needs them, so a
 * canonical record can be written back without inventing any); `…Node` schemas are what the
 * stream receives and checks, ids required.
 */
import { Schema } from "effect"
import { Connection, DecimalString, Gid } from "./common.ts"

export const ShopifyProductStatus = Schema.Literal("ACTIVE", "DRAFT", "ARCHIVED")
export const ShopifyWeightUnit = Schema.Literal("KILOGRAMS", "GRAMS", "POUNDS", "OUNCES")

export const WeightNode = Schema.Struct({ unit: ShopifyWeightUnit, value: Schema.Number })

export const SelectedOptionNode = Schema.Struct({ name: Schema.String, value: Schema.String })

/** A variant as the product mapping reads it. */
export const VariantRecord = Schema.Struct({
  id: Schema.optional(Gid),
  sku: Schema.NullOr(Schema.String),
  barcode: Schema.NullOr(Schema.String),
  /** 1-based. */
  position: Schema.Int,
  selectedOptions: Schema.Array(SelectedOptionNode),
  inventoryItem: Schema.Struct({
    id: Schema.optional(Gid),
    measurement: Schema.Struct({ weight: Schema.NullOr(WeightNode) }),
  }),
})
export type VariantRecord = typeof VariantRecord.Type

/** A variant's price, as the price mapping reads it. */
export const VariantPriceRecord = Schema.Struct({
  id: Schema.optional(Gid),
  sku: Schema.NullOr(Schema.String),
  price: DecimalString,
  compareAtPrice: Schema.NullOr(DecimalString),
  updatedAt: Schema.String,
})
export type VariantPriceRecord = typeof VariantPriceRecord.Type

/** A media item; only `MediaImage` has `image` (selected through an inline fragment). */
export const MediaNode = Schema.Struct({
  alt: Schema.NullOr(Schema.String),
  mediaContentType: Schema.String,
  image: Schema.optional(Schema.NullOr(Schema.Struct({ url: Schema.String }))),
})

/** The metafield holding the exact product number (`esl.product_number`), aliased `productNumber`. */
export const ProductNumberMetafield = Schema.NullOr(Schema.Struct({ value: Schema.String }))

/** A product as the product mapping reads it. */
export const ProductRecord = Schema.Struct({
  id: Schema.optional(Gid),
  handle: Schema.String,
  title: Schema.String,
  descriptionHtml: Schema.String,
  vendor: Schema.String,
  productType: Schema.String,
  tags: Schema.Array(Schema.String),
  status: ShopifyProductStatus,
  updatedAt: Schema.String,
  productNumber: ProductNumberMetafield,
  media: Schema.Struct({ nodes: Schema.Array(MediaNode) }),
  variants: Schema.Struct({ nodes: Schema.Array(VariantRecord) }),
})
export type ProductRecord = typeof ProductRecord.Type

/** A variant as the products query returns it: what both the product and the price mapping read. */
export const ProductVariantNode = Schema.Struct({
  ...VariantRecord.fields,
  ...VariantPriceRecord.fields,
  id: Gid,
  inventoryItem: Schema.Struct({ ...VariantRecord.fields.inventoryItem.fields, id: Gid }),
})
export type ProductVariantNode = typeof ProductVariantNode.Type

/** A product with all its variants: what the products stream yields. */
export const ProductNode = Schema.Struct({
  ...ProductRecord.fields,
  id: Gid,
  variants: Schema.Struct({ nodes: Schema.Array(ProductVariantNode) }),
})
export type ProductNode = typeof ProductNode.Type

/** A product on a page of the products query: its first variants and whether there are more. */
export const ProductPageNode = Schema.Struct({
  ...ProductNode.fields,
  variants: Connection(ProductVariantNode),
})
export type ProductPageNode = typeof ProductPageNode.Type
