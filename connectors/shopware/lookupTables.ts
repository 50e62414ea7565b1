/** The lookup tables the Shopware mappings consult, built from the connector's config. */
import type { ShopwareConfig } from "./config.ts"

/** Names of the tables; mappings use these constants, never string literals. */
export const TABLES = {
  currency: "shopwareCurrency",
  priceRule: "shopwarePriceRule",
  tax: "shopwareTax",
  propertyGroup: "shopwarePropertyGroup",
  pickup: "shopwarePickup",
  settings: "shopwareSettings",
} as const

export const shopwareLookupTables = (config: ShopwareConfig): Record<string, Readonly<Record<string, string>>> => ({
  [TABLES.currency]: config.currencies,
  [TABLES.priceRule]: config.priceRules,
  [TABLES.tax]: config.taxes,
  [TABLES.propertyGroup]: config.propertyGroups,
  [TABLES.pickup]: config.pickupShippingMethods,
  [TABLES.settings]: {
    defaultTaxRate: String(config.defaultTaxRate),
    ...(config.salesChannelId === undefined ? {} : { salesChannelId: config.salesChannelId }),
  },
})
