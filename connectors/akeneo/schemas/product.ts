/**
 * Products and product models as `GET /api/rest/v1/products` and `/product-models` return them
 * (https://api.akeneo.com/api-reference.html#Product, #Productmodel). Only the fields the
 * connector reads are declared; the rest (associations, quality scores) pass undecoded.
 */
import { Schema } from "effect"
import { ProductValues } from "./values.ts"

/** A simple or variant product, identified by its identifier (the SKU). */
export const AkeneoProduct = Schema.Struct({
  uuid: Schema.optional(Schema.String),
  identifier: Schema.String,
  enabled: Schema.Boolean,
  family: Schema.NullOr(Schema.String),
  categories: Schema.Array(Schema.String),
  /** The product model this variant belongs to; null for a simple product. */
  parent: Schema.NullOr(Schema.String),
  values: ProductValues,
  created: Schema.optional(Schema.String),
  updated: Schema.String,
})
export type AkeneoProduct = typeof AkeneoProduct.Type

/** A product model: the common values of its variant products. */
export const AkeneoProductModel = Schema.Struct({
  code: Schema.String,
  family: Schema.String,
  family_variant: Schema.String,
  /** The root model of a level-2 sub-model; null for a root model. */
  parent: Schema.NullOr(Schema.String),
  categories: Schema.Array(Schema.String),
  values: ProductValues,
  created: Schema.optional(Schema.String),
  updated: Schema.String,
})
export type AkeneoProductModel = typeof AkeneoProductModel.Type
