/** Test support for the Tryton mappings: a mapping context, and running both directions of a mapping. */
import { Effect, Schema } from "effect"
import type { EntityMapping } from "../../core/mapping/define.ts"
import {
  decodeRecord,
  encodeRecord,
  MappingContext,
  type MappingError,
  mappingContext,
} from "../../core/mapping/index.ts"
import type { Canonical, EntityName } from "../../core/model/index.ts"
import { trytonMappings } from "./index.ts"

/** A system with the connector's defaults. */
export const context = mappingContext("erp", { locale: "en", currency: "EUR", channel: "tryton", priceList: "default" })

/** The Tryton mapping of an entity. */
export const mappingOf = <E extends EntityName>(entity: E): EntityMapping<E, unknown, unknown> => {
  const mapping = trytonMappings[entity]
  if (mapping === undefined) throw new Error(`no Tryton mapping for ${entity}`)
  return mapping
}

/** Vendor record → canonical, through the read mapping. */
export const decode = <E extends EntityName>(entity: E, raw: unknown): Promise<Canonical<E>> =>
  Effect.runPromise(decodeRecord(mappingOf(entity), context, raw, "test"))

/** The MappingError a vendor record gives. */
export const decodeFailure = <E extends EntityName>(entity: E, raw: unknown): Promise<MappingError> =>
  Effect.runPromise(Effect.flip(decodeRecord(mappingOf(entity), context, raw, "test")))

/** Canonical → vendor record, through the read mapping's other direction. */
export const encodeRead = <E extends EntityName>(entity: E, record: Canonical<E>): Promise<unknown> => {
  const schema = mappingOf(entity).read
  if (schema === undefined) throw new Error(`no read mapping for ${entity}`)
  return Effect.runPromise(Schema.encode(schema)(record).pipe(Effect.provideService(MappingContext, context)))
}

/** Canonical → the payload the sink writes, through the write mapping. */
export const encodeWrite = <E extends EntityName>(entity: E, record: Canonical<E>): Promise<unknown> =>
  Effect.runPromise(encodeRecord(mappingOf(entity), context, record, "test"))

/** Payload → canonical, through the write mapping's other direction. */
export const decodeWrite = <E extends EntityName>(entity: E, payload: unknown): Promise<Canonical<E>> => {
  const schema = mappingOf(entity).write
  if (schema === undefined) throw new Error(`no write mapping for ${entity}`)
  return Effect.runPromise(Schema.decodeUnknown(schema)(payload).pipe(Effect.provideService(MappingContext, context)))
}
