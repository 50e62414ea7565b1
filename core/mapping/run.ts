import { Effect, type ParseResult, Schema } from "effect"
import type { Canonical, EntityName } from "../model/index.ts"
import { MappingContext, type MappingContextShape } from "./context.ts"
import type { EntityMapping } from "./define.ts"
import { issuesOf, MappingError } from "./errors.ts"

const fail = (
  error: ParseResult.ParseError,
  ctx: MappingContextShape,
  entity: string,
  direction: "decode" | "encode",
  recordKey: string,
) => new MappingError({ system: ctx.system, entity, direction, recordKey, issues: issuesOf(error) })

/**
 * A mapping that throws on a record (a conversion it did not guard) fails that record, not the
 * run: the record goes to the dead-letter queue with what was thrown, and the run goes on.
 */
const thrown =
  (ctx: MappingContextShape, entity: string, direction: "decode" | "encode", recordKey: string) =>
  (defect: unknown): Effect.Effect<never, MappingError> =>
    Effect.fail(
      new MappingError({
        system: ctx.system,
        entity,
        direction,
        recordKey,
        issues: [
          {
            path: "$",
            message: `the mapping threw on this record: ${defect instanceof Error ? defect.message : String(defect)}`,
          },
        ],
      }),
    )

/** Vendor record → canonical record, or a MappingError with JSON paths. */
export const decodeRecord = <E extends EntityName, ReadEncoded, WriteEncoded>(
  mapping: EntityMapping<E, ReadEncoded, WriteEncoded>,
  ctx: MappingContextShape,
  raw: unknown,
  recordKey: string,
): Effect.Effect<Canonical<E>, MappingError> => {
  const schema = mapping.read
  if (!schema) {
    return Effect.fail(
      new MappingError({
        system: ctx.system,
        entity: mapping.entity,
        direction: "decode",
        recordKey,
        issues: [{ path: "$", message: `no read mapping for ${mapping.entity}` }],
      }),
    )
  }
  return Schema.decodeUnknown(schema, { errors: "all", onExcessProperty: "ignore" })(raw).pipe(
    Effect.provideService(MappingContext, ctx),
    Effect.mapError((e) => fail(e, ctx, mapping.entity, "decode", recordKey)),
    Effect.catchAllDefect(thrown(ctx, mapping.entity, "decode", recordKey)),
  )
}

/** Canonical record → vendor payload, or a MappingError with JSON paths. */
export const encodeRecord = <E extends EntityName, ReadEncoded, WriteEncoded>(
  mapping: EntityMapping<E, ReadEncoded, WriteEncoded>,
  ctx: MappingContextShape,
  record: Canonical<E>,
  recordKey: string,
): Effect.Effect<WriteEncoded, MappingError> => {
  const schema = mapping.write
  if (!schema) {
    return Effect.fail(
      new MappingError({
        system: ctx.system,
        entity: mapping.entity,
        direction: "encode",
        recordKey,
        issues: [{ path: "$", message: `no write mapping for ${mapping.entity}` }],
      }),
    )
  }
  return Schema.encode(schema, { errors: "all" })(record).pipe(
    Effect.provideService(MappingContext, ctx),
    Effect.mapError((e) => fail(e, ctx, mapping.entity, "encode", recordKey)),
    Effect.catchAllDefect(thrown(ctx, mapping.entity, "encode", recordKey)),
  )
}
