/** What the Amazon mappings read from the connector's lookup table (`amazonLookupTables`). */
import { amazonTable } from "../../connectors/amazon/lookupTables.ts"
import type { MappingContextShape } from "../../core/mapping/index.ts"

/** The marketplace of the system (default Amazon.de). */
export const marketplaceOf = (ctx: MappingContextShape): string =>
  ctx.lookup(amazonTable, "marketplaceId") ?? "A1PA6795UKMFR9"
/** The hub location FBA stock is kept under. */
export const fbaLocationOf = (ctx: MappingContextShape): string => ctx.lookup(amazonTable, "fbaLocation") ?? "FBA-EU"
/** The hub location whose stock Amazon gets as the seller-fulfilled quantity. */
export const stockLocationOf = (ctx: MappingContextShape): string => ctx.lookup(amazonTable, "stockLocation") ?? "WH"
/** Whether the marketplace's prices include VAT (every European one does). */
export const taxesIncludedOf = (ctx: MappingContextShape): boolean =>
  ctx.lookup(amazonTable, "taxesIncluded") !== "false"
