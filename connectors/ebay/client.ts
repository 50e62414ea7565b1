/**
 * eBay's transport quirks on top of core's client: each API's base path, the marketplace and
 * language headers, vendor answers checked against their schema, and 404 as "not there".
 */

import { Effect, Option, type Schema } from "effect"
import {
  type ConnectorContext,
  type ConnectorError,
  HttpStatusError,
  type VendorResponseError,
} from "../../core/connector/index.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import type { QueryParams } from "../../core/http/index.ts"
import { basePaths, type EbayConfig } from "./config.ts"

export type EbayContext = ConnectorContext<EbayConfig>

/** The most items eBay's bulk calls take in one request (bulk* methods: "up to 25"). */
export const BULK_LIMIT = 25

/** One call and the shape its answer must have. */
export interface EbayCall<A, I> {
  /** Names the call in errors and logs: `inventory.bulkGetInventoryItem`. */
  readonly operation: string
  readonly api: keyof typeof basePaths
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /** Below the API's base path, e.g. `/bulk_get_inventory_item`. */
  readonly path: string
  readonly query?: QueryParams
  readonly body?: unknown
  readonly answer: Schema.Schema<A, I>
  readonly idempotent?: boolean
}

/** Checks a vendor value against its schema; a mismatch is a VendorResponseError at its JSON path. */
export const decodeVendor = <A, I>(
  ctx: EbayContext,
  operation: string,
  schema: Schema.Schema<A, I>,
  value: unknown,
): Effect.Effect<A, VendorResponseError> => decodeVendorAnswer(schema, value, { system: ctx.system, operation })

/** Sends one call and checks the answer. 2xx and 207 Multi-Status succeed; the caller reads per-item results. */
export const ebayRequest = <A, I>(ctx: EbayContext, call: EbayCall<A, I>): Effect.Effect<A, ConnectorError> =>
  ctx.http
    .request({
      method: call.method,
      path: `${basePaths[call.api]}${call.path}`,
      ...(call.query === undefined ? {} : { query: call.query }),
      ...(call.body === undefined ? {} : { body: call.body }),
      ...(call.idempotent === undefined ? {} : { idempotent: call.idempotent }),
      headers: call.body === undefined ? {} : { "Content-Type": "application/json" },
    })
    .pipe(Effect.flatMap((response) => decodeVendor(ctx, call.operation, call.answer, response.body ?? {})))

/** Like `ebayRequest`, but a 404 (eBay's "not found" for a key) is `None` instead of an error. */
export const ebayFind = <A, I>(
  ctx: EbayContext,
  call: EbayCall<A, I>,
): Effect.Effect<Option.Option<A>, ConnectorError> =>
  ebayRequest(ctx, call).pipe(
    Effect.map(Option.some),
    Effect.catchIf(
      (error): error is HttpStatusError => error instanceof HttpStatusError && error.status === 404,
      () => Effect.succeed(Option.none()),
    ),
  )

/** Splits `items` into chunks of at most `size`. */
export const chunksOf = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
