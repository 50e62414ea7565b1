/**
 * Products as the products stream yields them: the product from `GET /products`, its variations
 * from `GET /products/{id}/variations` in `variation_records`, and its categories as paths
 * (`All/Apparel`) built from the category tree in `category_paths`.
 */
import { Schema } from "effect"
import { MetaData } from "./common.ts"
import { Dimensions } from "./product.ts"

export const WooVariationRecord = Schema.Struct({
  id: Schema.Number,
  sku: Schema.String,
  status: Schema.String,
  global_unique_id: Schema.optionalWith(Schema.String, { default: () => "" }),
  weight: Schema.String,
  dimensions: Dimensions,
  attributes: Schema.Array(Schema.Struct({ name: Schema.String, option: Schema.String })),
  menu_order: Schema.Number,
})
export type WooVariationRecord = typeof WooVariationRecord.Type

/** A product as `GET /products` lists it (variations as ids). */
export const WooProductListed = Schema.Struct({
  id: Schema.Number,
  type: Schema.String,
  sku: Schema.String,
  name: Schema.String,
  status: Schema.String,
  description: Schema.String,
  global_unique_id: Schema.optionalWith(Schema.String, { default: () => "" }),
  weight: Schema.String,
  dimensions: Dimensions,
  categories: Schema.Array(Schema.Struct({ id: Schema.Number, name: Schema.String, slug: Schema.String })),
  attributes: Schema.Array(
    Schema.Struct({ name: Schema.String, options: Schema.Array(Schema.String), variation: Schema.Boolean }),
  ),
  meta_data: Schema.Array(MetaData),
  date_modified_gmt: Schema.String,
})
export type WooProductListed = typeof WooProductListed.Type

/** What the products stream yields per product. */
export const WooProductNode = Schema.Struct({
  ...WooProductListed.fields,
  category_paths: Schema.Array(Schema.String),
  variation_records: Schema.Array(WooVariationRecord),
})
export type WooProductNode = typeof WooProductNode.Type
