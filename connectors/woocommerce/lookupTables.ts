/**
 * The lookup tables WooCommerce's mappings consult (`MappingContext.lookup`), built from the
 * connector's config so mapping stays pure.
 */
import type { WooCommerceConfig } from "./config.ts"

/** Pickup location name (a shipping line's `pickup_location`) → canonical store code. */
export const pickupTable = "woocommerce.pickupLocation"
/** Shop settings a mapping needs: `pricesIncludeTax`, `weightUnit`, `dimensionUnit`. */
export const shopTable = "woocommerce.shop"

/** The tables for `mappingContext(system, defaults, woocommerceLookupTables(config))`. */
export const woocommerceLookupTables = (
  config: WooCommerceConfig,
): Readonly<Record<string, Readonly<Record<string, string>>>> => ({
  [pickupTable]: config.pickupLocations,
  [shopTable]: {
    pricesIncludeTax: String(config.pricesIncludeTax),
    weightUnit: config.weightUnit,
    dimensionUnit: config.dimensionUnit,
  },
})
