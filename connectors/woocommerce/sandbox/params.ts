/**
 * Query parameter validation the way WordPress does it from each route's argument schema:
 * a wrong value is `rest_invalid_param` with the reason per parameter. WordPress itself ignores
 * parameters a route does not declare; the sandbox refuses them too, so that a misspelt filter
 * (which on a real shop silently returns everything) fails in tests.
 */
import { invalidParams, type WooErrorBody } from "./errors.ts"

type Check = (name: string, value: string) => string | undefined

const integer =
  (min: number, max?: number): Check =>
  (name, value) => {
    const n = Number(value)
    if (!/^-?\d+$/.test(value)) return `${name} is not of type integer.`
    if (max !== undefined && (n < min || n > max))
      return `${name} must be between ${min} (inclusive) and ${max} (inclusive)`
    return n < min ? `${name} must be greater than or equal to ${min}` : undefined
  }
const oneOf =
  (...values: ReadonlyArray<string>): Check =>
  (name, value) =>
    values.includes(value)
      ? undefined
      : `${name} is not one of ${values.slice(0, -1).join(", ")}, and ${values[values.length - 1]}.`
const listOf =
  (check: Check): Check =>
  (name, value) =>
    value
      .split(",")
      .map((v) => check(`${name}[]`, v.trim()))
      .find((m) => m !== undefined)
const text: Check = () => undefined
const boolean: Check = (name, value) =>
  ["true", "false", "1", "0"].includes(value) ? undefined : `${name} is not of type boolean.`
const date: Check = (_name, value) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(value) && !Number.isNaN(Date.parse(value))
    ? undefined
    : "Invalid date."

const collection = {
  context: oneOf("view", "edit"),
  page: integer(1),
  per_page: integer(1, 100),
  search: text,
  exclude: listOf(integer(0)),
  include: listOf(integer(0)),
  offset: integer(0),
  order: oneOf("asc", "desc"),
}
const dated = {
  after: date,
  before: date,
  modified_after: date,
  modified_before: date,
  dates_are_gmt: boolean,
}

/** `GET /products` (https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-products). */
export const productListParams: Readonly<Record<string, Check>> = {
  ...collection,
  ...dated,
  orderby: oneOf("date", "modified", "id", "include", "title", "slug", "price", "popularity", "rating", "menu_order"),
  parent: listOf(integer(0)),
  parent_exclude: listOf(integer(0)),
  slug: text,
  status: oneOf("any", "future", "trash", "draft", "pending", "private", "publish"),
  type: oneOf("simple", "grouped", "external", "variable"),
  sku: text,
  featured: boolean,
  category: text,
  tag: text,
  on_sale: boolean,
  stock_status: oneOf("instock", "outofstock", "onbackorder"),
}

/** `GET /products/{id}/variations`. */
export const variationListParams: Readonly<Record<string, Check>> = {
  ...collection,
  ...dated,
  orderby: oneOf("date", "modified", "id", "include", "title", "slug", "menu_order"),
  parent: listOf(integer(0)),
  sku: text,
  status: oneOf("any", "future", "trash", "draft", "pending", "private", "publish"),
  stock_status: oneOf("instock", "outofstock", "onbackorder"),
}

/** `GET /orders` (https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders). */
export const orderListParams: Readonly<Record<string, Check>> = {
  ...collection,
  ...dated,
  orderby: oneOf("date", "modified", "id", "include", "title", "slug"),
  parent: listOf(integer(0)),
  parent_exclude: listOf(integer(0)),
  status: listOf(
    oneOf(
      "any",
      "trash",
      "pending",
      "processing",
      "on-hold",
      "completed",
      "cancelled",
      "refunded",
      "failed",
      "checkout-draft",
    ),
  ),
  customer: integer(0),
  product: integer(0),
  dp: integer(0),
}

/** `GET /customers` (https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-customers): no date filters. */
export const customerListParams: Readonly<Record<string, Check>> = {
  ...collection,
  orderby: oneOf("id", "include", "name", "registered_date"),
  email: text,
  role: oneOf("all", "administrator", "editor", "author", "contributor", "subscriber", "customer", "shop_manager"),
}

/** `GET /products/categories` (https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-product-categories). */
export const categoryListParams: Readonly<Record<string, Check>> = {
  ...collection,
  orderby: oneOf("id", "include", "name", "slug", "term_group", "description", "count"),
  hide_empty: boolean,
  parent: integer(0),
  product: integer(0),
  slug: text,
}

/** Params that need no value check: the resource's own id in `GET /orders/{id}` etc. */
export const singleParams: Readonly<Record<string, Check>> = { context: oneOf("view", "edit") }

/** The query as a plain object, or the error WordPress would answer. */
export const validateQuery = (
  url: URL,
  allowed: Readonly<Record<string, Check>>,
): { readonly query: Readonly<Record<string, string>> } | { readonly error: WooErrorBody } => {
  const problems: Record<string, string> = {}
  const query: Record<string, string> = {}
  for (const [name, value] of url.searchParams) {
    const check = allowed[name]
    if (check === undefined) {
      problems[name] = `${name} is not a parameter of this route.`
      continue
    }
    const problem = check(name, value)
    if (problem !== undefined) problems[name] = problem
    query[name] = value
  }
  return Object.keys(problems).length > 0 ? { error: invalidParams(problems) } : { query }
}
