/**
 * Shapes WooCommerce shares across resources
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#errors).
 */
import { Schema } from "effect"

/**
 * A WordPress REST error: `{ code, message, data: { status } }`, e.g.
 * `{ code: "woocommerce_rest_product_invalid_id", message: "Invalid ID.", data: { status: 404 } }`.
 * `rest_invalid_param` adds `data.params` (parameter → what is wrong with it).
 */
export const WooError = Schema.Struct({
  code: Schema.String,
  message: Schema.String,
  data: Schema.optional(
    Schema.NullOr(
      Schema.Struct({
        status: Schema.optional(Schema.Number),
        params: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
      }),
    ),
  ),
})
export type WooError = typeof WooError.Type

/** A `meta_data` entry. */
export const MetaData = Schema.Struct({
  id: Schema.optional(Schema.Number),
  key: Schema.String,
  value: Schema.Unknown,
})
export type MetaData = typeof MetaData.Type

/** A billing or shipping address of an order or a customer; every field is a string, `""` when empty. */
export const WooAddress = Schema.Struct({
  first_name: Schema.String,
  last_name: Schema.String,
  company: Schema.String,
  address_1: Schema.String,
  address_2: Schema.String,
  city: Schema.String,
  state: Schema.String,
  postcode: Schema.String,
  country: Schema.String,
  email: Schema.optional(Schema.NullOr(Schema.String)),
  phone: Schema.optional(Schema.NullOr(Schema.String)),
})
export type WooAddress = typeof WooAddress.Type

/** WooCommerce's `*_gmt` timestamps have no zone designator (`2026-03-04T09:12:44`): they are UTC. */
export const gmtInstant = (value: string): string => (/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`)
