import { Schema } from "effect"
import { Instant, Key, PositiveInt } from "./primitives.ts"

/** A shipment (or pickup hand-over) of order lines. Natural key: channel + order number + fulfilment id. */
export const Fulfillment = Schema.Struct({
  channel: Key,
  orderNumber: Key,
  fulfillmentId: Key,
  lines: Schema.NonEmptyArray(Schema.Struct({ sku: Key, quantity: PositiveInt })),
  carrier: Schema.optional(Schema.String),
  trackingNumber: Schema.optional(Schema.String),
  trackingUrl: Schema.optional(Schema.String),
  locationCode: Schema.optional(Key),
  status: Schema.Literal("pending", "shipped", "delivered", "cancelled"),
  shippedAt: Schema.optional(Instant),
  updatedAt: Instant,
}).annotations({ identifier: "Fulfillment" })
export type Fulfillment = typeof Fulfillment.Type
