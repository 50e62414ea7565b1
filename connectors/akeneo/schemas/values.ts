/**
 * Akeneo product values (https://api.akeneo.com/concepts/products.html#focus-on-the-product-values):
 * per attribute code a list of `{ locale, scope, data }`, `locale`/`scope` null when the
 * attribute is not localizable/scopable. `data` depends on the attribute type (text, number,
 * `{ amount, unit }` metric, option code, list of codes, file path), so it is kept `unknown`
 * here and read with the guards below.
 */
import { Schema } from "effect"

/** Labels per Akeneo locale code (`en_US`, `de_DE`). */
export const Labels = Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) })
export type Labels = typeof Labels.Type

/** `with_attribute_options=true` adds the option's labels to select values. */
export const LinkedData = Schema.Struct({
  attribute: Schema.String,
  code: Schema.String,
  labels: Labels,
})

/** One value of one attribute, for one locale and channel. */
export const ProductValue = Schema.Struct({
  locale: Schema.NullOr(Schema.String),
  scope: Schema.NullOr(Schema.String),
  data: Schema.Unknown,
  linked_data: Schema.optional(Schema.Unknown),
  /** Image and file values link to the media file's binary. */
  _links: Schema.optional(Schema.Struct({ download: Schema.Struct({ href: Schema.String }) })),
})
export type ProductValue = typeof ProductValue.Type

/** A product's or product model's values, by attribute code. */
export const ProductValues = Schema.Record({ key: Schema.String, value: Schema.Array(ProductValue) })
export type ProductValues = typeof ProductValues.Type

/** A metric value's data (`pim_catalog_metric`); Akeneo sends decimal amounts as strings. */
export const MetricData = Schema.Struct({
  amount: Schema.Union(Schema.String, Schema.Number),
  unit: Schema.String,
})
export type MetricData = typeof MetricData.Type

export const isMetricData = Schema.is(MetricData)
export const isLinkedData = Schema.is(LinkedData)
export const isStringList = Schema.is(Schema.Array(Schema.String))
