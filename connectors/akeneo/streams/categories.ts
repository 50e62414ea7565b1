/**
 * The categories stream: every category of every tree, in (updated, code) order
 * (https://api.akeneo.com/api-reference.html#get_categories). Categories page by `page` only
 * and cannot be sorted on `updated`, so a read collects what changed, sorts it, then pages.
 */
import { Effect, Stream } from "effect"
import { defineStream, type StreamCursor } from "../../../core/connector/index.ts"
import { toInstant } from "../../../core/model/index.ts"
import { akeneoList, chunksOf, clampPageSize, REST, searchParam, updatedFilterValue } from "../client.ts"
import type { AkeneoConfig } from "../config.ts"
import { comparePositionsOf } from "../position.ts"
import { AkeneoCategory } from "../schemas/catalog.ts"

/** Where a category sits in the stream. */
export const categoryPosition = (category: AkeneoCategory): StreamCursor => ({
  at: toInstant(category.updated),
  id: category.code,
})

export const categoriesStream = defineStream<AkeneoConfig, AkeneoCategory>({
  entity: "category",
  description: "Categories of all trees with their labels and parent, ordered by updated",
  incremental: true,
  idOf: (category) => category.code,
  positionOf: categoryPosition,
  read: (ctx, { since, pageSize }) =>
    Stream.unwrap(
      akeneoList(ctx, {
        operation: "categories.list",
        path: `${REST}/categories`,
        query: {
          limit: clampPageSize(undefined),
          with_position: true,
          search:
            since === undefined
              ? undefined
              : searchParam({ updated: [{ operator: ">", value: updatedFilterValue(since.at) }] }),
        },
        item: AkeneoCategory,
      }).pipe(
        Effect.map((categories) =>
          Stream.fromIterable(
            chunksOf([...categories].sort(comparePositionsOf(categoryPosition)), clampPageSize(pageSize)),
          ),
        ),
      ),
    ),
  readByIds: (ctx, ids) =>
    Effect.forEach(chunksOf(ids, 100), (codes) =>
      akeneoList(ctx, {
        operation: "categories.byCode",
        path: `${REST}/categories`,
        query: { limit: 100, with_position: true, search: searchParam({ code: [{ operator: "IN", value: codes }] }) },
        item: AkeneoCategory,
      }),
    ).pipe(Effect.map((pages) => pages.flat())),
})
