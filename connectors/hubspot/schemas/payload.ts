/** What the sinks write: property values per record, keyed the way HubSpot upserts them. */
import { Schema } from "effect"

/** Property values to write; an empty string clears a value. */
export const WriteProperties = Schema.Record({ key: Schema.String, value: Schema.String })
export type WriteProperties = typeof WriteProperties.Type

/**
 * A customer for the contacts sink: the contact (upserted by `email`, else by the customer-number
 * property) and, for a B2B customer with a number, its company (upserted by the same property).
 */
export const CustomerPayload = Schema.Struct({
  email: Schema.NullOr(Schema.String),
  customerNumber: Schema.NullOr(Schema.String),
  contact: WriteProperties,
  company: Schema.NullOr(Schema.Struct({ key: Schema.String, properties: WriteProperties })),
  /** The canonical record's `updatedAt`; HubSpot sets its own modification date. */
  updatedAt: Schema.String,
})
export type CustomerPayload = typeof CustomerPayload.Type

/** One canonical product for the products sink: a HubSpot product per variant, upserted by `hs_sku`. */
export const ProductPayload = Schema.Struct({
  productNumber: Schema.String,
  title: Schema.Record({ key: Schema.String, value: Schema.String }),
  variants: Schema.NonEmptyArray(
    Schema.Struct({
      sku: Schema.String,
      options: Schema.Array(Schema.Struct({ name: Schema.String, value: Schema.String })),
      status: Schema.Literal("draft", "active", "archived"),
      properties: WriteProperties,
    }),
  ),
  updatedAt: Schema.String,
})
export type ProductPayload = typeof ProductPayload.Type

/**
 * An order for the orders sink: the order's properties (matched by `hs_source_store` +
 * `hs_external_order_id`), its line items, and the e-mail of the contact it is associated with.
 */
export const OrderPayload = Schema.Struct({
  properties: WriteProperties,
  lineItems: Schema.Array(WriteProperties),
  contactEmail: Schema.NullOr(Schema.String),
  /** The canonical record's `updatedAt`; HubSpot sets its own modification date. */
  updatedAt: Schema.String,
})
export type OrderPayload = typeof OrderPayload.Type
