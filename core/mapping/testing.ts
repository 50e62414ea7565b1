/**
 * Test support for a vendor's mappings: both directions of each entity's mapping, run with one
 * mapping context, as every vendor's mapping tests need them.
 *
 * @example
 * export const { decode, encodeWrite } = mappingTestKit("Odoo", odooMappings, context)
 */
import { Effect, Schema } from "effect"
import type { Canonical, EntityName } from "../model/index.ts"
import { MappingContext, type MappingContextShape } from "./context.ts"
import type { EntityMapping, SystemMappings } from "./define.ts"
import type { MappingError } from "./errors.ts"
import { decodeRecord, encodeRecord } from "./run.ts"

export const mappingTestKit = (vendor: string, mappings: SystemMappings, context: MappingContextShape) => {
  /** The vendor's mapping of an entity. */
  const mappingOf = <E extends EntityName>(entity: E): EntityMapping<E, unknown, unknown> => {
    const mapping = mappings[entity]
    if (mapping === undefined) throw new Error(`no ${vendor} mapping for ${entity}`)
    return mapping
  }
  return {
    mappingOf,
    /** Vendor record → canonical, through the read mapping. */
    decode: <E extends EntityName>(entity: E, raw: unknown): Promise<Canonical<E>> =>
      Effect.runPromise(decodeRecord(mappingOf(entity), context, raw, "test")),
    /** The MappingError a vendor record gives. */
    decodeFailure: <E extends EntityName>(entity: E, raw: unknown): Promise<MappingError> =>
      Effect.runPromise(Effect.flip(decodeRecord(mappingOf(entity), context, raw, "test"))),
    /** Canonical → vendor record, through the read mapping's other direction. */
    encodeRead: <E extends EntityName>(entity: E, record: Canonical<E>): Promise<unknown> => {
      const schema = mappingOf(entity).read
      if (schema === undefined) throw new Error(`no read mapping for ${entity}`)
      return Effect.runPromise(Schema.encode(schema)(record).pipe(Effect.provideService(MappingContext, context)))
    },
    /** Canonical → the payload the sink writes, through the write mapping. */
    encodeWrite: <E extends EntityName>(entity: E, record: Canonical<E>): Promise<unknown> =>
      Effect.runPromise(encodeRecord(mappingOf(entity), context, record, "test")),
    /** Payload → canonical, through the write mapping's other direction. */
    decodeWrite: <E extends EntityName>(entity: E, payload: unknown): Promise<Canonical<E>> => {
      const schema = mappingOf(entity).write
      if (schema === undefined) throw new Error(`no write mapping for ${entity}`)
      return Effect.runPromise(
        Schema.decodeUnknown(schema)(payload).pipe(Effect.provideService(MappingContext, context)),
      )
    },
  }
}
