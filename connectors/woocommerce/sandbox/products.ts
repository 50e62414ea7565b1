/**
 * `/products`, `/products/{id}`, `/products/batch`, `/products/{id}/variations` and
 * `/products/{id}/variations/batch` (https://woocommerce.github.io/woocommerce-rest-api-docs/#products).
 */
import { HttpResponse, http } from "msw"
import { filterByDates, filterByIds, pageResponse, sortRecords } from "./collection.ts"
import { batchTooLarge, errorResponse, invalidParams, invalidProductId, type WooErrorBody, wooError } from "./errors.ts"
import { productListParams, singleParams, validateQuery, variationListParams } from "./params.ts"
import { createObject, isError, updateObject } from "./productWrites.ts"
import { type StoredProduct, siteTime, type WooSandboxState } from "./state.ts"

/** The batch limit of WC_REST_Controller (filter `woocommerce_rest_batch_items_limit`). */
export const BATCH_LIMIT = 100

const stockStatus = (p: StoredProduct) =>
  p.manage_stock && p.stock_quantity !== null && p.stock_quantity <= 0 ? "outofstock" : "instock"

/** A product or variation as the API shows it. */
export const productView = (state: WooSandboxState, p: StoredProduct) => ({
  id: p.id,
  name: p.name,
  slug: p.slug,
  permalink: `https://shop.alpenglow-outfitters.de/produkt/${p.slug || p.id}/`,
  date_created: siteTime(p.date_created_gmt),
  date_created_gmt: p.date_created_gmt,
  date_modified: siteTime(p.date_modified_gmt),
  date_modified_gmt: p.date_modified_gmt,
  type: p.type,
  status: p.status,
  description: p.description,
  sku: p.sku,
  global_unique_id: p.global_unique_id,
  price: p.sale_price !== "" ? p.sale_price : p.regular_price,
  regular_price: p.regular_price,
  sale_price: p.sale_price,
  on_sale: p.sale_price !== "",
  manage_stock: p.manage_stock,
  stock_quantity: p.stock_quantity,
  stock_status: stockStatus(p),
  weight: p.weight,
  dimensions: p.dimensions,
  parent_id: p.parent_id,
  attributes: p.attributes,
  menu_order: p.menu_order,
  meta_data: p.meta_data,
  ...(p.type === "variation"
    ? {}
    : {
        categories: p.categories.flatMap((id) => {
          const category = state.categories.get(id)
          return category === undefined ? [] : [{ id, name: category.name, slug: category.slug }]
        }),
        variations: [...state.products.values()].filter((v) => v.parent_id === p.id).map((v) => v.id),
      }),
})

const orderKey = (p: StoredProduct, orderby: string): string | number => {
  switch (orderby) {
    case "modified":
      return p.date_modified_gmt
    case "id":
    case "include":
      return p.id
    case "title":
      return p.name
    case "slug":
      return p.slug
    case "menu_order":
      return p.menu_order
    case "price":
      return Number(p.sale_price || p.regular_price || 0)
    default:
      return p.date_created_gmt
  }
}

const listOf = (
  state: WooSandboxState,
  records: ReadonlyArray<StoredProduct>,
  query: Readonly<Record<string, string>>,
) => {
  let found = filterByIds(filterByDates(records, query), query)
  if (query.sku !== undefined) {
    // A list of SKUs, plus the whole string as one SKU (WC_REST_Products_Controller::prepare_objects_query).
    const skus = new Set([...query.sku.split(","), query.sku])
    found = found.filter((p) => skus.has(p.sku))
  }
  if (query.type !== undefined) found = found.filter((p) => p.type === query.type)
  if (query.status !== undefined && query.status !== "any") found = found.filter((p) => p.status === query.status)
  if (query.parent !== undefined) {
    const parents = new Set(query.parent.split(",").map(Number))
    found = found.filter((p) => parents.has(p.parent_id))
  }
  if (query.search !== undefined) {
    const term = query.search.toLowerCase()
    found = found.filter((p) => p.name.toLowerCase().includes(term) || p.sku.toLowerCase().includes(term))
  }
  const sorted = sortRecords(found, query.orderby ?? "date", query.order ?? "desc", orderKey)
  return pageResponse(sorted, query, (p) => productView(state, p))
}

