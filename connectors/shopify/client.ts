/**
 * Shopify's transport quirks on top of core's GraphQL request: the endpoint path, the query cost
 * booked in the leaky bucket before sending, the server's throttle status fed back into it, and
 * `THROTTLED` answers (HTTP 200) waited out for exactly as long as the bucket needs to refill.
 */

import { Effect, Option, Schema } from "effect"
import type { ConnectorContext, ConnectorError, VendorResponseError } from "../../core/connector/index.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import { graphqlRequest, type RateLimiter } from "../../core/http/index.ts"
import { graphqlPath, type ShopifyConfig } from "./config.ts"
import { estimateQueryCost } from "./queryCost.ts"
import { QueryCost } from "./schemas/common.ts"

/** The largest cost Shopify runs in one query (https://shopify.dev/docs/api/usage/limits#rate-limits). */
export const MAX_QUERY_COST = 1000

/** Shopify's advice when a throttle answer carries no throttle status: wait a second. */
const DEFAULT_THROTTLE_WAIT_MS = 1000

export type ShopifyContext = ConnectorContext<ShopifyConfig>

/** One GraphQL call and the shape its `data` must have. */
export interface ShopifyCall<A, I> {
  /** Names the call in errors and logs: `products.list`. */
  readonly operation: string
  readonly query: string
  readonly variables?: Record<string, unknown>
  readonly data: Schema.Schema<A, I>
}

const ThrottledAnswer = Schema.Struct({
  errors: Schema.NonEmptyArray(Schema.Struct({ extensions: Schema.Struct({ code: Schema.Literal("THROTTLED") }) })),
  extensions: Schema.optional(Schema.Struct({ cost: Schema.optional(QueryCost) })),
})
const CostExtensions = Schema.Struct({ cost: QueryCost })

/**
 * How long a `THROTTLED` answer asks us to wait: until the bucket has refilled the points the
 * query requested (`requestedQueryCost − currentlyAvailable`, at `restoreRate` per second).
 */
export const throttleWaitMs = (body: unknown): number | undefined => {
  const throttled = Schema.decodeUnknownOption(ThrottledAnswer)(body)
  if (Option.isNone(throttled)) return undefined
  const cost = throttled.value.extensions?.cost
  if (cost === undefined || cost.throttleStatus.restoreRate <= 0) return DEFAULT_THROTTLE_WAIT_MS
  const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable
  return Math.max(50, Math.ceil((missing / cost.throttleStatus.restoreRate) * 1000))
}

/** Syncs the client's bucket with the server's `throttleStatus`, which also counts other apps' calls. */
export const observeThrottleStatus = (limiter: RateLimiter) => (extensions: unknown) => {
  const cost = Schema.decodeUnknownOption(CostExtensions)(extensions)
  if (Option.isNone(cost)) return
  const status = cost.value.cost.throttleStatus
  limiter.observe?.({
    available: status.currentlyAvailable,
    capacity: status.maximumAvailable,
    restorePerSecond: status.restoreRate,
  })
}

/** Checks a vendor value against its schema; a mismatch is a VendorResponseError at `$.data…`. */
export const decodeVendor = <A, I>(
  ctx: ShopifyContext,
  operation: string,
  schema: Schema.Schema<A, I>,
  data: unknown,
  at = "$.data",
): Effect.Effect<A, VendorResponseError> => decodeVendorAnswer(schema, data, { system: ctx.system, operation, at })

/**
 * Sends one query or mutation to the Admin GraphQL API and checks its `data`
 * (https://shopify.dev/docs/api/admin-graphql#endpoints: `POST /admin/api/{version}/graphql.json`).
 */
export const shopifyRequest = <A, I>(ctx: ShopifyContext, call: ShopifyCall<A, I>): Effect.Effect<A, ConnectorError> =>
  graphqlRequest(ctx.http, {
    path: graphqlPath(ctx.config),
    query: call.query,
    ...(call.variables === undefined ? {} : { variables: call.variables }),
    operation: call.operation,
    cost: estimateQueryCost(call.query, call.variables),
    throttledRetryAfterMs: throttleWaitMs,
    onExtensions: observeThrottleStatus(ctx.http.limiter),
  }).pipe(Effect.flatMap(({ data }) => decodeVendor(ctx, call.operation, call.data, data)))

/**
 * The largest page size up to `wanted` whose query stays within Shopify's single-query cost
 * limit: nested connections (a product's variants, an order's lines) multiply the cost of each
 * page entry, so a product page of 100 is refused by Shopify before it runs.
 */
export const pageSizeWithinCost = (
  query: string,
  variablesFor: (pageSize: number) => Record<string, unknown>,
  wanted: number,
): number => {
  const base = estimateQueryCost(query, variablesFor(0))
  const perEntry = estimateQueryCost(query, variablesFor(1)) - base
  if (perEntry <= 0) return wanted
  return Math.max(1, Math.min(wanted, Math.floor((MAX_QUERY_COST - base) / perEntry)))
}

/** A page size from read options: default 100, at most 250 (Shopify's connection limit). */
export const clampPageSize = (pageSize: number | undefined): number =>
  Math.max(1, Math.min(250, Math.floor(pageSize ?? 100)))

/** Splits `items` into chunks of at most `size`. */
export const chunksOf = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
