/**
 * Writing records in HubSpot's largest batches (100) without letting one bad record sink the
 * others. A 207 answer names the refused inputs: they fail with HubSpot's message, the rest are
 * written. A batch refused as a whole (400, 409) is sent again one input at a time, so only the
 * refused record fails; upserts and updates are idempotent, so resending is safe.
 */
import { Effect } from "effect"
import type { ConnectorContext } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { batchWrite, chunksOf, idsNamedBy, MAX_BATCH } from "../client.ts"
import type { HubspotConfig } from "../config.ts"
import { CrmObject, type StandardError, UpsertedObject } from "../schemas/object.ts"

/** One record to write: the caller's key for it, the id HubSpot knows it by, its property values. */
export interface BatchInput {
  readonly key: string
  /** The record id (update) or the `idProperty` value (upsert). */
  readonly id: string
  readonly properties: Readonly<Record<string, string>>
}

/** What happened to one input. */
export type Written =
  | { readonly ok: true; readonly id: string; readonly created: boolean }
  | { readonly ok: false; readonly reason: string }

type Ctx = ConnectorContext<HubspotConfig>

/**
 * Batch calls of one write kept in flight together; the client's 10-second window limiter paces
 * them. One at a time, a call's round trip caps the rate: at 150 ms per batch upsert that is
 * under 7 calls a second, two thirds of the 100 per 10 s a Starter account may make.
 */
export const BATCHES_IN_FLIGHT = 4

const reasonFor = (errors: ReadonlyArray<StandardError>, id: string): string | undefined => {
  const wanted = id.toLowerCase()
  const named = errors.find((e) => idsNamedBy(e).includes(wanted))
  if (named !== undefined) return named.message
  return errors.length === 1 && idsNamedBy(errors[0] as StandardError).length === 0 ? errors[0]?.message : undefined
}

const writeChunk = (
  ctx: Ctx,
  objectType: string,
  operation: "update" | "upsert",
  idProperty: string | undefined,
  chunk: ReadonlyArray<BatchInput>,
): Effect.Effect<ReadonlyArray<readonly [string, Written]>, ConnectorError> =>
  Effect.gen(function* () {
    const inputs = chunk.map((i) => ({
      id: i.id,
      ...(idProperty === undefined ? {} : { idProperty }),
      properties: i.properties,
    }))
    const answer =
      operation === "upsert"
        ? yield* batchWrite(ctx, objectType, "upsert", inputs, UpsertedObject)
        : yield* batchWrite(ctx, objectType, "update", inputs, CrmObject)
    if ("refused" in answer) {
      if (chunk.length === 1) {
        const [only] = chunk
        return only === undefined ? [] : [[only.key, { ok: false, reason: answer.refused }] as const]
      }
      const single = yield* Effect.forEach(chunk, (input) =>
        writeChunk(ctx, objectType, operation, idProperty, [input]),
      )
      return single.flat()
    }
    const results = answer.results as ReadonlyArray<CrmObject & { readonly new?: boolean }>
    const byId = new Map<string, CrmObject & { readonly new?: boolean }>()
    for (const result of results) {
      const id = idProperty === undefined ? result.id : (result.properties[idProperty] ?? "")
      byId.set(id.toLowerCase(), result)
    }
    return chunk.map((input): readonly [string, Written] => {
      const result = byId.get(input.id.toLowerCase())
      if (result !== undefined) return [input.key, { ok: true, id: result.id, created: result.new === true }]
      const reason = reasonFor(answer.errors, input.id) ?? `HubSpot returned no result for ${input.id}`
      return [input.key, { ok: false, reason }]
    })
  })

/**
 * `batch/upsert` by a unique `idProperty` (contacts: `email`), 100 inputs per call.
 * https://developers.hubspot.com/docs/api-reference/crm-objects-v3 (batch/upsert)
 */
export const upsertAll = (
  ctx: Ctx,
  objectType: string,
  idProperty: string,
  inputs: ReadonlyArray<BatchInput>,
): Effect.Effect<ReadonlyMap<string, Written>, ConnectorError> =>
  Effect.forEach(chunksOf(inputs, MAX_BATCH), (chunk) => writeChunk(ctx, objectType, "upsert", idProperty, chunk), {
    concurrency: BATCHES_IN_FLIGHT,
  }).pipe(Effect.map((parts) => new Map(parts.flat())))

/** `batch/update` by record id, 100 inputs per call. */
export const updateAll = (
  ctx: Ctx,
  objectType: string,
  inputs: ReadonlyArray<BatchInput>,
): Effect.Effect<ReadonlyMap<string, Written>, ConnectorError> =>
  Effect.forEach(chunksOf(inputs, MAX_BATCH), (chunk) => writeChunk(ctx, objectType, "update", undefined, chunk), {
    concurrency: BATCHES_IN_FLIGHT,
  }).pipe(Effect.map((parts) => new Map(parts.flat())))

/** One record to create, with its associations and the key its result is recognised by. */
export interface CreateInput {
  readonly key: string
  readonly properties: Readonly<Record<string, string>>
  readonly associations: ReadonlyArray<{ readonly toId: string; readonly typeId: number }>
}

const createChunk = (
  ctx: Ctx,
  objectType: string,
  matchOf: (properties: Readonly<Record<string, string | null>>) => string,
  chunk: ReadonlyArray<CreateInput>,
): Effect.Effect<ReadonlyArray<readonly [string, Written]>, ConnectorError> =>
  Effect.gen(function* () {
    const answer = yield* batchWrite(
      ctx,
      objectType,
      "create",
      chunk.map((input) => ({
        properties: input.properties,
        associations: input.associations.map((a) => ({
          to: { id: a.toId },
          types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: a.typeId }],
        })),
      })),
      CrmObject,
    )
    if ("refused" in answer) {
      if (chunk.length === 1) {
        const [only] = chunk
        return only === undefined ? [] : [[only.key, { ok: false, reason: answer.refused }] as const]
      }
      const single = yield* Effect.forEach(chunk, (input) => createChunk(ctx, objectType, matchOf, [input]))
      return single.flat()
    }
    // Batch results need not come in input order: each is recognised by its own values.
    const byMatch = new Map(answer.results.map((r) => [matchOf(r.properties), r]))
    return chunk.map((input): readonly [string, Written] => {
      const result = byMatch.get(matchOf(input.properties))
      return result === undefined
        ? [input.key, { ok: false, reason: answer.errors[0]?.message ?? "HubSpot returned no result" }]
        : [input.key, { ok: true, id: result.id, created: true }]
    })
  })

/**
 * `batch/create` with associations, 100 inputs per call; a refused batch is sent again one input
 * at a time. `matchOf` must tell the inputs of one call apart by their property values.
 */
export const createAll = (
  ctx: Ctx,
  objectType: string,
  inputs: ReadonlyArray<CreateInput>,
  matchOf: (properties: Readonly<Record<string, string | null>>) => string,
): Effect.Effect<ReadonlyMap<string, Written>, ConnectorError> =>
  Effect.forEach(chunksOf(inputs, MAX_BATCH), (chunk) => createChunk(ctx, objectType, matchOf, chunk), {
    concurrency: BATCHES_IN_FLIGHT,
  }).pipe(Effect.map((parts) => new Map(parts.flat())))
