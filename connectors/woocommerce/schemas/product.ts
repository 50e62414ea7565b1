/**
 * Products and variations as the REST API returns them and as this connector writes them
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#product-properties,
 * #product-variation-properties). Only the fields the connector reads are declared.
 */
import { Schema } from "effect"
import { MetaData } from "./common.ts"

/** What `/products` and `/products/{id}/variations` return per record (variations carry `parent_id`). */
export const WooProductRecord = Schema.Struct({
  id: Schema.Number,
  parent_id: Schema.optional(Schema.Number),
  type: Schema.optional(Schema.String),
  sku: Schema.String,
  name: Schema.optional(Schema.String),
  status: Schema.optional(Schema.String),
  date_modified_gmt: Schema.optional(Schema.NullOr(Schema.String)),
  regular_price: Schema.optional(Schema.String),
  sale_price: Schema.optional(Schema.String),
  manage_stock: Schema.optional(Schema.Union(Schema.Boolean, Schema.Literal("parent"))),
  stock_quantity: Schema.optional(Schema.NullOr(Schema.Number)),
  meta_data: Schema.optional(Schema.Array(MetaData)),
})
export type WooProductRecord = typeof WooProductRecord.Type

/** A product attribute on write: a local (custom) attribute by name, used for variations. */
export const AttributePayload = Schema.Struct({
  name: Schema.String,
  position: Schema.Number,
  visible: Schema.Boolean,
  variation: Schema.Boolean,
  options: Schema.Array(Schema.String),
})

export const Dimensions = Schema.Struct({ length: Schema.String, width: Schema.String, height: Schema.String })

/** One variation of a variable product on write; `sku` is the canonical SKU. */
export const VariationPayload = Schema.Struct({
  sku: Schema.String,
  status: Schema.Literal("publish", "private"),
  description: Schema.String,
  global_unique_id: Schema.String,
  attributes: Schema.Array(Schema.Struct({ name: Schema.String, option: Schema.String })),
  weight: Schema.String,
  dimensions: Dimensions,
  manage_stock: Schema.Literal(true),
  menu_order: Schema.Number,
})
export type VariationPayload = typeof VariationPayload.Type

/**
 * What the products sink writes: the product (variable with its variations, or simple), in the
 * body `/products/batch` takes, plus `variations` that go to `/products/{id}/variations/batch`.
 * A simple product carries its one variant's SKU, GTIN, weight and dimensions itself.
 */
export const ProductPayload = Schema.Struct({
  type: Schema.Literal("variable", "simple"),
  sku: Schema.String,
  name: Schema.String,
  status: Schema.Literal("publish", "draft", "private"),
  description: Schema.String,
  global_unique_id: Schema.String,
  weight: Schema.String,
  dimensions: Dimensions,
  manage_stock: Schema.Boolean,
  /** Canonical category paths (`All/Apparel`); the sink sends their WooCommerce ids. */
  categories: Schema.Array(Schema.String),
  attributes: Schema.Array(AttributePayload),
  meta_data: Schema.Array(Schema.Struct({ key: Schema.String, value: Schema.String })),
  variations: Schema.Array(VariationPayload),
})
export type ProductPayload = typeof ProductPayload.Type

/** The meta key the canonical product number is kept under (a simple product's SKU is its variant's); no leading `_`, which WordPress treats as protected meta. */
export const PRODUCT_NUMBER_META = "esl_product_number"

/** What the prices sink writes for one SKU: decimal strings, `sale_price` `""` when there is none. */
export const PricePayload = Schema.Struct({
  sku: Schema.String,
  regular_price: Schema.String,
  sale_price: Schema.String,
})
export type PricePayload = typeof PricePayload.Type

/** What the inventory sink writes for one SKU at one location: the quantity available to sell. */
export const StockPayload = Schema.Struct({
  sku: Schema.String,
  locationCode: Schema.String,
  quantity: Schema.Number,
})
export type StockPayload = typeof StockPayload.Type
