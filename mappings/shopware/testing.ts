/** Test support for the Shopware mappings: a context like the sandbox config's, and both directions of a mapping. */
import { Effect, Schema } from "effect"
import { SEED_IDS } from "../../connectors/shopware/fixtures/seed.ts"
import { TABLES } from "../../connectors/shopware/lookupTables.ts"
import type { EntityMapping } from "../../core/mapping/define.ts"
import { decodeRecord, MappingContext, type MappingError, mappingContext } from "../../core/mapping/index.ts"
import type { Canonical, EntityName } from "../../core/model/index.ts"
import { shopwareMappings } from "./index.ts"

/** The seeded shop's settings: EUR and CHF, 19 % and 7 %, the B2B rule, click & collect at BER. */
export const context = mappingContext(
  "shop",
  { locale: "de-DE", currency: "EUR", channel: "shopware", priceList: "default" },
  {
    [TABLES.currency]: { EUR: SEED_IDS.currencyEur, CHF: SEED_IDS.currencyChf },
    [TABLES.priceRule]: { "b2b-dach": SEED_IDS.ruleB2b },
    [TABLES.tax]: { "19": SEED_IDS.tax19, "7": SEED_IDS.tax7 },
    [TABLES.propertyGroup]: {},
    [TABLES.pickup]: { [SEED_IDS.shippingPickupBer]: "BER" },
    [TABLES.settings]: { defaultTaxRate: "19", salesChannelId: SEED_IDS.salesChannel },
  },
)

const mappingOf = <E extends EntityName>(entity: E): EntityMapping<E, unknown, unknown> => {
  const mapping = shopwareMappings[entity]
  if (mapping === undefined) throw new Error(`no Shopware mapping for ${entity}`)
  return mapping
}

const schemaOf = <E extends EntityName>(entity: E, side: "read" | "write") => {
  const schema = mappingOf(entity)[side]
  if (schema === undefined) throw new Error(`no ${side} mapping for ${entity}`)
  return schema
}

/** Vendor record → canonical, through the read mapping. */
export const decode = <E extends EntityName>(entity: E, raw: unknown): Promise<Canonical<E>> =>
  Effect.runPromise(decodeRecord(mappingOf(entity), context, raw, "test"))

/** The MappingError a vendor record gives. */
export const decodeFailure = <E extends EntityName>(entity: E, raw: unknown): Promise<MappingError> =>
  Effect.runPromise(Effect.flip(decodeRecord(mappingOf(entity), context, raw, "test")))

/** Canonical → vendor record, through the read mapping's other direction. */
export const encodeRead = <E extends EntityName>(entity: E, record: Canonical<E>): Promise<unknown> =>
  Effect.runPromise(
    Schema.encode(schemaOf(entity, "read"))(record).pipe(Effect.provideService(MappingContext, context)),
  )

/** Canonical → the payload the sink writes. */
export const encodeWrite = <E extends EntityName>(entity: E, record: Canonical<E>): Promise<unknown> =>
  Effect.runPromise(
    Schema.encode(schemaOf(entity, "write"))(record).pipe(Effect.provideService(MappingContext, context)),
  )

/** The failure canonical → payload gives. */
export const encodeWriteFailure = <E extends EntityName>(entity: E, record: Canonical<E>) =>
  Effect.runPromise(
    Effect.flip(Schema.encode(schemaOf(entity, "write"))(record).pipe(Effect.provideService(MappingContext, context))),
  )

/** Payload → canonical, through the write mapping's other direction. */
export const decodeWrite = <E extends EntityName>(entity: E, payload: unknown): Promise<Canonical<E>> =>
  Effect.runPromise(
    Schema.decodeUnknown(schemaOf(entity, "write"))(payload).pipe(Effect.provideService(MappingContext, context)),
  )
