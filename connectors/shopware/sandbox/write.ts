/**
 * The Sync API's write side: validates every record of every operation like the DAL (unknown
 * fields, required fields on create, types, unique product numbers) and, only when all are
 * valid, writes them: since Shopware 6.5 one sync request is one transaction.
 */
import { entityFields } from "./entityFields.ts"
import { notBlank, type SandboxError, unexpectedField, wrongType } from "./errors.ts"
import { type Row, type ShopwareSandboxState, shopwareNow } from "./state.ts"

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)
const HEX32 = /^[0-9a-f]{32}$/

/** Entities the sandbox writes; others answer as unknown entities. */
export const WRITABLE = new Set(["product", "product_price", "category", "order_delivery"])

const validatePrice = (value: unknown, pointer: string): SandboxError[] => {
  if (!Array.isArray(value)) return [wrongType(pointer, "array")]
  return value.flatMap((p, i) => {
    const at = `${pointer}/${i}`
    if (!isRecord(p)) return [wrongType(at, "object")]
    const errors: SandboxError[] = []
    if (typeof p.currencyId !== "string" || !HEX32.test(p.currencyId)) errors.push(notBlank(`${at}/currencyId`))
    for (const key of ["gross", "net"])
      if (typeof p[key] !== "number") errors.push(wrongType(`${at}/${key}`, "numeric"))
    if (typeof p.linked !== "boolean") errors.push(wrongType(`${at}/linked`, "bool"))
    return errors
  })
}

const validate = (
  state: ShopwareSandboxState,
  entity: string,
  record: unknown,
  pointer: string,
  options: { readonly child?: boolean; readonly numbers: Map<string, string> },
): SandboxError[] => {
  if (!isRecord(record)) return [wrongType(pointer, "object")]
  const spec = entityFields[entity]
  if (spec === undefined) return []
  const errors: SandboxError[] = []
  const id = record.id
  if (id !== undefined && (typeof id !== "string" || !HEX32.test(id))) {
    errors.push({
      status: "400",
      code: "FRAMEWORK__INVALID_UUID",
      title: "Bad Request",
      detail: `Value is not a valid UUID: ${String(id)}`,
      source: { pointer: `${pointer}/id` },
    })
  }
  for (const field of Object.keys(record)) {
    if (!spec.fields.includes(field)) errors.push(unexpectedField(`${pointer}/${field}`, field))
  }
  const existing = typeof id === "string" ? state.table(entity).get(id) : undefined
  if (entity === "order_delivery" && existing === undefined) {
    errors.push({
      status: "400",
      code: "FRAMEWORK__WRITE_NOT_FOUND",
      title: "Bad Request",
      detail: `The order_delivery with id ${String(id)} does not exist.`,
      source: { pointer: `${pointer}/id` },
    })
  }
  if (existing === undefined) {
    const required =
      entity === "product" && options.child === true
        ? ["productNumber", "stock"]
        : spec.required.filter((f) => f !== "id")
    for (const field of required) {
      // The parent's id is given by nesting; translations may carry the name.
      if (entity === "product_price" && field === "productId" && options.child === true) continue
      const value = record[field]
      const translated =
        isRecord(record.translations) &&
        Object.values(record.translations).some((t) => isRecord(t) && t[field] !== undefined)
      if ((value === undefined || value === null || value === "") && !translated)
        errors.push(notBlank(`${pointer}/${field}`))
    }
  }
  if (record.stock !== undefined && !Number.isInteger(record.stock)) errors.push(wrongType(`${pointer}/stock`, "int"))
  if (record.active !== undefined && typeof record.active !== "boolean")
    errors.push(wrongType(`${pointer}/active`, "bool"))
  if (record.name !== undefined && typeof record.name !== "string") errors.push(wrongType(`${pointer}/name`, "string"))
  if (record.price !== undefined) errors.push(...validatePrice(record.price, `${pointer}/price`))
  if (entity === "product" && typeof record.productNumber === "string") {
    const number = record.productNumber
    const owner =
      options.numbers.get(number) ?? [...state.table("product").values()].find((p) => p.productNumber === number)?.id
    if (owner !== undefined && owner !== id) {
      errors.push({
        status: "400",
        code: "CONTENT__DUPLICATE_PRODUCT_NUMBER",
        title: "Bad Request",
        detail: `Product with number "${number}" already exists.`,
        source: { pointer: `${pointer}/productNumber` },
      })
    } else if (typeof id === "string") options.numbers.set(number, id)
  }
  if (entity === "product" && Array.isArray(record.children)) {
    record.children.forEach((child, i) => {
      errors.push(...validate(state, "product", child, `${pointer}/children/${i}`, { ...options, child: true }))
    })
  }
  if (entity === "product" && Array.isArray(record.prices)) {
    record.prices.forEach((price, i) => {
      errors.push(...validate(state, "product_price", price, `${pointer}/prices/${i}`, { ...options, child: true }))
    })
  }
  return errors
}

