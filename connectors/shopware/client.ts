/**
 * Shopware's transport quirks on top of core's HTTP client: Criteria searches
 * (`POST /api/search/{entity}`), the Sync API (`POST /api/_action/sync`) and its error bodies
 * (`{ errors: [{ status, code, title, detail, source: { pointer } }] }`).
 */

import { Effect, Schema } from "effect"
import type { ConnectorContext, ConnectorError, VendorResponseError } from "../../core/connector/index.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import type { ShopwareConfig } from "./config.ts"

export type ShopwareContext = ConnectorContext<ShopwareConfig>

/** Shopware's search pages: `limit` up to 500 is what the Administration itself uses; we stay at it. */
export const MAX_SEARCH_LIMIT = 500

/** A Criteria object (https://developer.shopware.com/docs/guides/integrations-api/general-concepts/search-criteria.html). */
export interface Criteria {
  readonly page?: number
  readonly limit?: number
  readonly ids?: ReadonlyArray<string>
  readonly filter?: ReadonlyArray<CriteriaFilter>
  readonly sort?: ReadonlyArray<{ readonly field: string; readonly order: "ASC" | "DESC" }>
  readonly associations?: Readonly<Record<string, Criteria>>
  readonly includes?: Readonly<Record<string, ReadonlyArray<string>>>
  readonly "total-count-mode"?: "none" | "exact" | "next-pages"
}

/** The filters this connector sends (`equals`, `equalsAny`, `range`, `multi`). */
export type CriteriaFilter =
  | { readonly type: "equals"; readonly field: string; readonly value: string | number | boolean | null }
  | { readonly type: "equalsAny"; readonly field: string; readonly value: ReadonlyArray<string> }
  | {
      readonly type: "range"
      readonly field: string
      readonly parameters: Readonly<Partial<Record<"gte" | "gt" | "lte" | "lt", string | number>>>
    }
  | { readonly type: "multi"; readonly operator: "and" | "or"; readonly queries: ReadonlyArray<CriteriaFilter> }

const SearchAnswer = Schema.Struct({
  total: Schema.optional(Schema.NullOr(Schema.Number)),
  data: Schema.Array(Schema.Unknown),
})

/** Checks a vendor value against its schema; a mismatch is a VendorResponseError with the JSON path. */
export const decodeVendor = <A, I>(
  ctx: ShopwareContext,
  operation: string,
  schema: Schema.Schema<A, I>,
  value: unknown,
  at = "$",
): Effect.Effect<A, VendorResponseError> => decodeVendorAnswer(schema, value, { system: ctx.system, operation, at })

/**
 * One page of a Criteria search, each record checked against `schema`
 * (https://shopware.stoplight.io/docs/admin-api/ — `POST /api/search/{entity}`).
 */
export const search = <A, I>(
  ctx: ShopwareContext,
  entity: string,
  criteria: Criteria,
  schema: Schema.Schema<A, I>,
): Effect.Effect<ReadonlyArray<A>, ConnectorError> =>
  Effect.gen(function* () {
    const operation = `search ${entity}`
    const response = yield* ctx.http.request({
      method: "POST",
      path: `api/search/${entity}`,
      body: criteria,
      // A search changes nothing: safe to send again after a network failure.
      idempotent: true,
    })
    const answer = yield* decodeVendor(ctx, operation, SearchAnswer, response.body)
    return yield* decodeVendor(ctx, operation, Schema.Array(schema), answer.data, "$.data")
  })

/** One error of a Shopware error body. */
export interface ShopwareError {
  readonly status: string
  readonly code: string
  readonly title: string
  readonly detail: string
  readonly pointer?: string
}

const ErrorBody = Schema.Struct({
  errors: Schema.Array(
    Schema.Struct({
      status: Schema.optional(Schema.Union(Schema.String, Schema.Number)),
      code: Schema.optional(Schema.String),
      title: Schema.optional(Schema.String),
      detail: Schema.optional(Schema.String),
      source: Schema.optional(Schema.Struct({ pointer: Schema.optional(Schema.String) })),
    }),
  ),
})

/** The errors of a Shopware error body, or undefined when the body is not one. */
export const errorsOf = (body: unknown): ReadonlyArray<ShopwareError> | undefined => {
  const decoded = Schema.decodeUnknownOption(ErrorBody)(body)
  if (decoded._tag === "None") return undefined
  return decoded.value.errors.map((e) => ({
    status: String(e.status ?? ""),
    code: e.code ?? "",
    title: e.title ?? "",
    detail: e.detail ?? e.title ?? "",
    ...(e.source?.pointer === undefined ? {} : { pointer: e.source.pointer }),
  }))
}
