/**
 * What the WooCommerce mapping tests share: the demo shop's mapping context and round trips in
 * both directions.
 */
import { Effect, Schema } from "effect"
import { WooCommerceConfig } from "../../connectors/woocommerce/config.ts"
import { woocommerceLookupTables } from "../../connectors/woocommerce/lookupTables.ts"
import {
  decodeRecord,
  type EntityMapping,
  encodeRecord,
  MappingContext,
  type MappingContextShape,
  mappingContext,
} from "../../core/mapping/index.ts"
import type { Canonical, EntityName } from "../../core/model/index.ts"

/** The demo shop: German texts, EUR, prices with tax, the Berlin store's pickup point as BER. */
export const alpenglowShop = (overrides: Partial<typeof WooCommerceConfig.Encoded> = {}): MappingContextShape => {
  const config = Schema.decodeUnknownSync(WooCommerceConfig)({
    baseUrl: "https://shop.alpenglow-outfitters.de",
    consumerKey: "ck_test",
    consumerSecret: "cs_test",
    pickupLocations: { "Berlin Mitte Store": "BER" },
    ...overrides,
  })
  return mappingContext(
    "shop",
    { locale: config.locale, currency: config.currency, channel: config.channel, priceList: config.priceList },
    woocommerceLookupTables(config),
  )
}

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

/** Encodes a canonical record with the write mapping, decodes the payload back. */
export const writeRoundTrip = <E extends EntityName, R, W>(
  mapping: EntityMapping<E, R, W>,
  ctx: MappingContextShape,
  record: Canonical<E>,
) =>
  Effect.gen(function* () {
    const write = mapping.write
    if (write === undefined) return yield* Effect.die(`no write mapping for ${mapping.entity}`)
    const payload = yield* encodeRecord(mapping, ctx, record, "fixture")
    const again = yield* Schema.decodeUnknown(write)(payload).pipe(Effect.provideService(MappingContext, ctx))
    return { payload, again }
  })
