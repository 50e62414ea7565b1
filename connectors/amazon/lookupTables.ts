/**
 * What the Amazon mappings need from the config, as a lookup table: the marketplace, and which
 * hub locations stand for FBA stock and for the seller's own (`DEFAULT` channel) stock.
 */
import type { AmazonConfig } from "./config.ts"

/** The table's name in the mapping context. */
export const amazonTable = "amazon"

/** `lookup("amazon", "marketplaceId" | "fbaLocation" | "stockLocation" | "taxesIncluded")`. */
export const amazonLookupTables = (config: AmazonConfig) => ({
  [amazonTable]: {
    marketplaceId: config.marketplaceId,
    fbaLocation: config.fbaLocation,
    stockLocation: config.stockLocation,
    taxesIncluded: String(config.taxesIncluded),
  },
})
