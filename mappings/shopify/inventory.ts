/**
 * Shopify inventory level ⇄ canonical InventoryLevel.
 *
 * Shopify's `available` is `on_hand` minus `committed`, `reserved`, `damaged`,
 * `quality_control` and `safety_stock`; the hub's is `onHand − reserved − safetyStock`. So
 * everything Shopify holds back from sale except safety stock is canonical `reserved`, and the
 * two `available`s agree (the hub's floored at 0 where Shopify oversold).
 */
import { Clock, Effect, ParseResult } from "effect"
import { InventoryLevelRecord, InventoryQuantityPayload } from "../../connectors/shopify/schemas/inventory.ts"
import { defineMapping, mappingTransform } from "../../core/mapping/index.ts"
import { Problems } from "../../core/mapping/problems.ts"
import { InventoryLevel, inventoryLevel, toInstant } from "../../core/model/index.ts"
import { locationCodeOf, locationRefOf } from "./lookups.ts"

const HELD_BACK = ["committed", "reserved", "damaged", "quality_control"] as const

/** The read direction: an inventory level from the inventory stream. */
const InventoryFromShopify = mappingTransform(InventoryLevelRecord, InventoryLevel, {
  decode: (level, ctx, ast) => {
    const problems = new Problems(ast, level)
    const quantity = (name: string): number => level.quantities.find((q) => q.name === name)?.quantity ?? 0
    const sku = level.item.sku?.trim() ?? ""
    if (sku === "") problems.add(["item", "sku"], "an inventory item needs a SKU", level.item.sku)
    if (!level.quantities.some((q) => q.name === "on_hand")) {
      problems.add(["quantities"], "the on_hand quantity was not selected")
    }
    const reserved = HELD_BACK.reduce((sum, name) => sum + quantity(name), 0)
    if (reserved < 0) problems.add(["quantities"], `held-back quantities add up to ${reserved}`)
    const updatedAt = problems.attempt(["updatedAt"], () => toInstant(level.updatedAt))
    return problems.result(() =>
      inventoryLevel({
        sku,
        locationCode: locationCodeOf(ctx, level.location),
        onHand: quantity("on_hand"),
        reserved,
        safetyStock: quantity("safety_stock"),
        incoming: quantity("incoming"),
        updatedAt: updatedAt!,
      }),
    )
  },
  encode: (level, ctx) =>
    ParseResult.succeed({
      updatedAt: level.updatedAt,
      item: { sku: level.sku },
      location: locationRefOf(ctx, level.locationCode),
      quantities: [
        { name: "available", quantity: level.available },
        { name: "on_hand", quantity: level.onHand },
        { name: "committed", quantity: level.reserved },
        { name: "reserved", quantity: 0 },
        { name: "damaged", quantity: 0 },
        { name: "quality_control", quantity: 0 },
        { name: "safety_stock", quantity: level.safetyStock },
        { name: "incoming", quantity: level.incoming },
      ],
    }),
})

/**
 * The write direction: what `inventorySetQuantities` sets, the canonical `available` (never
 * negative). Shopify then keeps its own committed and reserved counts on top.
 */
const InventoryToShopify = mappingTransform(InventoryQuantityPayload, InventoryLevel, {
  decode: (payload) =>
    // A write payload carries no timestamp: reading one back stamps it with the current time.
    Effect.map(Clock.currentTimeMillis, (now) =>
      inventoryLevel({
        sku: payload.sku,
        locationCode: payload.locationCode,
        onHand: payload.available,
        reserved: 0,
        safetyStock: 0,
        incoming: 0,
        updatedAt: toInstant(new Date(now)),
      }),
    ),
  encode: (level) =>
    ParseResult.succeed({ sku: level.sku, locationCode: level.locationCode, available: level.available }),
})

/** Shopify inventory levels ⇄ canonical inventory levels. */
export const inventoryMapping = defineMapping({
  entity: "inventory",
  read: InventoryFromShopify,
  write: InventoryToShopify,
})
