/**
 * Catalog structure the product mapping needs: family variants (which attributes are the
 * variant axes), attributes (their labels) and categories
 * (https://api.akeneo.com/api-reference.html#Familyvariant, #Attribute, #Category).
 */
import { Schema } from "effect"
import { Labels } from "./values.ts"

/** One enrichment level of a family variant: its axes and the attributes set on it. */
export const VariantAttributeSet = Schema.Struct({
  level: Schema.Int,
  axes: Schema.Array(Schema.String),
  attributes: Schema.optional(Schema.Array(Schema.String)),
})

/** `GET /api/rest/v1/families/{family}/variants/{code}`. */
export const FamilyVariant = Schema.Struct({
  code: Schema.String,
  labels: Schema.optional(Labels),
  variant_attribute_sets: Schema.Array(VariantAttributeSet),
})
export type FamilyVariant = typeof FamilyVariant.Type

/** `GET /api/rest/v1/attributes/{code}`: what the mapping needs of an attribute. */
export const AkeneoAttribute = Schema.Struct({
  code: Schema.String,
  type: Schema.String,
  labels: Labels,
  localizable: Schema.optional(Schema.Boolean),
  scopable: Schema.optional(Schema.Boolean),
})
export type AkeneoAttribute = typeof AkeneoAttribute.Type

/** `GET /api/rest/v1/categories` items (`with_position=true` adds `position`). */
export const AkeneoCategory = Schema.Struct({
  code: Schema.String,
  parent: Schema.NullOr(Schema.String),
  labels: Labels,
  updated: Schema.String,
  position: Schema.optional(Schema.Int),
})
export type AkeneoCategory = typeof AkeneoCategory.Type

/** `GET /api/rest/v1/channels/{code}` (what `check` reports). */
export const AkeneoChannel = Schema.Struct({
  code: Schema.String,
  locales: Schema.Array(Schema.String),
  category_tree: Schema.String,
})

/** `GET /api/rest/v1/system-information`. */
export const SystemInformation = Schema.Struct({ version: Schema.String, edition: Schema.String })
