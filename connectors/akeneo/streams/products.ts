/**
 * The products stream: one record per canonical product (a product model with its variants, or
 * a simple product), in (updatedAt, product number) order.
 *
 * Akeneo pages products and product models by `search_after` in its own (id) order and has no
 * sort on `updated`, so a read collects what changed (`updated > since` on both endpoints),
 * joins it, sorts it and then yields pages. A variant that changed brings its whole model along.
 * Memory holds the changed records of one read: on a first full read, the whole catalog.
 */
import { Effect, Stream } from "effect"
import { defineStream, type StreamCursor } from "../../../core/connector/index.ts"
import { toInstant } from "../../../core/model/index.ts"
import {
  type AkeneoContext,
  akeneoList,
  chunksOf,
  clampPageSize,
  REST,
  searchParam,
  updatedFilterValue,
} from "../client.ts"
import type { AkeneoConfig } from "../config.ts"
import { comparePositionsOf } from "../position.ts"
import { AkeneoProduct, AkeneoProductModel } from "../schemas/product.ts"
import { type AkeneoProductRecord, recordUpdated } from "../schemas/record.ts"
import { emptyCache, joinRecords, modelsByCode, productQuery, productsByIdentifier } from "./join.ts"

/** Where a record sits in the stream: its latest `updated` (UTC) and its product number. */
export const productPosition = (record: AkeneoProductRecord): StreamCursor => ({
  at: toInstant(recordUpdated(record)),
  id: record.code,
})

const changedSince = (ctx: AkeneoContext, since: StreamCursor | undefined) =>
  Effect.gen(function* () {
    const search =
      since === undefined
        ? undefined
        : searchParam({ updated: [{ operator: ">", value: updatedFilterValue(since.at) }] })
    // https://api.akeneo.com/api-reference.html#get_product_models
    const models = yield* akeneoList(ctx, {
      operation: "productModels.list",
      path: `${REST}/product-models`,
      query: { scope: ctx.config.channel, pagination_type: "search_after", limit: clampPageSize(undefined), search },
      item: AkeneoProductModel,
    })
    // https://api.akeneo.com/api-reference.html#get_products
    const products = yield* akeneoList(ctx, {
      operation: "products.list",
      path: `${REST}/products`,
      query: { ...productQuery(ctx), search },
      item: AkeneoProduct,
    })
    // Two-level family variants (sub-models) are not joined: only root models become records.
    const roots = models.filter((m) => m.parent === null)
    const known = new Set(roots.map((m) => m.code))
    const parents = [...new Set(products.flatMap((p) => (p.parent !== null && !known.has(p.parent) ? [p.parent] : [])))]
    const parentModels = (yield* modelsByCode(ctx, parents)).filter((m) => m.parent === null)
    return {
      models: [...roots, ...parentModels],
      simples: products.filter((p) => p.parent === null),
    }
  })

export const productsStream = defineStream<AkeneoConfig, AkeneoProductRecord>({
  entity: "product",
  description: "Product models with their variant products, and simple products, ordered by updated",
  incremental: true,
  idOf: (record) => record.code,
  positionOf: productPosition,
  read: (ctx, { since, pageSize }) =>
    Stream.unwrap(
      Effect.gen(function* () {
        const { models, simples } = yield* changedSince(ctx, since)
        const records = yield* joinRecords(ctx, emptyCache(), models, simples)
        const ordered = [...records].sort(comparePositionsOf(productPosition))
        return Stream.fromIterable(chunksOf(ordered, clampPageSize(pageSize)))
      }),
    ),
  readByIds: (ctx, ids) =>
    Effect.gen(function* () {
      const models = (yield* modelsByCode(ctx, ids)).filter((m) => m.parent === null)
      const found = new Set(models.map((m) => m.code))
      const rest = ids.filter((id) => !found.has(id))
      const simples = rest.length === 0 ? [] : (yield* productsByIdentifier(ctx, rest)).filter((p) => p.parent === null)
      return yield* joinRecords(ctx, emptyCache(), models, simples)
    }),
})
