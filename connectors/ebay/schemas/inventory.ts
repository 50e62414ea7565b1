/**
 * Inventory API shapes (sell_inventory_v1_oas3.json): inventory items, item groups, offers and
 * the bulk calls' per-item results of their 207 Multi-Status answers.
 */
import { Schema } from "effect"
import { Amount, EbayError } from "./common.ts"

export const AvailabilityDistribution = Schema.Struct({
  merchantLocationKey: Schema.String,
  quantity: Schema.Number,
})

export const ShipToLocationAvailability = Schema.Struct({
  quantity: Schema.optional(Schema.Number),
  availabilityDistributions: Schema.optional(Schema.Array(AvailabilityDistribution)),
})

/** `Product` of an inventory item: aspects are name → values. */
export const ProductDetails = Schema.Struct({
  title: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  aspects: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })),
  brand: Schema.optional(Schema.String),
  mpn: Schema.optional(Schema.String),
  ean: Schema.optional(Schema.Array(Schema.String)),
  upc: Schema.optional(Schema.Array(Schema.String)),
  imageUrls: Schema.optional(Schema.Array(Schema.String)),
})

export const PackageWeightAndSize = Schema.Struct({
  weight: Schema.optional(Schema.Struct({ value: Schema.Number, unit: Schema.String })),
})

/** An inventory item as `bulkCreateOrReplaceInventoryItem` takes it (InventoryItemWithSkuLocale). */
export const InventoryItemRequest = Schema.Struct({
  sku: Schema.String,
  locale: Schema.String,
  condition: Schema.String,
  product: ProductDetails,
  packageWeightAndSize: Schema.optional(PackageWeightAndSize),
  availability: Schema.optional(
    Schema.Struct({ shipToLocationAvailability: Schema.optional(ShipToLocationAvailability) }),
  ),
})
export type InventoryItemRequest = typeof InventoryItemRequest.Type

/** An inventory item as eBay returns it (InventoryItemWithSkuLocaleGroupKeys). */
export const InventoryItemRecord = Schema.Struct({
  sku: Schema.String,
  locale: Schema.optional(Schema.String),
  condition: Schema.optional(Schema.String),
  product: Schema.optional(ProductDetails),
  availability: Schema.optional(
    Schema.Struct({ shipToLocationAvailability: Schema.optional(ShipToLocationAvailability) }),
  ),
  inventoryItemGroupKeys: Schema.optional(Schema.Array(Schema.String)),
})
export type InventoryItemRecord = typeof InventoryItemRecord.Type

/** A multi-variation listing's group (InventoryItemGroup). */
export const InventoryItemGroup = Schema.Struct({
  inventoryItemGroupKey: Schema.optional(Schema.String),
  title: Schema.String,
  description: Schema.String,
  imageUrls: Schema.Array(Schema.String),
  aspects: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })),
  variantSKUs: Schema.Array(Schema.String),
  variesBy: Schema.Struct({
    specifications: Schema.Array(Schema.Struct({ name: Schema.String, values: Schema.Array(Schema.String) })),
    aspectsImageVariesBy: Schema.optional(Schema.Array(Schema.String)),
  }),
})
export type InventoryItemGroup = typeof InventoryItemGroup.Type

export const ListingPolicies = Schema.Struct({
  fulfillmentPolicyId: Schema.String,
  paymentPolicyId: Schema.String,
  returnPolicyId: Schema.String,
})

/** An offer as `bulkCreateOffer` takes it (EbayOfferDetailsWithKeys). */
export const OfferRequest = Schema.Struct({
  sku: Schema.String,
  marketplaceId: Schema.String,
  format: Schema.String,
  availableQuantity: Schema.optional(Schema.Number),
  categoryId: Schema.optional(Schema.String),
  listingDescription: Schema.optional(Schema.String),
  listingPolicies: Schema.optional(ListingPolicies),
  merchantLocationKey: Schema.optional(Schema.String),
  pricingSummary: Schema.optional(Schema.Struct({ price: Schema.optional(Amount) })),
})
export type OfferRequest = typeof OfferRequest.Type

/** An offer as `getOffers` returns it (EbayOfferDetailsWithAll). */
export const OfferRecord = Schema.Struct({
  offerId: Schema.String,
  sku: Schema.String,
  marketplaceId: Schema.String,
  format: Schema.String,
  status: Schema.String,
  availableQuantity: Schema.optional(Schema.Number),
  pricingSummary: Schema.optional(Schema.Struct({ price: Schema.optional(Amount) })),
  listing: Schema.optional(Schema.Struct({ listingId: Schema.optional(Schema.String) })),
})
export type OfferRecord = typeof OfferRecord.Type

export const OffersPage = Schema.Struct({
  offers: Schema.Array(OfferRecord),
  total: Schema.optional(Schema.Number),
  next: Schema.optional(Schema.String),
})

/** The per-item part every 207 answer shares. */
const ItemResult = {
  statusCode: Schema.Number,
  errors: Schema.optional(Schema.Array(EbayError)),
  warnings: Schema.optional(Schema.Array(EbayError)),
}

export const BulkInventoryItemResponse = Schema.Struct({
  responses: Schema.Array(Schema.Struct({ ...ItemResult, sku: Schema.String, locale: Schema.optional(Schema.String) })),
})

export const BulkGetInventoryItemResponse = Schema.Struct({
  responses: Schema.Array(
    Schema.Struct({ ...ItemResult, sku: Schema.String, inventoryItem: Schema.optional(InventoryItemRecord) }),
  ),
})

export const BulkOfferResponse = Schema.Struct({
  responses: Schema.Array(
    Schema.Struct({
      ...ItemResult,
      sku: Schema.String,
      offerId: Schema.optional(Schema.String),
      marketplaceId: Schema.optional(Schema.String),
      format: Schema.optional(Schema.String),
    }),
  ),
})

export const BulkPriceQuantityResponse = Schema.Struct({
  responses: Schema.Array(
    Schema.Struct({ ...ItemResult, sku: Schema.String, offerId: Schema.optional(Schema.String) }),
  ),
})

/** One SKU's part of `bulkUpdatePriceQuantity` (PriceQuantity). */
export const PriceQuantity = Schema.Struct({
  sku: Schema.String,
  offers: Schema.optional(
    Schema.Array(
      Schema.Struct({
        offerId: Schema.String,
        price: Schema.optional(Amount),
        availableQuantity: Schema.optional(Schema.Number),
      }),
    ),
  ),
  shipToLocationAvailability: Schema.optional(ShipToLocationAvailability),
})
export type PriceQuantity = typeof PriceQuantity.Type