const readBatch = async (
  request: Request,
): Promise<{ create: unknown[]; update: unknown[]; delete: unknown[] } | WooErrorBody> => {
  const body: unknown = await request.json().catch(() => undefined)
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return invalidParams({ body: "The request body must be a JSON object with create, update and delete lists." })
  }
  const unknownKeys = Object.keys(body).filter((k) => !["create", "update", "delete"].includes(k))
  if (unknownKeys.length > 0)
    return invalidParams(Object.fromEntries(unknownKeys.map((k) => [k, `${k} is not a parameter of this route.`])))
  const record = body as Record<string, unknown>
  const list = (key: string) => (Array.isArray(record[key]) ? (record[key] as unknown[]) : [])
  const batch = { create: list("create"), update: list("update"), delete: list("delete") }
  if (batch.create.length + batch.update.length + batch.delete.length > BATCH_LIMIT) return batchTooLarge(BATCH_LIMIT)
  return batch
}

/** Each object's answer: the saved record, or `{ id, error }` as WC_REST_Controller::batch_items gives it. */
const batchEntry = (state: WooSandboxState, result: StoredProduct | WooErrorBody, id: number) =>
  isError(result)
    ? { id, error: { code: result.code, message: result.message, data: result.data } }
    : productView(state, result)

const batchHandler = (state: WooSandboxState, parentId: number, request: Request) =>
  readBatch(request).then((batch) => {
    if ("code" in batch) return errorResponse(batch)
    const idOf = (body: unknown) =>
      typeof body === "object" && body !== null && typeof (body as { id?: unknown }).id === "number"
        ? (body as { id: number }).id
        : 0
    return HttpResponse.json({
      create: batch.create.map((body) => batchEntry(state, createObject(state, parentId, body), 0)),
      update: batch.update.map((body) => batchEntry(state, updateObject(state, parentId, body), idOf(body))),
      delete: batch.delete.map((id) => {
        const found = typeof id === "number" ? state.products.get(id) : undefined
        if (found === undefined) return { id: typeof id === "number" ? id : 0, error: invalidProductId() }
        state.products.delete(found.id)
        return productView(state, found)
      }),
    })
  })

/** The product handlers, behind the sandbox's auth and rate-limit gate. */
export const productHandlers = (state: WooSandboxState) => [
  http.get("*/wp-json/wc/v3/products", ({ request }) => {
    const checked = validateQuery(new URL(request.url), productListParams)
    if ("error" in checked) return errorResponse(checked.error)
    // With `sku` set, variations are searched too (post_type product and product_variation).
    const all = [...state.products.values()]
    const records = checked.query.sku === undefined ? all.filter((p) => p.type !== "variation") : all
    return listOf(state, records, checked.query)
  }),
  http.post("*/wp-json/wc/v3/products/batch", ({ request }) => batchHandler(state, 0, request)),
  http.get("*/wp-json/wc/v3/products/:id", ({ request, params }) => {
    const checked = validateQuery(new URL(request.url), singleParams)
    if ("error" in checked) return errorResponse(checked.error)
    const product = state.products.get(Number(params.id))
    if (product === undefined || product.type === "variation") {
      return errorResponse(wooError("woocommerce_rest_product_invalid_id", "Invalid ID.", 404))
    }
    return HttpResponse.json(productView(state, product))
  }),
  http.get("*/wp-json/wc/v3/products/:id/variations", ({ request, params }) => {
    const checked = validateQuery(new URL(request.url), variationListParams)
    if ("error" in checked) return errorResponse(checked.error)
    const parentId = Number(params.id)
    const variations = [...state.products.values()].filter((p) => p.parent_id === parentId && p.type === "variation")
    return listOf(state, variations, checked.query)
  }),
  http.post("*/wp-json/wc/v3/products/:id/variations/batch", ({ request, params }) => {
    const parent = state.products.get(Number(params.id))
    if (parent === undefined || parent.type !== "variable") {
      return errorResponse(wooError("woocommerce_rest_product_invalid_id", "Invalid ID.", 404))
    }
    // Saving variations syncs the parent (price range, stock status), which changes its modified date.
    return batchHandler(state, parent.id, request).then((response) => {
      parent.date_modified_gmt = state.clock()
      return response
    })
  }),
]
