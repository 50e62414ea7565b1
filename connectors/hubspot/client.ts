/**
 * HubSpot's CRM transport quirks in one place: decoding answers, batch calls of at most 100
 * inputs, 207 multi-status answers, search with `after` paging and the 10,000-result cap, and
 * v4 association reads. Streams and sinks describe what they want; this file knows how.
 */

import { Effect, Option, Schema, type Stream } from "effect"
import type { ConnectorContext } from "../../core/connector/define.ts"
import { type ConnectorError, HttpStatusError, type VendorResponseError } from "../../core/connector/errors.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import { paginate } from "../../core/http/index.ts"
import type { HubspotConfig } from "./config.ts"
import {
  AssociationResult,
  batchResponse,
  CrmObject,
  HubspotErrorBody,
  SearchPage,
  type StandardError,
} from "./schemas/object.ts"

/** The largest batch HubSpot's batch endpoints take (read, create, update, upsert, associations). */
export const MAX_BATCH = 100
/** The largest search page. */
export const MAX_SEARCH_PAGE = 200
/** A search query yields at most this many results; paging past it answers 400. */
export const SEARCH_RESULT_LIMIT = 10_000

type Ctx = ConnectorContext<HubspotConfig>

/** Splits into chunks of `size`. */
export const chunksOf = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Decodes an answer, or fails naming the operation and the JSON path that did not fit. */
export const decodeAnswer =
  <A, I>(schema: Schema.Schema<A, I>, system: string, operation: string) =>
  (answer: unknown): Effect.Effect<A, VendorResponseError> =>
    decodeVendorAnswer(schema, answer, { system, operation })

/** HubSpot's own words from an error body (`message`), or the body as JSON. */
export const messageOf = (body: unknown): string => {
  const decoded = Schema.decodeUnknownOption(HubspotErrorBody)(body)
  if (Option.isSome(decoded)) return decoded.value.message
  return typeof body === "string" ? body : JSON.stringify(body)
}

/** `POST /crm/v3/objects/{type}/…` with a JSON body. */
export const post = (ctx: Ctx, path: string, body: unknown, idempotent: boolean) =>
  ctx.http.request({ method: "POST", path, body, idempotent, headers: { "Content-Type": "application/json" } })

/**
 * Reads records by id, or by a unique property with `idProperty`, 100 per call. Ids HubSpot does
 * not know are simply absent from the answer (207 with `OBJECT_NOT_FOUND` errors).
 */
export const batchRead = (
  ctx: Ctx,
  objectType: string,
  ids: ReadonlyArray<string>,
  properties: ReadonlyArray<string>,
  idProperty?: string,
): Effect.Effect<ReadonlyArray<CrmObject>, ConnectorError> =>
  Effect.forEach(chunksOf([...new Set(ids)], MAX_BATCH), (chunk) =>
    // https://developers.hubspot.com/docs/api-reference/crm-objects-v3 (POST /crm/v3/objects/{objectType}/batch/read)
    post(
      ctx,
      `crm/v3/objects/${objectType}/batch/read`,
      {
        inputs: chunk.map((id) => ({ id })),
        properties,
        propertiesWithHistory: [],
        ...(idProperty === undefined ? {} : { idProperty }),
      },
      true,
    ).pipe(
      Effect.flatMap((response) =>
        decodeAnswer(batchResponse(CrmObject), ctx.system, `${objectType}/batch/read`)(response.body),
      ),
      Effect.map((answer) => answer.results),
    ),
  ).pipe(Effect.map((pages) => pages.flat()))

/** What a batch write answered: the records written and, on a 207, the inputs that failed. */
export interface BatchAnswer<A> {
  readonly results: ReadonlyArray<A>
  readonly errors: ReadonlyArray<StandardError>
}

/**
 * One batch write (`create`, `update`, `upsert`) of at most 100 inputs. A 207 is an answer, not a
 * failure: its `errors` name the inputs HubSpot refused. A 400/409 refuses the whole batch and
 * comes back as `Left` with HubSpot's message, so the caller can isolate the bad input.
 */
