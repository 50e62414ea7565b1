/**
 * The products stream, in (date_modified, id) order
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-products): each product
 * with its variations (#list-all-product-variations) and its categories as paths. Incremental
 * through `modified_after` with `dates_are_gmt`; a product's date changes when WooCommerce saves
 * its variations (it syncs the parent's price and stock status).
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorError, defineStream } from "../../../core/connector/index.ts"
import { chunksOf, clampPerPage, collectionPages, MAX_PER_PAGE, type WooContext, wooRequest } from "../client.ts"
import type { WooCommerceConfig } from "../config.ts"
import { WooCategory } from "../schemas/category.ts"
import { WooProductListed, type WooProductNode, WooVariationRecord } from "../schemas/productRead.ts"
import { comparePositions, isAfter, modifiedAfter, positionAt } from "./position.ts"

const positionOf = (product: { readonly id: number; readonly date_modified_gmt: string }) =>
  positionAt(product.date_modified_gmt, product.id)

/** Category id → its path of names from the root (`All/Apparel`). */
const categoryPaths = (ctx: WooContext): Effect.Effect<ReadonlyMap<number, string>, ConnectorError> =>
  collectionPages(ctx, {
    operation: "categories.list",
    path: "products/categories",
    query: { per_page: MAX_PER_PAGE, orderby: "id", order: "asc" },
    item: WooCategory,
  }).pipe(
    Stream.runCollect,
    Effect.map((pages) => {
      const byId = new Map([...pages].flat().map((c) => [c.id, c]))
      const pathOf = (id: number, seen: ReadonlySet<number> = new Set()): string => {
        const category = byId.get(id)
        if (category === undefined || seen.has(id)) return ""
        const parent = category.parent === 0 ? "" : pathOf(category.parent, new Set([...seen, id]))
        return parent === "" ? category.name : `${parent}/${category.name}`
      }
      return new Map([...byId.keys()].map((id) => [id, pathOf(id)]))
    }),
  )

const withDetails = (
  ctx: WooContext,
  products: ReadonlyArray<WooProductListed>,
  paths: ReadonlyMap<number, string>,
): Effect.Effect<ReadonlyArray<WooProductNode>, ConnectorError> =>
  Effect.forEach(products, (product) =>
    (product.type === "variable"
      ? collectionPages(ctx, {
          operation: "variations.list",
          path: `products/${product.id}/variations`,
          query: { per_page: MAX_PER_PAGE, orderby: "menu_order", order: "asc" },
          item: WooVariationRecord,
        }).pipe(
          Stream.runCollect,
          Effect.map((pages) => [...pages].flat()),
        )
      : Effect.succeed([])
    ).pipe(
      Effect.map(
        (variations): WooProductNode => ({
          ...product,
          category_paths: product.categories.flatMap((c) => {
            const path = paths.get(c.id)
            return path === undefined || path === "" ? [] : [path]
          }),
          variation_records: variations,
        }),
      ),
    ),
  )

export const productsStream = defineStream<WooCommerceConfig, WooProductNode>({
  entity: "product",
  description: "Simple and variable products with their variations, ordered by date_modified",
  incremental: true,
  idOf: (product) => String(product.id),
  positionOf,
  read: (ctx, { since, pageSize }) =>
    Stream.unwrap(
      categoryPaths(ctx).pipe(
        Effect.map((paths) =>
          collectionPages(ctx, {
            operation: "products.list",
            path: "products",
            query: {
              per_page: clampPerPage(pageSize),
              orderby: "modified",
              order: "asc",
              ...(since === undefined ? {} : { modified_after: modifiedAfter(since), dates_are_gmt: true }),
            },
            item: WooProductListed,
          }).pipe(
            Stream.map((page) =>
              page
                .filter((p) => isAfter(positionOf(p), since))
                .sort((a, b) => comparePositions(positionOf(a), positionOf(b))),
            ),
            Stream.filter((page) => page.length > 0),
            Stream.mapEffect((page) => withDetails(ctx, page, paths)),
          ),
        ),
      ),
    ),
  readByIds: (ctx, ids) =>
    Effect.gen(function* () {
      const paths = yield* categoryPaths(ctx)
      const pages = yield* Effect.forEach(chunksOf(ids, MAX_PER_PAGE), (chunk) =>
        wooRequest(
          ctx,
          "products.byIds",
          { method: "GET", path: "products", query: { include: chunk.join(","), per_page: MAX_PER_PAGE } },
          Schema.Array(WooProductListed),
        ),
      )
      return yield* withDetails(ctx, pages.flat(), paths)
    }),
})
