/**
 * The lookup tables eBay mappings consult, built from the connector's config
 * (`ebayLookupTables`): stores for In-Store Pickup and the system's tax settings.
 */
import type { MappingContextShape } from "../../core/mapping/index.ts"

/** eBay store `merchantLocationKey` → canonical location code. */
export const storeTable = "ebayStore"
/** `taxesIncluded` and `vatRate` of the eBay system. */
export const settingsTable = "ebaySettings"

/** The canonical location of a pickup store; without a configured one, the key is the code. */
export const storeCodeOf = (ctx: MappingContextShape, merchantLocationKey: string): string =>
  ctx.lookup(storeTable, merchantLocationKey) ?? merchantLocationKey

/** The eBay store of a canonical location code (the reverse of `storeCodeOf`). */
export const storeKeyOf = (ctx: MappingContextShape, code: string): string =>
  ctx.reverseLookup(storeTable, code) ?? code

/** Whether item prices include VAT (default true: EU marketplaces). */
export const taxesIncludedOf = (ctx: MappingContextShape): boolean =>
  ctx.lookup(settingsTable, "taxesIncluded") !== "false"

/** The VAT rate eBay's taxes are reported at (default 0.19, EBAY_DE). */
export const vatRateOf = (ctx: MappingContextShape): number => {
  const rate = Number(ctx.lookup(settingsTable, "vatRate") ?? "0.19")
  return Number.isFinite(rate) && rate >= 0 && rate <= 1 ? rate : 0.19
}

/** eBay's locale form (`de_DE`) of a BCP 47 tag (`de-DE`). */
export const ebayLocaleOf = (locale: string): string => {
  const [language = "en", region] = locale.split("-")
  return `${language.toLowerCase()}_${(region ?? (language === "en" ? "US" : language)).toUpperCase()}`
}

/** The BCP 47 tag (`de-DE`) of an eBay locale (`de_DE`). */
export const bcp47Of = (locale: string): string => locale.replace("_", "-")