export const batchWrite = <A, I>(
  ctx: Ctx,
  objectType: string,
  operation: "create" | "update" | "upsert",
  inputs: ReadonlyArray<unknown>,
  result: Schema.Schema<A, I>,
): Effect.Effect<BatchAnswer<A> | { readonly refused: string }, ConnectorError> =>
  // https://developers.hubspot.com/docs/api-reference/crm-objects-v3 (batch/create, batch/update, batch/upsert)
  post(ctx, `crm/v3/objects/${objectType}/batch/${operation}`, { inputs }, operation === "upsert").pipe(
    Effect.flatMap((response) =>
      decodeAnswer(batchResponse(result), ctx.system, `${objectType}/batch/${operation}`)(response.body),
    ),
    Effect.map((answer): BatchAnswer<A> | { readonly refused: string } => ({
      results: answer.results,
      errors: answer.errors ?? [],
    })),
    Effect.catchIf(
      (error): error is HttpStatusError =>
        error instanceof HttpStatusError && (error.status === 400 || error.status === 404 || error.status === 409),
      (error) => Effect.succeed({ refused: messageOf(error.body) }),
    ),
  )

/** The ids an error of a 207 names (`context.ids`, or any context values). */
export const idsNamedBy = (error: StandardError): ReadonlyArray<string> =>
  Object.values(error.context ?? {})
    .flat()
    .map((v) => v.toLowerCase())

