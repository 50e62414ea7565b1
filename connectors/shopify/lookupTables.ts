/**
 * The lookup tables Shopify's mappings consult (`MappingContext.lookup`), built from the
 * connector's config so mapping stays pure.
 */
import type { ShopifyConfig } from "./config.ts"

/** Canonical location code → Shopify location name or GID (the `locations` option). */
export const locationTable = "shopify.location"
/** Shop settings a mapping needs: `taxesIncluded` ("true" / "false"). */
export const shopTable = "shopify.shop"

/**
 * The tables for `mappingContext(system, defaults, shopifyLookupTables(config))`.
 *
 * @example
 * const ctx = mappingContext("shop", instance.defaults, shopifyLookupTables(instance.config))
 */
export const shopifyLookupTables = (
  config: ShopifyConfig,
): Readonly<Record<string, Readonly<Record<string, string>>>> => ({
  [locationTable]: config.locations,
  [shopTable]: { taxesIncluded: String(config.taxesIncluded) },
})
