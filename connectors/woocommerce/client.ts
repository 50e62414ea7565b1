/**
 * WooCommerce's transport quirks on top of core's client: resources under `/wp-json/wc/v3`,
 * answers checked against their schema, `page`/`per_page` paging that stops at
 * `X-WP-TotalPages`, and batches of at most 100 objects.
 */

import { Effect, Schema, type Stream } from "effect"
import type { ConnectorContext, ConnectorError, VendorResponseError } from "../../core/connector/index.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import { type HttpRequest, pageNumberPages, type QueryParams } from "../../core/http/index.ts"
import type { WooCommerceConfig } from "./config.ts"

export type WooContext = ConnectorContext<WooCommerceConfig>

/** `per_page` is capped at 100 (https://woocommerce.github.io/woocommerce-rest-api-docs/#pagination). */
export const MAX_PER_PAGE = 100

/** Batch endpoints take at most 100 objects in create + update + delete together (`woocommerce_rest_request_entity_too_large` above). */
export const MAX_BATCH = 100

/** A page size from read options: default 100, between 1 and 100. */
export const clampPerPage = (pageSize: number | undefined): number =>
  Math.max(1, Math.min(MAX_PER_PAGE, Math.floor(pageSize ?? MAX_PER_PAGE)))

/** Checks a vendor value against its schema; a mismatch is a VendorResponseError at its JSON path. */
export const decodeVendor = <A, I>(
  ctx: WooContext,
  operation: string,
  schema: Schema.Schema<A, I>,
  body: unknown,
): Effect.Effect<A, VendorResponseError> => decodeVendorAnswer(schema, body, { system: ctx.system, operation })

/** One request to a resource path (relative to `/wp-json/wc/v3`) whose answer must match `schema`. */
export const wooRequest = <A, I>(
  ctx: WooContext,
  operation: string,
  request: HttpRequest,
  schema: Schema.Schema<A, I>,
): Effect.Effect<A, ConnectorError> =>
  ctx.http.request(request).pipe(Effect.flatMap((response) => decodeVendor(ctx, operation, schema, response.body)))

/**
 * Every page of a collection: `page=1,2,…` until `X-WP-TotalPages`
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#pagination).
 */
export const collectionPages = <A, I>(
  ctx: WooContext,
  options: {
    readonly operation: string
    readonly path: string
    readonly query: QueryParams
    readonly item: Schema.Schema<A, I>
  },
): Stream.Stream<ReadonlyArray<A>, ConnectorError> => {
  const list = Schema.Array(options.item)
  return pageNumberPages({
    system: ctx.system,
    operation: options.operation,
    fetch: (page) =>
      ctx.http.request({ method: "GET", path: options.path, query: { ...options.query, page } }).pipe(
        Effect.flatMap((response) =>
          decodeVendor(ctx, options.operation, list, response.body).pipe(
            Effect.map((items) => {
              const total = Number(response.headers["x-wp-totalpages"])
              return { items, totalPages: Number.isFinite(total) ? total : undefined }
            }),
          ),
        ),
      ),
  })
}

/** Splits `items` into chunks of at most `size`. */
export const chunksOf = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
