/**
 * A product category (https://woocommerce.github.io/woocommerce-rest-api-docs/#product-category-properties).
 */
import { Schema } from "effect"

export const WooCategory = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  slug: Schema.String,
  parent: Schema.Number,
})
export type WooCategory = typeof WooCategory.Type

/**
 * The slug a canonical category path is kept under: the whole path, so `All/Apparel` and
 * `Sale/Apparel` stay two categories (`all-apparel`, `sale-apparel`).
 */
export const categorySlug = (path: string): string =>
  path
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
