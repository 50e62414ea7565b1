/**
 * Inventory items and item groups: `bulkCreateOrReplaceInventoryItem`, `bulkGetInventoryItem`
 * (both at most 25, 207 Multi-Status with per-item results) and `inventory_item_group/{key}`.
 */
import { http } from "msw"
import type { InventoryItemGroup } from "../schemas/inventory.ts"
import { bulkStatus, errorAnswer, invalidValue, inventoryError, json, type SandboxError } from "./errors.ts"
import { bulkRequests, guarded, isRecord, readJson, unknownField } from "./gate.ts"
import type { EbaySandboxState, StoredItem } from "./state.ts"
import { inventoryItemErrors } from "./validate.ts"

const BULK_LIMIT = 25
const BASE = "*/sell/inventory/v1"

const GROUP_FIELDS = [
  "inventoryItemGroupKey",
  "title",
  "subtitle",
  "description",
  "aspects",
  "imageUrls",
  "videoIds",
  "variantSKUs",
  "variesBy",
]

/** Content-Language is required on the calls that carry texts. */
export const missingLanguage = (request: Request): Response | undefined =>
  /^[a-z]{2}-[A-Z]{2}$/.test(request.headers.get("content-language") ?? "")
    ? undefined
    : errorAnswer(400, invalidValue("header Content-Language", "Set it to the language of the texts, e.g. de-DE."))

const groupErrors = (
  state: EbaySandboxState,
  key: string,
  body: Record<string, unknown>,
): ReadonlyArray<SandboxError> => {
  const errors: Array<SandboxError> = []
  const unknown = unknownField(body, GROUP_FIELDS)
  if (unknown !== undefined) errors.push(invalidValue(unknown, "This field is not part of InventoryItemGroup."))
  if (typeof body.title !== "string" || body.title === "" || body.title.length > 80) {
    errors.push(invalidValue("title", "A title of at most 80 characters is required."))
  }
  if (typeof body.description !== "string" || body.description === "") {
    errors.push(invalidValue("description", "A description is required."))
  }
  const skus = Array.isArray(body.variantSKUs) ? body.variantSKUs : []
  if (skus.length === 0) errors.push(invalidValue("variantSKUs", "At least one SKU is required."))
  for (const sku of skus) {
    if (typeof sku !== "string" || !state.items.has(sku)) {
      errors.push(
        inventoryError(25702, `SKU ${String(sku)} is not available in the system`, [
          { name: "sku", value: String(sku) },
        ]),
      )
    }
  }
  const specs = isRecord(body.variesBy) ? body.variesBy.specifications : undefined
  if (!Array.isArray(specs) || specs.length === 0) {
    errors.push(invalidValue("variesBy.specifications", "Name at least one aspect the variations differ by."))
  }
  if (key.length > 50) errors.push(invalidValue("inventoryItemGroupKey", "At most 50 characters.", key))
  return errors
}

