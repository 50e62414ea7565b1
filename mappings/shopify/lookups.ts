/**
 * What Shopify mappings look up besides the record: which canonical location a Shopify location
 * is, and whether the shop's prices include tax. Tables come from `shopifyLookupTables(config)`.
 */
import { locationTable, shopTable } from "../../connectors/shopify/lookupTables.ts"
import type { MappingContextShape } from "../../core/mapping/index.ts"

/**
 * The canonical code of a Shopify location: the `locations` entry naming its GID or its name,
 * else its name (the documented default: a location whose name is the code).
 */
export const locationCodeOf = (
  ctx: MappingContextShape,
  location: { readonly id?: string | undefined; readonly name: string },
): string =>
  (location.id === undefined ? undefined : ctx.reverseLookup(locationTable, location.id)) ??
  ctx.reverseLookup(locationTable, location.name) ??
  location.name

/** The Shopify location a canonical code stands for: `{ id }` when configured by GID, else `{ name }`. */
export const locationRefOf = (
  ctx: MappingContextShape,
  code: string,
): { readonly id?: string; readonly name: string } => {
  const configured = ctx.lookup(locationTable, code)
  if (configured === undefined) return { name: code }
  return configured.startsWith("gid://") ? { id: configured, name: code } : { name: configured }
}

/**
 * Whether the shop's prices include tax. Without the table (a context built by hand) we assume
 * they do, which is Shopify's setting for shops in the EU, the default currency's region.
 */
export const shopTaxesIncluded = (ctx: MappingContextShape): boolean =>
  ctx.lookup(shopTable, "taxesIncluded") !== "false"
