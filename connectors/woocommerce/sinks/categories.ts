/**
 * Product categories for the products sink: a product's canonical category paths
 * (`All/Apparel`) are WooCommerce categories nested the same way, found by slug and created
 * where missing, parents first (https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-product-categories).
 */
import { Effect, Stream } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { chunksOf, collectionPages, MAX_BATCH, MAX_PER_PAGE, type WooContext, wooRequest } from "../client.ts"
import { BatchAnswer } from "../schemas/batch.ts"
import { categorySlug, WooCategory } from "../schemas/category.ts"
import { describeWooError } from "./rejection.ts"

/** Per path: the category id, or why it could not be made. */
export type CategoryIds = ReadonlyMap<string, { readonly id: number } | { readonly error: string }>

/** `A/B/C` → `A`, `A/B`, `A/B/C`. */
const withAncestors = (path: string): ReadonlyArray<string> => {
  const segments = path.split("/").filter((s) => s.trim() !== "")
  return segments.map((_, i) => segments.slice(0, i + 1).join("/"))
}

/** The ids of these category paths, creating the missing ones. */
export const ensureCategories = (
  ctx: WooContext,
  paths: ReadonlyArray<string>,
): Effect.Effect<CategoryIds, ConnectorError> =>
  Effect.gen(function* () {
    const result = new Map<string, { readonly id: number } | { readonly error: string }>()
    if (paths.length === 0) return result
    const existing = yield* collectionPages(ctx, {
      operation: "categories.list",
      path: "products/categories",
      query: { per_page: MAX_PER_PAGE, orderby: "id", order: "asc" },
      item: WooCategory,
    }).pipe(
      Stream.runCollect,
      Effect.map((pages) => new Map([...pages].flat().map((c) => [c.slug, c.id]))),
    )
    const all = [...new Set(paths.flatMap(withAncestors))]
    const depth = (path: string) => path.split("/").length
    const levels = [...new Set(all.map(depth))].sort((a, b) => a - b)
    for (const level of levels) {
      const missing: Array<{ path: string; parent: number }> = []
      for (const path of all.filter((p) => depth(p) === level)) {
        const id = existing.get(categorySlug(path))
        if (id !== undefined) {
          result.set(path, { id })
          continue
        }
        const parentPath = path.split("/").slice(0, -1).join("/")
        const parent = parentPath === "" ? { id: 0 } : result.get(parentPath)
        if (parent === undefined || "error" in parent) {
          result.set(path, { error: `its parent category ${parentPath} could not be created` })
        } else missing.push({ path, parent: parent.id })
      }
      for (const chunk of chunksOf(missing, MAX_BATCH)) {
        const answer = yield* wooRequest(
          ctx,
          "categories.batch",
          {
            method: "POST",
            path: "products/categories/batch",
            body: {
              create: chunk.map(({ path, parent }) => ({
                name: path.split("/").pop() ?? path,
                slug: categorySlug(path),
                parent,
              })),
            },
          },
          BatchAnswer,
        )
        chunk.forEach(({ path }, i) => {
          const entry = answer.create?.[i]
          result.set(
            path,
            entry === undefined
              ? { error: "WooCommerce returned no result for this category" }
              : entry.error === undefined
                ? { id: entry.id }
                : { error: describeWooError(entry.error) },
          )
        })
      }
    }
    return result
  })
