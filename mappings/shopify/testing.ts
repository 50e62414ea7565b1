/**
 * What the Shopify mapping tests share: the demo shop's mapping context and a read round trip
 * (vendor node → canonical → vendor node → canonical).
 */
import { Effect, Schema } from "effect"
import { locationTable, shopTable } from "../../connectors/shopify/lookupTables.ts"
import {
  decodeRecord,
  type EntityMapping,
  MappingContext,
  type MappingContextShape,
  mappingContext,
} from "../../core/mapping/index.ts"
import type { EntityName } from "../../core/model/index.ts"

/** The demo shop: English texts, EUR, prices with tax, the Berlin store configured as `BER-MITTE`. */
export const alpenglowContext = (
  overrides: {
    readonly currency?: string
    readonly taxesIncluded?: boolean
    readonly locations?: Record<string, string>
  } = {},
): MappingContextShape =>
  mappingContext(
    "shop",
    { locale: "en", currency: overrides.currency ?? "EUR", channel: "shopify", priceList: "default" },
    {
      [locationTable]: overrides.locations ?? {
        "BER-MITTE": "Berlin Mitte Store",
        "HAM-WH": "gid://shopify/Location/71234567001",
      },
      [shopTable]: { taxesIncluded: String(overrides.taxesIncluded ?? true) },
    },
  )

/** Decodes `raw`, encodes the result with the read mapping, decodes that again. */
export const readRoundTrip = <E extends EntityName, R, W>(
  mapping: EntityMapping<E, R, W>,
  ctx: MappingContextShape,
  raw: unknown,
) =>
  Effect.gen(function* () {
    const read = mapping.read
    if (read === undefined) return yield* Effect.die(`no read mapping for ${mapping.entity}`)
    const canonical = yield* decodeRecord(mapping, ctx, raw, "fixture")
    const vendor = yield* Schema.encode(read)(canonical).pipe(Effect.provideService(MappingContext, ctx))
    const again = yield* decodeRecord(mapping, ctx, vendor, "fixture")
    return { canonical, vendor, again }
  })
