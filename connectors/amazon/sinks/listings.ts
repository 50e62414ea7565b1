/**
 * The listings sinks: prices (`purchasable_offer`) and seller-fulfilled stock
 * (`fulfillment_availability`) by SKU, both as PATCH messages of one JSON_LISTINGS_FEED per
 * batch of up to 25,000 records.
 */
import { defineSink } from "../../../core/connector/index.ts"
import type { AmazonConfig } from "../config.ts"
import { MAX_FEED_MESSAGES } from "../schemas/feeds.ts"
import { lookupBySku } from "./listingLookup.ts"
import { type ListingPatchPayload, submitListingsFeed } from "./listingsFeed.ts"

/** `ALP-TEE-S-BLK|default|EUR|1` → `ALP-TEE-S-BLK`. */
const skuOfPriceKey = (key: string): string => key.split("|")[0] ?? ""
/** `ALP-TEE-S-BLK@WH` → `ALP-TEE-S-BLK` (a SKU may itself contain `@`; the location code is last). */
const skuOfInventoryKey = (key: string): string => key.slice(0, Math.max(0, key.lastIndexOf("@")))
/** The offer of a SKU is the listing itself. */
const offerId = (sku: string): string => sku
/** The seller-fulfilled stock of a SKU (FBA stock of the same SKU is `sku@AMAZON_EU`). */
const ownStockId = (sku: string): string => `${sku}@DEFAULT`

export const pricesSink = defineSink<AmazonConfig, ListingPatchPayload>({
  entity: "price",
  description: "Offer prices (purchasable_offer.our_price) by SKU through a JSON_LISTINGS_FEED",
  maxBatchSize: MAX_FEED_MESSAGES,
  operations: ["update"],
  lookup: lookupBySku(skuOfPriceKey, offerId),
  write: (ctx, items) => submitListingsFeed(ctx, "price", items, offerId),
})

export const inventorySink = defineSink<AmazonConfig, ListingPatchPayload>({
  entity: "inventory",
  description:
    "Seller-fulfilled quantities (fulfillment_availability, DEFAULT channel) by SKU through a JSON_LISTINGS_FEED",
  maxBatchSize: MAX_FEED_MESSAGES,
  operations: ["update"],
  lookup: lookupBySku(skuOfInventoryKey, ownStockId),
  write: (ctx, items) => submitListingsFeed(ctx, "inventory", items, ownStockId),
})
