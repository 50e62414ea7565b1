/**
 * The lookup tables eBay mappings consult, from the config: pickup stores and tax settings.
 */
import type { EbayConfig } from "./config.ts"

/** `ebayStore` (merchantLocationKey → location code) and `ebaySettings` (taxesIncluded, vatRate). */
export const ebayLookupTables = (config: EbayConfig): Readonly<Record<string, Readonly<Record<string, string>>>> => ({
  ebayStore: config.stores,
  ebaySettings: { taxesIncluded: String(config.taxesIncluded), vatRate: String(config.vatRate) },
})
