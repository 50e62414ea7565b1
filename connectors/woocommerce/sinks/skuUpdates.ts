/**
 * Field updates of products and variations by SKU, batched the way WooCommerce takes them:
 * variations per parent through `/products/{id}/variations/batch`, products of their own through
 * `/products/batch`, at most 100 objects a request. Used by the prices and stock sinks.
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { chunksOf, MAX_BATCH, type WooContext, wooRequest } from "../client.ts"
import { BatchAnswer } from "../schemas/batch.ts"
import { describeWooError } from "./rejection.ts"
import type { SkuRef } from "./skuLookup.ts"

/** One object to update: where it is and the fields to set. */
export interface SkuUpdate {
  readonly ref: Pick<SkuRef, "productId" | "variationId">
  readonly fields: Readonly<Record<string, unknown>>
}

/** Per update (same order): undefined when saved, else WooCommerce's reason. */
export const applyUpdates = (
  ctx: WooContext,
  operation: string,
  updates: ReadonlyArray<SkuUpdate>,
): Effect.Effect<ReadonlyArray<string | undefined>, ConnectorError> => {
  const groups = new Map<string, Array<number>>()
  updates.forEach((update, index) => {
    const path =
      update.ref.variationId === undefined ? "products/batch" : `products/${update.ref.productId}/variations/batch`
    groups.set(path, [...(groups.get(path) ?? []), index])
  })
  const results: Array<string | undefined> = updates.map(() => "WooCommerce returned no result for this object")
  return Effect.forEach(
    [...groups.entries()].flatMap(([path, indexes]) =>
      chunksOf(indexes, MAX_BATCH).map((chunk) => [path, chunk] as const),
    ),
    ([path, chunk]) =>
      // https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-products
      wooRequest(
        ctx,
        operation,
        {
          method: "POST",
          path,
          body: {
            update: chunk.map((index) => {
              const { ref, fields } = updates[index]!
              return { id: ref.variationId ?? ref.productId, ...fields }
            }),
          },
        },
        BatchAnswer,
      ).pipe(
        Effect.tap((answer) =>
          chunk.forEach((index, i) => {
            const entry = answer.update?.[i]
            if (entry !== undefined)
              results[index] = entry.error === undefined ? undefined : describeWooError(entry.error)
          }),
        ),
      ),
    { discard: true },
  ).pipe(Effect.as(results))
}

/** Parses an external id `12/34` or `56` back into a ref. */
export const refFromExternalId = (externalId: string): Pick<SkuRef, "productId" | "variationId"> | undefined => {
  const match = /^(\d+)(?:\/(\d+))?$/.exec(externalId)
  if (match === null) return undefined
  return { productId: Number(match[1]), variationId: match[2] === undefined ? undefined : Number(match[2]) }
}
