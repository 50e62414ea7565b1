/**
 * Listings Items API 2021-08-01 (listingsItems_2021-08-01.json) and the two listing attributes
 * the connector writes: `purchasable_offer` (the price) and `fulfillment_availability` (the
 * seller-fulfilled quantity).
 */
import { Schema } from "effect"

/** `ItemSearchResults` of searchListingsItems, summaries only. */
export const ItemSearchResults = Schema.Struct({
  numberOfResults: Schema.Int,
  pagination: Schema.optional(
    Schema.Struct({ nextToken: Schema.optional(Schema.String), previousToken: Schema.optional(Schema.String) }),
  ),
  items: Schema.Array(
    Schema.Struct({
      sku: Schema.String,
      summaries: Schema.optional(
        Schema.Array(
          Schema.Struct({
            marketplaceId: Schema.String,
            asin: Schema.optional(Schema.String),
            productType: Schema.String,
          }),
        ),
      ),
    }),
  ),
})

/** How many SKUs one searchListingsItems call may name (`identifiers`, maxItems 20). */
export const MAX_SEARCH_IDENTIFIERS = 20

/** One `purchasable_offer` value: the price in a marketplace and currency (tax included in the EU). */
export const PurchasableOffer = Schema.Struct({
  marketplace_id: Schema.String,
  currency: Schema.String,
  our_price: Schema.Array(
    Schema.Struct({
      schedule: Schema.Array(Schema.Struct({ value_with_tax: Schema.Number })).pipe(Schema.minItems(1)),
    }),
  ).pipe(Schema.minItems(1)),
})
export type PurchasableOffer = typeof PurchasableOffer.Type

/** One `fulfillment_availability` value: the quantity the seller ships itself (`DEFAULT` channel). */
export const FulfillmentAvailability = Schema.Struct({
  fulfillment_channel_code: Schema.String,
  quantity: Schema.Int.pipe(Schema.nonNegative()),
})
export type FulfillmentAvailability = typeof FulfillmentAvailability.Type
