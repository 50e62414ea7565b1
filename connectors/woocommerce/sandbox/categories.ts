/**
 * `/products/categories` and `/products/categories/batch`
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#product-categories).
 */
import { HttpResponse, http } from "msw"
import { pageResponse, sortRecords } from "./collection.ts"
import { batchTooLarge, errorResponse, invalidParams, type WooErrorBody, wooError } from "./errors.ts"
import { categoryListParams, validateQuery } from "./params.ts"
import { BATCH_LIMIT } from "./products.ts"
import type { StoredCategory, WooSandboxState } from "./state.ts"

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const view = (state: WooSandboxState) => (c: StoredCategory) => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  parent: c.parent,
  description: c.description,
  display: "default",
  image: null,
  menu_order: c.menu_order,
  count: [...state.products.values()].filter((p) => p.categories.includes(c.id)).length,
})

const FIELDS = new Set(["name", "slug", "parent", "description", "menu_order"])

/** Creates one category as `wp_insert_term` would, or its error. */
const create = (state: WooSandboxState, body: unknown): StoredCategory | WooErrorBody => {
  if (!isRecord(body)) return invalidParams({ body: "is not of type object." })
  const unknown = Object.keys(body).filter((k) => !FIELDS.has(k))
  if (unknown.length > 0)
    return invalidParams(Object.fromEntries(unknown.map((k) => [k, `${k} is not a property of this object.`])))
  if (typeof body.name !== "string" || body.name.trim() === "") {
    return wooError("rest_missing_callback_param", "Missing parameter(s): name", 400, { params: ["name"] })
  }
  const parent = typeof body.parent === "number" ? body.parent : 0
  if (parent !== 0 && !state.categories.has(parent))
    return wooError("parent_term_not_found", "Parent term does not exist.", 400)
  const slug =
    typeof body.slug === "string" && body.slug !== "" ? body.slug : body.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")
  const taken = [...state.categories.values()].find(
    (c) => c.slug === slug || (c.name === body.name && c.parent === parent),
  )
  if (taken !== undefined) {
    return wooError("term_exists", "A term with the name provided already exists with this parent.", 400, {
      resource_id: taken.id,
    })
  }
  const category: StoredCategory = {
    id: state.nextId++,
    name: body.name,
    slug,
    parent,
    description: typeof body.description === "string" ? body.description : "",
    menu_order: typeof body.menu_order === "number" ? body.menu_order : 0,
  }
  state.categories.set(category.id, category)
  return category
}

export const categoryHandlers = (state: WooSandboxState) => [
  http.get("*/wp-json/wc/v3/products/categories", ({ request }) => {
    const checked = validateQuery(new URL(request.url), categoryListParams)
    if ("error" in checked) return errorResponse(checked.error)
    const { query } = checked
    let found = [...state.categories.values()]
    if (query.slug !== undefined) found = found.filter((c) => c.slug === query.slug)
    if (query.parent !== undefined) found = found.filter((c) => c.parent === Number(query.parent))
    const sorted = sortRecords(
      found.map((c) => ({ ...c, date_created_gmt: "", date_modified_gmt: null })),
      query.orderby ?? "name",
      query.order ?? "asc",
      (c, orderby) => (orderby === "id" || orderby === "include" ? c.id : orderby === "slug" ? c.slug : c.name),
    )
    return pageResponse(sorted, query, view(state))
  }),
  http.post("*/wp-json/wc/v3/products/categories/batch", async ({ request }) => {
    const body: unknown = await request.json().catch(() => undefined)
    if (!isRecord(body)) return errorResponse(invalidParams({ body: "The request body must be a JSON object." }))
    const creates = Array.isArray(body.create) ? body.create : []
    const updates = Array.isArray(body.update) ? body.update : []
    const deletes = Array.isArray(body.delete) ? body.delete : []
    if (creates.length + updates.length + deletes.length > BATCH_LIMIT) return errorResponse(batchTooLarge(BATCH_LIMIT))
    if (updates.length + deletes.length > 0) {
      return errorResponse(invalidParams({ update: "the sandbox creates categories only" }))
    }
    return HttpResponse.json({
      create: creates.map((c) => {
        const result = create(state, c)
        return "code" in result
          ? { id: 0, error: { code: result.code, message: result.message, data: result.data } }
          : view(state)(result)
      }),
    })
  }),
]
