/**
 * Akeneo's transport conventions on top of core's HTTP client: the REST paths, the `search`
 * filter parameter, the date format of its filters, and list responses paged by
 * `_links.next.href` (both `search_after` and `page` pagination name the next page that way).
 */

import { Effect, Schema, Stream } from "effect"
import type { ConnectorContext, ConnectorError, VendorResponseError } from "../../core/connector/index.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import { cursorPages, type QueryParams } from "../../core/http/index.ts"
import { type AkeneoConfig, MAX_PAGE_SIZE } from "./config.ts"

export type AkeneoContext = ConnectorContext<AkeneoConfig>

/** The REST API's root, relative to the PIM origin. */
export const REST = "api/rest/v1"

/** One condition of Akeneo's `search` parameter (https://api.akeneo.com/documentation/filter.html). */
export interface SearchCondition {
  readonly operator: string
  readonly value?: unknown
}

/** `search={"updated":[{"operator":">","value":"…"}]}` as the query value. */
export const searchParam = (filters: Readonly<Record<string, ReadonlyArray<SearchCondition>>>): string | undefined =>
  Object.keys(filters).length === 0 ? undefined : JSON.stringify(filters)

/**
 * An instant in the format of Akeneo's date filters (`2026-01-01 10:00:00`, UTC), moved back
 * one second and floored to the second: Akeneo has only `>` and compares whole seconds, and the
 * stream's `since` is inclusive (the engine drops what it has already seen).
 */
export const updatedFilterValue = (since: string): string => {
  const at = new Date(Math.floor(Date.parse(since) / 1000) * 1000 - 1000)
  return at
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "")
}

/** A page size within Akeneo's `limit` (1–100); default 100. */
export const clampPageSize = (pageSize: number | undefined): number =>
  Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(pageSize ?? MAX_PAGE_SIZE)))

/** Checks a vendor value against its schema; a mismatch is a VendorResponseError at its JSON path. */
export const decodeVendor = <A, I>(
  ctx: AkeneoContext,
  operation: string,
  schema: Schema.Schema<A, I>,
  body: unknown,
  at = "$",
): Effect.Effect<A, VendorResponseError> => decodeVendorAnswer(schema, body, { system: ctx.system, operation, at })

/** `GET` one resource and decode it. */
export const akeneoGet = <A, I>(
  ctx: AkeneoContext,
  operation: string,
  path: string,
  schema: Schema.Schema<A, I>,
  query?: QueryParams,
): Effect.Effect<A, ConnectorError> =>
  ctx.http
    .request({ method: "GET", path, ...(query === undefined ? {} : { query }) })
    .pipe(Effect.flatMap((response) => decodeVendor(ctx, operation, schema, response.body)))

/** `GET` one resource by code; a 404 is `undefined`, not an error (link-before-create asks for absent ones). */
export const akeneoFind = <A, I>(
  ctx: AkeneoContext,
  operation: string,
  path: string,
  schema: Schema.Schema<A, I>,
  query?: QueryParams,
): Effect.Effect<A | undefined, ConnectorError> =>
  akeneoGet(ctx, operation, path, schema, query).pipe(
    Effect.catchTag("HttpStatusError", (error) => (error.status === 404 ? Effect.succeed(undefined) : error)),
  )

const ListPage = Schema.Struct({
  _links: Schema.optional(Schema.Struct({ next: Schema.optional(Schema.Struct({ href: Schema.String })) })),
  _embedded: Schema.Struct({ items: Schema.Array(Schema.Unknown) }),
})

/**
 * Every page of a list endpoint (https://api.akeneo.com/documentation/pagination.html): the
 * first request with `query`, then each `_links.next.href` as given (it carries the whole query
 * and, with `search_after`, the cursor). Items are decoded with `item`.
 */
export const akeneoPages = <A, I>(
  ctx: AkeneoContext,
  options: {
    readonly operation: string
    readonly path: string
    readonly query: QueryParams
    readonly item: Schema.Schema<A, I>
  },
): Stream.Stream<ReadonlyArray<A>, ConnectorError> =>
  cursorPages({
    system: ctx.system,
    operation: options.operation,
    fetch: (next: string | undefined) =>
      Effect.gen(function* () {
        const response = yield* ctx.http.request(
          next === undefined
            ? { method: "GET", path: options.path, query: options.query }
            : { method: "GET", path: next },
        )
        const page = yield* decodeVendor(ctx, options.operation, ListPage, response.body)
        const items = yield* decodeVendor(
          ctx,
          options.operation,
          Schema.Array(options.item),
          page._embedded.items,
          "$._embedded.items",
        )
        return { items, nextCursor: page._links?.next?.href }
      }),
  })

/** Every item of a list endpoint, all pages collected. */
export const akeneoList = <A, I>(
  ctx: AkeneoContext,
  options: Parameters<typeof akeneoPages<A, I>>[1],
): Effect.Effect<ReadonlyArray<A>, ConnectorError> =>
  Stream.runFold(akeneoPages(ctx, options), [] as Array<A>, (all, page) => {
    all.push(...page)
    return all
  })

/** Splits `items` into chunks of at most `size`. */
export const chunksOf = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