/** Associated ids, `from` id → `to` ids, via the v4 batch read (100 per call). */
export const associatedIds = (
  ctx: Ctx,
  fromType: string,
  toType: string,
  ids: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, ReadonlyArray<string>>, ConnectorError> =>
  Effect.forEach(chunksOf([...new Set(ids)], MAX_BATCH), (chunk) =>
    // https://developers.hubspot.com/docs/api-reference/crm-associations-v4 (POST /crm/v4/associations/{from}/{to}/batch/read)
    post(
      ctx,
      `crm/v4/associations/${fromType}/${toType}/batch/read`,
      { inputs: chunk.map((id) => ({ id })) },
      true,
    ).pipe(
      Effect.flatMap((response) =>
        decodeAnswer(batchResponse(AssociationResult), ctx.system, `associations ${fromType}→${toType}`)(response.body),
      ),
      Effect.map((answer) => answer.results),
    ),
  ).pipe(
    Effect.map((pages) => {
      const byId = new Map<string, ReadonlyArray<string>>()
      for (const result of pages.flat())
        byId.set(
          result.from.id,
          result.to.map((t) => String(t.toObjectId)),
        )
      return byId
    }),
  )

/** Default-type associations `from` → `to`, 100 per call. */
export const associateDefault = (
  ctx: Ctx,
  fromType: string,
  toType: string,
  pairs: ReadonlyArray<{ readonly from: string; readonly to: string }>,
): Effect.Effect<void, ConnectorError> =>
  Effect.forEach(chunksOf(pairs, MAX_BATCH), (chunk) =>
    // https://developers.hubspot.com/docs/api-reference/crm-associations-v4 (batch/associate/default)
    post(
      ctx,
      `crm/v4/associations/${fromType}/${toType}/batch/associate/default`,
      { inputs: chunk.map((p) => ({ from: { id: p.from }, to: { id: p.to } })) },
      true,
    ),
  ).pipe(Effect.asVoid)

/** A position in a change-ordered search: where the current query starts, and its page. */
interface SearchToken {
  /** `GTE` bound on the date property (epoch ms) of the first query. */
  readonly since?: number
  /** After a re-anchor: the query starts strictly after this (date, id). */
  readonly anchor?: { readonly at: number; readonly id: string }
  readonly after?: string
  /** The last record yielded so far. */
  readonly last?: { readonly at: number; readonly id: string }
}

/** What a change-ordered search reads. */
export interface ChangeSearch {
  readonly objectType: string
  /** `lastmodifieddate` for contacts, `hs_lastmodifieddate` for the other objects. */
  readonly dateProperty: string
  readonly properties: ReadonlyArray<string>
  readonly pageSize: number
  /** Inclusive lower bound, ISO instant. */
  readonly since?: string
}

/** Epoch ms of a HubSpot datetime value (ISO, or epoch ms as text). */
export const epochOf = (value: string | null | undefined): number => {
  if (value === null || value === undefined || value === "") return 0
  if (/^\d+$/.test(value)) return Number(value)
  const at = Date.parse(value)
  return Number.isNaN(at) ? 0 : at
}

/**
 * Records ordered by their last-modified date (ties by id), oldest first, page by page. A query
 * yields at most 10,000 results; instead of paging past that, the search starts again strictly
 * after the last record yielded: a later date, or the same date and a higher id.
 */
export const changeOrderedSearch = (
  ctx: Ctx,
  search: ChangeSearch,
): Stream.Stream<ReadonlyArray<CrmObject>, ConnectorError> => {
  const limit = Math.min(MAX_SEARCH_PAGE, Math.max(1, search.pageSize))
  const operation = `${search.objectType}/search`
  const date = search.dateProperty
  const reanchor = (token: SearchToken): Option.Option<SearchToken> =>
    token.last === undefined ? Option.none() : Option.some({ anchor: token.last, last: token.last })
  // Strictly after (date, id): a later date, or the same date and a higher id.
  const filterGroups = (token: SearchToken) =>
    token.anchor !== undefined
      ? [
          { filters: [{ propertyName: date, operator: "GT", value: String(token.anchor.at) }] },
          {
            filters: [
              { propertyName: date, operator: "EQ", value: String(token.anchor.at) },
              { propertyName: "hs_object_id", operator: "GT", value: token.anchor.id },
            ],
          },
        ]
      : token.since !== undefined
        ? [{ filters: [{ propertyName: date, operator: "GTE", value: String(token.since) }] }]
        : []
  const first: SearchToken = search.since === undefined ? {} : { since: Date.parse(search.since) }
  return paginate<SearchToken, CrmObject, ConnectorError, never>(
    first,
    (token) =>
      // https://developers.hubspot.com/docs/api-reference/search/guide (filterGroups, sorts, after, limit ≤ 200)
      post(
        ctx,
        `crm/v3/objects/${search.objectType}/search`,
        {
          filterGroups: filterGroups(token),
          sorts: [{ propertyName: date, direction: "ASCENDING" }],
          properties: search.properties,
          limit,
          ...(token.after === undefined ? {} : { after: token.after }),
        },
        true,
      ).pipe(
        Effect.flatMap((response) => decodeAnswer(SearchPage, ctx.system, operation)(response.body)),
        Effect.map((page) => {
          const lastRecord = page.results.at(-1)
          const advanced: SearchToken =
            lastRecord === undefined
              ? token
              : {
                  ...token,
                  last: { at: epochOf(lastRecord.properties[date] ?? lastRecord.updatedAt), id: lastRecord.id },
                }
          const nextAfter = page.paging?.next?.after
          const next =
            nextAfter === undefined
              ? Option.none<SearchToken>()
              : Number(nextAfter) >= SEARCH_RESULT_LIMIT
                ? reanchor(advanced)
                : Option.some<SearchToken>({ ...advanced, after: nextAfter })
          return { items: page.results, next }
        }),
        // Paging past the result cap answers 400; a later page of a query whose first page was
        // accepted can fail for no other reason, so the search starts again after the last record.
        Effect.catchIf(
          (error): error is HttpStatusError =>
            error instanceof HttpStatusError && error.status === 400 && token.after !== undefined,
          () => Effect.succeed({ items: [], next: reanchor(token) }),
        ),
      ),
    { system: ctx.system, operation },
  )
}
