/**
 * What the eBay sinks accept: the vendor side of the write mappings. The sinks add what comes
 * from config (marketplace, policies, category, offer ids) and split these into API calls.
 */
import { Schema } from "effect"
import { Amount } from "./common.ts"
import { InventoryItemGroup, InventoryItemRequest } from "./inventory.ts"

/** A product as inventory items (one per variant) and, for several variants, their group. */
export const ListingPayload = Schema.Struct({
  productNumber: Schema.String,
  items: Schema.NonEmptyArray(InventoryItemRequest),
  group: Schema.optional(InventoryItemGroup),
})
export type ListingPayload = typeof ListingPayload.Type

/** The offer price of one SKU. */
export const PricePayload = Schema.Struct({ sku: Schema.String, price: Amount })
export type PricePayload = typeof PricePayload.Type

/** What one location may sell of one SKU; the sink sums the configured locations per SKU. */
export const StockPayload = Schema.Struct({
  sku: Schema.String,
  locationCode: Schema.String,
  available: Schema.Number,
})
export type StockPayload = typeof StockPayload.Type

/** A shipment as `createShippingFulfillment` needs it, lines still by SKU (the sink finds the line item ids). */
export const ShipmentPayload = Schema.Struct({
  orderId: Schema.String,
  fulfillmentId: Schema.String,
  lines: Schema.NonEmptyArray(Schema.Struct({ sku: Schema.String, quantity: Schema.Number })),
  shippedDate: Schema.optional(Schema.String),
  shippingCarrierCode: Schema.optional(Schema.String),
  trackingNumber: Schema.optional(Schema.String),
})
export type ShipmentPayload = typeof ShipmentPayload.Type
