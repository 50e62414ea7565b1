/**
 * Inventory levels as the Admin GraphQL API returns them
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/objects/InventoryLevel).
 */
import { Schema } from "effect"
import { Gid } from "./common.ts"

/**
 * The quantity names we read. Shopify's `available` is `on_hand` minus `committed`, `reserved`,
 * `damaged`, `quality_control` and `safety_stock`
 * (https://shopify.dev/docs/apps/build/orders-fulfillment/inventory-management-apps#inventory-states).
 */
export const inventoryQuantityNames = [
  "available",
  "on_hand",
  "committed",
  "reserved",
  "damaged",
  "quality_control",
  "safety_stock",
  "incoming",
] as const

export const InventoryQuantityNode = Schema.Struct({ name: Schema.String, quantity: Schema.Int })

/** An inventory level as the inventory mapping reads it. */
export const InventoryLevelRecord = Schema.Struct({
  id: Schema.optional(Schema.String),
  updatedAt: Schema.String,
  item: Schema.Struct({ id: Schema.optional(Gid), sku: Schema.NullOr(Schema.String) }),
  location: Schema.Struct({ id: Schema.optional(Gid), name: Schema.String }),
  quantities: Schema.Array(InventoryQuantityNode),
})
export type InventoryLevelRecord = typeof InventoryLevelRecord.Type

/** An inventory level as the inventory stream yields it. */
export const InventoryLevelNode = Schema.Struct({
  ...InventoryLevelRecord.fields,
  id: Gid,
  item: Schema.Struct({ ...InventoryLevelRecord.fields.item.fields, id: Gid }),
  location: Schema.Struct({ ...InventoryLevelRecord.fields.location.fields, id: Gid }),
})
export type InventoryLevelNode = typeof InventoryLevelNode.Type

/** What the inventory sink takes: the canonical `available` of one SKU at one location. */
export const InventoryQuantityPayload = Schema.Struct({
  sku: Schema.String,
  locationCode: Schema.String,
  available: Schema.Int.pipe(Schema.nonNegative()),
})
export type InventoryQuantityPayload = typeof InventoryQuantityPayload.Type
