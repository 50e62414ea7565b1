/**
 * Creating and updating products and variations the way WooCommerce validates them: argument
 * types per the route schema (`rest_invalid_param`), unique SKUs (`product_invalid_sku`), known
 * ids (`woocommerce_rest_product_invalid_id`). Each object of a batch succeeds or fails alone.
 */
import { invalidParams, invalidProductId, invalidSku, type WooErrorBody } from "./errors.ts"
import type { StoredAttribute, StoredProduct, WooSandboxState } from "./state.ts"

type Check = (value: unknown) => string | undefined

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)
const str: Check = (v) => (typeof v === "string" ? undefined : "is not of type string.")
const int: Check = (v) => (Number.isInteger(v) ? undefined : "is not of type integer.")
const bool: Check = (v) => (typeof v === "boolean" ? undefined : "is not of type boolean.")
const decimal: Check = (v) =>
  typeof v !== "string"
    ? "is not of type string."
    : v === "" || /^\d+(\.\d+)?$/.test(v)
      ? undefined
      : "is not a decimal amount."
const oneOf =
  (...values: ReadonlyArray<string>): Check =>
  (v) =>
    typeof v === "string" && values.includes(v) ? undefined : `is not one of ${values.join(", ")}.`
const nullableInt: Check = (v) => (v === null ? undefined : int(v))
const dimensions: Check = (v) =>
  isRecord(v) && Object.entries(v).every(([k, x]) => ["length", "width", "height"].includes(k) && typeof x === "string")
    ? undefined
    : "must be an object of length, width and height strings."
const metaData: Check = (v) =>
  Array.isArray(v) && v.every((m) => isRecord(m) && typeof m.key === "string") ? undefined : "[0] is missing key."
const arrayOf =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v) => {
    if (!Array.isArray(v)) return "is not of type array."
    for (const [i, entry] of v.entries()) {
      if (!isRecord(entry)) return `[${i}] is not of type object.`
      for (const [k, x] of Object.entries(entry)) {
        const check = fields[k]
        if (check === undefined) return `[${i}][${k}] is not a property of this object.`
        const problem = check(x)
        if (problem !== undefined) return `[${i}][${k}] ${problem}`
      }
    }
    return undefined
  }
const strings: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? undefined : "is not of type array of strings."

const common: Readonly<Record<string, Check>> = {
  id: int,
  status: oneOf("draft", "pending", "private", "publish"),
  description: str,
  sku: str,
  global_unique_id: str,
  regular_price: decimal,
  sale_price: decimal,
  manage_stock: bool,
  stock_quantity: nullableInt,
  weight: str,
  dimensions,
  meta_data: metaData,
  menu_order: int,
}

/** The product properties a write may set (https://woocommerce.github.io/woocommerce-rest-api-docs/#product-properties). */
const productFields: Readonly<Record<string, Check>> = {
  ...common,
  name: str,
  slug: str,
  type: oneOf("simple", "grouped", "external", "variable"),
  short_description: str,
  categories: arrayOf({ id: int }),
  attributes: arrayOf({ id: int, name: str, position: int, visible: bool, variation: bool, options: strings }),
}

/** The variation properties a write may set (#product-variation-properties). */
const variationFields: Readonly<Record<string, Check>> = {
  ...common,
  attributes: arrayOf({ id: int, name: str, option: str }),
}

