/**
 * What the sinks write: the vendor side of the write mappings. Amounts are minor units in the
 * channel's currency, as Vendure's `Money` inputs take them.
 */
import { Schema } from "effect"

/** A product with its variants, by SKU (products sink). */
export const ProductPayload = Schema.Struct({
  /** The canonical product number; the product's slug is made from it. */
  productNumber: Schema.String,
  name: Schema.String,
  description: Schema.String,
  enabled: Schema.Boolean,
  /** Option groups (`Size`: `M`, `L`) the variants vary by, in order. */
  optionGroups: Schema.Array(Schema.Struct({ name: Schema.String, values: Schema.Array(Schema.String) })),
  variants: Schema.NonEmptyArray(
    Schema.Struct({
      sku: Schema.String,
      name: Schema.String,
      enabled: Schema.Boolean,
      options: Schema.Array(Schema.Struct({ group: Schema.String, value: Schema.String })),
    }),
  ),
})
export type ProductPayload = typeof ProductPayload.Type

/** A variant's price in the channel currency (prices sink). */
export const PricePayload = Schema.Struct({ sku: Schema.String, price: Schema.Int })
export type PricePayload = typeof PricePayload.Type

/** What may be sold of a SKU at the default stock location (inventory sink). */
export const StockPayload = Schema.Struct({ sku: Schema.String, saleable: Schema.Int })
export type StockPayload = typeof StockPayload.Type

/** A shipment of order lines by SKU (fulfilments sink). */
export const FulfillmentPayload = Schema.Struct({
  /** The order's `code`. */
  orderCode: Schema.String,
  /** The canonical fulfilment id; written into the manual handler's `method` so a retry finds it. */
  fulfillmentId: Schema.String,
  lines: Schema.NonEmptyArray(Schema.Struct({ sku: Schema.String, quantity: Schema.Int })),
  carrier: Schema.optional(Schema.String),
  trackingCode: Schema.optional(Schema.String),
  /** The fulfilment state to reach: `Pending` (created only), `Shipped`, `Delivered` or `Cancelled`. */
  state: Schema.Literal("Pending", "Shipped", "Delivered", "Cancelled"),
})
export type FulfillmentPayload = typeof FulfillmentPayload.Type

/** The manual handler's `method` argument: the carrier with the canonical fulfilment id. */
export const fulfillmentMethod = (carrier: string | undefined, fulfillmentId: string): string =>
  carrier === undefined || carrier === "" ? fulfillmentId : `${carrier} (${fulfillmentId})`

/** True when a Vendure fulfilment's `method` was written for this canonical fulfilment id. */
export const isMethodFor = (method: string, fulfillmentId: string): boolean =>
  method === fulfillmentId || method.endsWith(` (${fulfillmentId})`)
