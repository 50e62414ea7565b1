/**
 * What the Vendure mapping tests share: the peer shop's mapping context (English, EUR, gross
 * prices, the default stock location as `default`) and a read round trip
 * (vendor record → canonical → vendor record → canonical).
 */
import { Effect, Schema } from "effect"
import {
  decodeRecord,
  type EntityMapping,
  MappingContext,
  type MappingContextShape,
  mappingContext,
} from "../../core/mapping/index.ts"
import type { EntityName } from "../../core/model/index.ts"
import { channelTable } from "./lookups.ts"

/** The peer shop as scripts/peers/vendure.sh seeds it; `pricesIncludeTax` may be turned off. */
export const peerShopContext = (
  overrides: { readonly pricesIncludeTax?: boolean; readonly locationCode?: string } = {},
): MappingContextShape =>
  mappingContext(
    "shop",
    { locale: "en", currency: "EUR", channel: "vendure", priceList: "default" },
    {
      [channelTable]: {
        pricesIncludeTax: String(overrides.pricesIncludeTax ?? true),
        locationCode: overrides.locationCode ?? "default",
      },
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
