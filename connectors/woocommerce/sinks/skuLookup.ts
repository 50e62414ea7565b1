/**
 * Products and variations by SKU: `GET /products?sku=A,B,C` takes a comma-separated list and,
 * with `sku` set, searches variations too (they come back with `parent_id`).
 */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { chunksOf, MAX_PER_PAGE, type WooContext, wooRequest } from "../client.ts"
import { WooProductRecord } from "../schemas/product.ts"

// SKUs are unique, so a chunk of N SKUs matches at most N records: one page each.
const SKUS_PER_QUERY = 50

/** Where a SKU lives: a variation (with its parent) or a product of its own. */
export interface SkuRef {
  readonly record: WooProductRecord
  readonly productId: number
  readonly variationId: number | undefined
}

export const isVariation = (record: WooProductRecord): boolean =>
  record.type === "variation" || (record.parent_id !== undefined && record.parent_id > 0)

/** The ref of a product or variation record. */
export const refOf = (record: WooProductRecord): SkuRef =>
  isVariation(record)
    ? { record, productId: record.parent_id ?? 0, variationId: record.id }
    : { record, productId: record.id, variationId: undefined }

/** `12/34` for variation 34 of product 12, `56` for a product of its own: what the prices and stock sinks store. */
export const externalIdOf = (ref: Pick<SkuRef, "productId" | "variationId">): string =>
  ref.variationId === undefined ? String(ref.productId) : `${ref.productId}/${ref.variationId}`

/** The records holding these SKUs, by SKU. */
export const findBySku = (
  ctx: WooContext,
  skus: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, SkuRef>, ConnectorError> => {
  // A SKU with a comma cannot be asked for in a list; WooCommerce would split it.
  const wanted = [...new Set(skus)].filter((sku) => sku !== "" && !sku.includes(","))
  return Effect.forEach(chunksOf(wanted, SKUS_PER_QUERY), (chunk) =>
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-products
    wooRequest(
      ctx,
      "products.bySku",
      { method: "GET", path: "products", query: { sku: chunk.join(","), per_page: MAX_PER_PAGE } },
      Schema.Array(WooProductRecord),
    ),
  ).pipe(
    Effect.map((pages) => {
      const wantedSet = new Set(wanted)
      return new Map(pages.flat().flatMap((r) => (wantedSet.has(r.sku) ? [[r.sku, refOf(r)] as const] : [])))
    }),
  )
}
