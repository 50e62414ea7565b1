/**
 * What Vendure mappings look up besides the record, from the connector's lookup table
 * `vendureChannel` (built from its config): whether the channel's prices include tax, and the
 * canonical code of the default stock location.
 */
import type { MappingContextShape } from "../../core/mapping/index.ts"

export const channelTable = "vendureChannel"

/** Whether the channel's prices include tax; without the table, true (the connector's default). */
export const pricesIncludeTax = (ctx: MappingContextShape): boolean =>
  ctx.lookup(channelTable, "pricesIncludeTax") !== "false"

/** The canonical location code of Vendure's default stock location; `default` without the table. */
export const stockLocationCode = (ctx: MappingContextShape): string =>
  ctx.lookup(channelTable, "locationCode") ?? "default"
