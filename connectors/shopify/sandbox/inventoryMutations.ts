/**
 * `inventorySetQuantities` (https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/inventorySetQuantities)
 * and `inventoryActivate` (https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/inventoryActivate).
 *
 * Setting quantities is all or nothing: one bad entry rejects the whole call, with a user error
 * at that entry's path. An item is only stocked where it was activated.
 */

import type { Resolver } from "./context.ts"
import { findItem, findLevel, findLocation, isRecord, numberArg, stringArg } from "./lookup.ts"
import { availableOf, inventoryLevelGid, nextGid, type ShopifySandboxState, timestamp } from "./state.ts"

/** The reasons Shopify accepts for a quantity change. */
const REASONS = new Set([
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
])

interface QuantityInput {
  readonly inventoryItemId: string
  readonly locationId: string
  readonly quantity: number
  readonly compareQuantity: number | undefined
}

const quantityInputs = (input: Record<string, unknown>): ReadonlyArray<QuantityInput> =>
  (Array.isArray(input.quantities) ? input.quantities.filter(isRecord) : []).map((q) => ({
    inventoryItemId: typeof q.inventoryItemId === "string" ? q.inventoryItemId : "",
    locationId: typeof q.locationId === "string" ? q.locationId : "",
    quantity: typeof q.quantity === "number" ? q.quantity : 0,
    compareQuantity: typeof q.compareQuantity === "number" ? q.compareQuantity : undefined,
  }))

const validate = (
  state: ShopifySandboxState,
  input: Record<string, unknown>,
  quantities: ReadonlyArray<QuantityInput>,
) => {
  const errors: Array<{ field: Array<string>; message: string; code: string }> = []
  const name = input.name
  if (name !== "available" && name !== "on_hand") {
    errors.push({
      field: ["input", "name"],
      message: "The quantity name must be either 'available' or 'on_hand'.",
      code: "INVALID_NAME",
    })
  }
  if (typeof input.reason !== "string" || !REASONS.has(input.reason)) {
    errors.push({ field: ["input", "reason"], message: "The specified reason is invalid.", code: "INVALID_REASON" })
  }
  const seen = new Set<string>()
  quantities.forEach((q, i) => {
    const at = ["input", "quantities", String(i)]
    if (input.ignoreCompareQuantity !== true && q.compareQuantity === undefined) {
      errors.push({
        field: [...at, "compareQuantity"],
        message: "The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.",
        code: "COMPARE_QUANTITY_REQUIRED",
      })
    }
    if (findItem(state, q.inventoryItemId) === undefined) {
      errors.push({
        field: [...at, "inventoryItemId"],
        message: "The specified inventory item could not be found.",
        code: "INVALID_INVENTORY_ITEM",
      })
      return
    }
    const location = findLocation(state, q.locationId)
    if (location === undefined || !location.isActive) {
      errors.push({
        field: [...at, "locationId"],
        message: "The specified location could not be found.",
        code: "INVALID_LOCATION",
      })
      return
    }
    const level = findLevel(state, q.inventoryItemId, q.locationId)
    if (level === undefined) {
      errors.push({
        field: [...at, "locationId"],
        message: "The specified inventory item is not stocked at the location.",
        code: "ITEM_NOT_STOCKED_AT_LOCATION",
      })
      return
    }
    const key = `${q.inventoryItemId}|${q.locationId}`
    if (seen.has(key)) {
      errors.push({
        field: [...at, "inventoryItemId"],
        message: "The combination of inventoryItemId and locationId must be unique.",
        code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR",
      })
    }
    seen.add(key)
    const current = name === "on_hand" ? (level.quantities.on_hand ?? 0) : availableOf(level.quantities)
    if (input.ignoreCompareQuantity !== true && q.compareQuantity !== undefined && q.compareQuantity !== current) {
      errors.push({
        field: [...at, "compareQuantity"],
        message: "The compareQuantity value does not match persisted value.",
        code: "COMPARE_QUANTITY_STALE",
      })
    }
    if (Math.abs(q.quantity) > 1_000_000_000) {
      errors.push({
        field: [...at, "quantity"],
        message: "The quantity can't be higher than 1,000,000,000.",
        code: "INVALID_QUANTITY_TOO_HIGH",
      })
    }
  })
  return errors
}

export const inventorySetQuantities: Resolver = (_source, args, { state, now }) => {
  const input = isRecord(args.input) ? args.input : {}
  const quantities = quantityInputs(input)
  const errors = validate(state, input, quantities)
  if (errors.length > 0) return { inventoryAdjustmentGroup: null, userErrors: errors }
  const at = timestamp(now)
  const changes = quantities.map((q) => {
    const level = findLevel(state, q.inventoryItemId, q.locationId)!
    // Setting `available` moves on-hand by the same amount; what is committed stays committed.
    const before = input.name === "on_hand" ? (level.quantities.on_hand ?? 0) : availableOf(level.quantities)
    const delta = q.quantity - before
    level.quantities.on_hand = (level.quantities.on_hand ?? 0) + delta
    level.updatedAt = at
    return {
      name: input.name,
      delta,
      quantityAfterChange: q.quantity,
      item: findItem(state, q.inventoryItemId),
      location: findLocation(state, q.locationId),
      ledgerDocumentUri: null,
    }
  })
  return {
    inventoryAdjustmentGroup: {
      id: nextGid(state, "InventoryAdjustmentGroup"),
      createdAt: at,
      reason: input.reason,
      referenceDocumentUri: typeof input.referenceDocumentUri === "string" ? input.referenceDocumentUri : null,
      changes,
    },
    userErrors: [],
  }
}

export const inventoryActivate: Resolver = (_source, args, { state, now }) => {
  const itemId = stringArg(args, "inventoryItemId") ?? ""
  const locationId = stringArg(args, "locationId") ?? ""
  const errors = [
    ...(findItem(state, itemId) === undefined
      ? [{ field: ["inventoryItemId"], message: "Inventory item does not exist" }]
      : []),
    ...(findLocation(state, locationId) === undefined
      ? [{ field: ["locationId"], message: "Location does not exist" }]
      : []),
  ]
  if (errors.length > 0) return { inventoryLevel: null, userErrors: errors }
  const existing = findLevel(state, itemId, locationId)
  if (existing !== undefined) return { inventoryLevel: { ...existing, __typename: "InventoryLevel" }, userErrors: [] }
  const at = timestamp(now)
  const level = {
    id: inventoryLevelGid(itemId, locationId),
    itemId,
    locationId,
    quantities: {
      on_hand: numberArg(args, "onHand") ?? numberArg(args, "available") ?? 0,
      committed: 0,
      reserved: 0,
      damaged: 0,
      quality_control: 0,
      safety_stock: 0,
      incoming: 0,
    },
    createdAt: at,
    updatedAt: at,
  }
  state.inventoryLevels.push(level)
  return { inventoryLevel: { ...level, __typename: "InventoryLevel" }, userErrors: [] }
}