export const inventoryHandlers = (state: EbaySandboxState) => [
  // https://developer.ebay.com/api-docs/sell/inventory/resources/inventory_item/methods/bulkCreateOrReplaceInventoryItem
  http.post(
    `${BASE}/bulk_create_or_replace_inventory_item`,
    guarded(state, "bulkCreateOrReplaceInventoryItem", async ({ request }) => {
      const language = missingLanguage(request)
      if (language !== undefined) return language
      const bulk = await bulkRequests(request, {
        limit: BULK_LIMIT,
        none: invalidValue("requests", "At least one request is required."),
        tooMany: () =>
          inventoryError(25727, `The number of InventoryItems in the request cannot exceed ${BULK_LIMIT}.`),
      })
      if (!bulk.ok) return bulk.answer
      const requests = bulk.requests
      const seen = new Set<string>()
      const responses = requests.map((raw) => {
        const item = isRecord(raw) ? raw : {}
        const sku = typeof item.sku === "string" ? item.sku : ""
        const locale = typeof item.locale === "string" ? item.locale : undefined
        const errors = [...inventoryItemErrors(item)]
        if (seen.has(sku)) errors.push(inventoryError(25734, "SKU should be unique in the request."))
        seen.add(sku)
        if (errors.length > 0) return { statusCode: 400, sku, ...(locale ? { locale } : {}), errors }
        const previous = state.items.get(sku)
        const stored: StoredItem = {
          ...(structuredClone(item) as StoredItem),
          ...(previous?.inventoryItemGroupKeys ? { inventoryItemGroupKeys: previous.inventoryItemGroupKeys } : {}),
        }
        state.items.set(sku, stored)
        return { statusCode: previous === undefined ? 201 : 200, sku, ...(locale ? { locale } : {}) }
      })
      return json(bulkStatus(responses.map((r) => r.statusCode)), { responses })
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/inventory/resources/inventory_item/methods/bulkGetInventoryItem
  http.post(
    `${BASE}/bulk_get_inventory_item`,
    guarded(state, "bulkGetInventoryItem", async ({ request }) => {
      const bulk = await bulkRequests(request, {
        limit: BULK_LIMIT,
        none: invalidValue("requests", "At least one SKU is required."),
        tooMany: () =>
          inventoryError(25727, `The number of InventoryItems in the request cannot exceed ${BULK_LIMIT}.`),
      })
      if (!bulk.ok) return bulk.answer
      const requests = bulk.requests
      const responses = requests.map((raw) => {
        const sku = isRecord(raw) && typeof raw.sku === "string" ? raw.sku : ""
        if (isRecord(raw) && unknownField(raw, ["sku"]) !== undefined) {
          return {
            statusCode: 400,
            sku,
            errors: [invalidValue(unknownField(raw, ["sku"]) ?? "", "Only sku is accepted.")],
          }
        }
        const item = state.items.get(sku)
        if (item === undefined) {
          return {
            statusCode: 404,
            sku,
            errors: [inventoryError(25702, `SKU ${sku} is not available in the system`, [{ name: "sku", value: sku }])],
          }
        }
        return { statusCode: 200, sku, inventoryItem: item }
      })
      return json(bulkStatus(responses.map((r) => r.statusCode)), { responses })
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/inventory/resources/inventory_item_group/methods/getInventoryItemGroup
  http.get(
    `${BASE}/inventory_item_group/:key`,
    guarded(state, "getInventoryItemGroup", ({ params }) => {
      const key = String(params.key)
      const group = state.groups.get(key)
      if (group === undefined) {
        return errorAnswer(
          404,
          inventoryError(
            25705,
            `The Inventory Item Group named ${key} could not be found or is not available in the system.`,
          ),
        )
      }
      return json(200, { ...group, inventoryItemGroupKey: key })
    }),
  ),

  // https://developer.ebay.com/api-docs/sell/inventory/resources/inventory_item_group/methods/createOrReplaceInventoryItemGroup
  http.put(
    `${BASE}/inventory_item_group/:key`,
    guarded(state, "createOrReplaceInventoryItemGroup", async ({ request, params }) => {
      const language = missingLanguage(request)
      if (language !== undefined) return language
      const key = String(params.key)
      const body = await readJson(request)
      if (!body.ok) return body.answer
      if (!isRecord(body.value))
        return errorAnswer(400, invalidValue("body", "An InventoryItemGroup object is required."))
      const errors = groupErrors(state, key, body.value)
      if (errors.length > 0) return errorAnswer(400, ...errors)
      const group = { ...(structuredClone(body.value) as InventoryItemGroup), inventoryItemGroupKey: key }
      const existed = state.groups.has(key)
      const previous = state.groups.get(key)?.variantSKUs ?? []
      for (const sku of previous) {
        const item = state.items.get(sku)
        if (item) item.inventoryItemGroupKeys = (item.inventoryItemGroupKeys ?? []).filter((k) => k !== key)
      }
      for (const sku of group.variantSKUs) {
        const item = state.items.get(sku)
        if (item) item.inventoryItemGroupKeys = [...new Set([...(item.inventoryItemGroupKeys ?? []), key])]
      }
      state.groups.set(key, group)
      return new Response(null, { status: existed ? 204 : 201 })
    }),
  ),
]