const validate = (body: unknown, fields: Readonly<Record<string, Check>>): WooErrorBody | undefined => {
  if (!isRecord(body)) return invalidParams({ body: "is not of type object." })
  const problems: Record<string, string> = {}
  for (const [name, value] of Object.entries(body)) {
    const check = fields[name]
    const problem = check === undefined ? "is not a property of this object." : check(value)
    if (problem !== undefined) problems[name] = `${name} ${problem}`
  }
  return Object.keys(problems).length > 0 ? invalidParams(problems) : undefined
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")

const mergeMeta = (
  state: WooSandboxState,
  current: StoredProduct["meta_data"],
  updates: unknown,
): StoredProduct["meta_data"] => {
  if (!Array.isArray(updates)) return current
  const merged = [...current]
  for (const update of updates) {
    if (!isRecord(update) || typeof update.key !== "string") continue
    const index = merged.findIndex((m) => m.key === update.key)
    if (index >= 0) merged[index] = { ...merged[index]!, value: update.value }
    else merged.push({ id: state.nextId++, key: update.key, value: update.value })
  }
  return merged
}

const skuTaken = (state: WooSandboxState, sku: unknown, ownId: number | undefined): StoredProduct | undefined =>
  typeof sku === "string" && sku !== ""
    ? [...state.products.values()].find((p) => p.sku === sku && p.id !== ownId)
    : undefined

/** Sets the fields of `body` on `target` (a fresh record for a create). */
const apply = (state: WooSandboxState, target: StoredProduct, body: Record<string, unknown>): StoredProduct => {
  const next: StoredProduct = { ...target }
  for (const [name, value] of Object.entries(body)) {
    if (name === "id") continue
    if (name === "meta_data") next.meta_data = mergeMeta(state, target.meta_data, value)
    else if (name === "categories") {
      // WooCommerce drops ids that are no product category.
      next.categories = (value as ReadonlyArray<{ id: number }>)
        .map((c) => c.id)
        .filter((id) => state.categories.has(id))
    } else if (name === "attributes") {
      next.attributes = (value as ReadonlyArray<Record<string, unknown>>).map(
        (a, i): StoredAttribute => ({ id: 0, position: i, ...(a as Omit<StoredAttribute, "id">) }),
      )
    } else (next as unknown as Record<string, unknown>)[name] = value
  }
  if (typeof body.name === "string" && body.slug === undefined && target.slug === "") next.slug = slugOf(body.name)
  next.date_modified_gmt = state.clock()
  return next
}

const blank = (state: WooSandboxState, parentId: number): StoredProduct => {
  const now = state.clock()
  return {
    id: state.nextId++,
    parent_id: parentId,
    type: parentId > 0 ? "variation" : "simple",
    name: "",
    slug: "",
    status: "publish",
    description: "",
    sku: "",
    global_unique_id: "",
    regular_price: "",
    sale_price: "",
    manage_stock: false,
    stock_quantity: null,
    weight: "",
    dimensions: { length: "", width: "", height: "" },
    attributes: [],
    categories: [],
    menu_order: 0,
    meta_data: [],
    date_created_gmt: now,
    date_modified_gmt: now,
  }
}

/** Creates a product (`parentId` 0) or a variation of `parentId`; the saved record or WooCommerce's error. */
export const createObject = (state: WooSandboxState, parentId: number, body: unknown): StoredProduct | WooErrorBody => {
  const invalid = validate(body, parentId > 0 ? variationFields : productFields)
  if (invalid !== undefined) return invalid
  const fields = body as Record<string, unknown>
  const taken = skuTaken(state, fields.sku, undefined)
  if (taken !== undefined) return invalidSku(taken.id, String(fields.sku))
  const saved = apply(state, blank(state, parentId), fields)
  if (parentId > 0) {
    const parent = state.products.get(parentId)
    if (parent !== undefined) saved.name = `${parent.name} - ${saved.attributes.map((a) => a.option).join(", ")}`
  }
  state.products.set(saved.id, saved)
  return saved
}

/** Updates a product or a variation of `parentId`; the saved record or WooCommerce's error. */
export const updateObject = (state: WooSandboxState, parentId: number, body: unknown): StoredProduct | WooErrorBody => {
  const invalid = validate(body, parentId > 0 ? variationFields : productFields)
  if (invalid !== undefined) return invalid
  const fields = body as Record<string, unknown>
  const current = typeof fields.id === "number" ? state.products.get(fields.id) : undefined
  const belongs =
    current !== undefined && (parentId > 0 ? current.parent_id === parentId : current.type !== "variation")
  if (current === undefined || !belongs) return invalidProductId()
  const taken = skuTaken(state, fields.sku, current.id)
  if (taken !== undefined) return invalidSku(taken.id, String(fields.sku))
  const saved = apply(state, current, fields)
  state.products.set(saved.id, saved)
  return saved
}

export const isError = (value: StoredProduct | WooErrorBody): value is WooErrorBody => "code" in value