const upsertRow = (state: ShopwareSandboxState, entity: string, row: Row): string => {
  const id = typeof row.id === "string" ? row.id : crypto.randomUUID().replaceAll("-", "")
  const table = state.table(entity)
  const existing = table.get(id)
  const now = shopwareNow()
  const customFields =
    isRecord(existing?.customFields) || isRecord(row.customFields)
      ? {
          customFields: {
            ...(isRecord(existing?.customFields) ? existing.customFields : {}),
            ...(isRecord(row.customFields) ? row.customFields : {}),
          },
        }
      : {}
  table.set(
    id,
    existing === undefined
      ? { ...row, ...customFields, id, createdAt: now, updatedAt: null }
      : { ...existing, ...row, ...customFields, id, updatedAt: now },
  )
  return id
}

const writeProduct = (state: ShopwareSandboxState, record: Row, parentId?: string): string => {
  const { children, options, categories, prices, media, ...fields } = record
  const mediaRows = Array.isArray(media) ? media.filter(isRecord) : []
  for (const productMedia of mediaRows) {
    const file = isRecord(productMedia.media) ? productMedia.media : undefined
    if (file !== undefined && !state.table("media").has(String(file.id))) {
      upsertRow(state, "media", { ...file, hasFile: false })
    }
  }
  const optionRows = Array.isArray(options) ? options.filter(isRecord) : []
  for (const option of optionRows) {
    const group = isRecord(option.group) ? option.group : undefined
    if (group !== undefined) upsertRow(state, "property_group", { id: group.id, name: group.name })
    upsertRow(state, "property_group_option", { id: option.id, name: option.name, groupId: group?.id })
  }
  const categoryRows = Array.isArray(categories) ? categories.filter(isRecord) : []
  for (const category of categoryRows) {
    if (!state.table("category").has(String(category.id))) upsertRow(state, "category", category)
  }
  const id = upsertRow(state, "product", {
    ...fields,
    ...(parentId === undefined ? {} : { parentId }),
    ...(optionRows.length > 0 ? { options: optionRows, optionIds: optionRows.map((o) => o.id) } : {}),
    ...(categoryRows.length > 0 ? { categoryIds: categoryRows.map((c) => c.id) } : {}),
    ...(mediaRows.length > 0 ? { media: mediaRows } : {}),
  })
  if (Array.isArray(prices))
    for (const price of prices.filter(isRecord)) upsertRow(state, "product_price", { ...price, productId: id })
  if (Array.isArray(children)) for (const child of children.filter(isRecord)) writeProduct(state, child, id)
  return id
}

const writeDelivery = (state: ShopwareSandboxState, record: Row): string => {
  const id = String(record.id)
  const delivery = state.table("order_delivery").get(id)
  const orderId = String(delivery?.orderId)
  const order = state.table("order").get(orderId)
  const now = shopwareNow()
  if (order !== undefined && Array.isArray(order.deliveries)) {
    order.deliveries = order.deliveries.map((d) =>
      isRecord(d) && d.id === id ? { ...d, ...record, updatedAt: now } : d,
    )
    order.updatedAt = now
  }
  state.table("order_delivery").set(id, { ...delivery, ...record, updatedAt: now })
  return id
}

/** What a sync request answers: 200 with the written ids, or 400 with every violation. */
export type SyncAnswer =
  | { readonly ok: true; readonly data: Record<string, string[]> }
  | { readonly ok: false; readonly errors: ReadonlyArray<SandboxError> }

/** Runs a sync request body (operations keyed by name, or a list of operations). */
export const runSync = (state: ShopwareSandboxState, body: unknown): SyncAnswer => {
  const operations: Array<[string, unknown]> = Array.isArray(body)
    ? body.map((op, i) => [String(i), op])
    : isRecord(body)
      ? Object.entries(body)
      : []
  const errors: SandboxError[] = []
  const numbers = new Map<string, string>()
  for (const [key, op] of operations) {
    if (!isRecord(op) || typeof op.entity !== "string" || !Array.isArray(op.payload)) {
      errors.push({
        status: "400",
        code: "FRAMEWORK__INVALID_SYNC_OPERATION",
        title: "Bad Request",
        detail: `Operation "${key}" needs entity, action and payload.`,
        source: { pointer: `/${key}` },
      })
      continue
    }
    if (!WRITABLE.has(op.entity)) {
      errors.push({
        status: "400",
        code: "FRAMEWORK__DEFINITION_NOT_FOUND",
        title: "Bad Request",
        detail: `Definition for entity "${op.entity}" does not exist.`,
        source: { pointer: `/${key}` },
      })
      continue
    }
    if (op.action !== "upsert") {
      errors.push({
        status: "400",
        code: "FRAMEWORK__INVALID_SYNC_OPERATION",
        title: "Bad Request",
        detail: `Action "${String(op.action)}" is not supported here; use upsert.`,
        source: { pointer: `/${key}/action` },
      })
      continue
    }
    const entity = op.entity
    op.payload.forEach((record, i) => {
      errors.push(...validate(state, entity, record, `/${key}/${i}`, { numbers }))
    })
  }
  if (errors.length > 0) return { ok: false, errors }
  const data: Record<string, string[]> = {}
  for (const [, op] of operations) {
    if (!isRecord(op) || typeof op.entity !== "string" || !Array.isArray(op.payload)) continue
    const entity = op.entity
    const ids = op.payload
      .filter(isRecord)
      .map((record) =>
        entity === "product"
          ? writeProduct(state, record)
          : entity === "order_delivery"
            ? writeDelivery(state, record)
            : upsertRow(state, entity, record),
      )
    data[entity] = [...(data[entity] ?? []), ...ids]
  }
  return { ok: true, data }
}
