/** What the Amazon mapping tests share: the demo seller's mapping context and a read round trip. */
import { Effect, Schema } from "effect"
import { amazonTable } from "../../connectors/amazon/lookupTables.ts"
import {
  decodeRecord,
  type EntityMapping,
  MappingContext,
  type MappingContextShape,
  mappingContext,
} from "../../core/mapping/index.ts"
import type { EntityName } from "../../core/model/index.ts"

/** Amazon.de for Alpenglow: EUR with VAT, FBA stock at `FBA-EU`, own stock from `WH`. */
export const amazonDeContext = (overrides: { readonly channel?: string } = {}): MappingContextShape =>
  mappingContext(
    "amazon",
    { locale: "de-DE", currency: "EUR", channel: overrides.channel ?? "amazon", priceList: "default" },
    {
      [amazonTable]: {
        marketplaceId: "A1PA6795UKMFR9",
        fbaLocation: "FBA-EU",
        stockLocation: "WH",
        taxesIncluded: "true",
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

/** Encodes with the write mapping, decodes the payload back with it. */
export const writeRoundTrip = <E extends EntityName, R, W>(
  mapping: EntityMapping<E, R, W>,
  ctx: MappingContextShape,
  canonical: Schema.Schema.Type<NonNullable<EntityMapping<E, R, W>["write"]>>,
) =>
  Effect.gen(function* () {
    const write = mapping.write
    if (write === undefined) return yield* Effect.die(`no write mapping for ${mapping.entity}`)
    const payload = yield* Schema.encode(write)(canonical).pipe(Effect.provideService(MappingContext, ctx))
    const again = yield* Schema.decodeUnknown(write)(payload).pipe(Effect.provideService(MappingContext, ctx))
    return { payload, again }
  })
