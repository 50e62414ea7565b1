import { Schema } from "effect"
import { Instant, Key, NonNegativeInt } from "./primitives.ts"

/** What a channel may sell: on hand − reserved − safety stock, never below zero. */
export const availableToSell = (level: { onHand: number; reserved: number; safetyStock: number }): number =>
  Math.max(0, level.onHand - level.reserved - level.safetyStock)

/**
 * Stock of one SKU at one location. Natural key: SKU + location code.
 * `onHand` may be negative (an ERP that oversold); `available` is derived and never is.
 */
export const InventoryLevel = Schema.Struct({
  sku: Key,
  locationCode: Key,
  onHand: Schema.Int,
  reserved: NonNegativeInt,
  safetyStock: NonNegativeInt,
  incoming: NonNegativeInt,
  available: NonNegativeInt,
  updatedAt: Instant,
})
  .pipe(
    Schema.filter(
      (level) =>
        level.available === availableToSell(level) || {
          path: ["available"],
          message: `must equal max(0, onHand − reserved − safetyStock) = ${availableToSell(level)}`,
        },
    ),
  )
  .annotations({ identifier: "InventoryLevel" })
export type InventoryLevel = typeof InventoryLevel.Type

/** Builds a level with `available` derived, so no mapping computes it by hand. */
export const inventoryLevel = (level: Omit<InventoryLevel, "available">): InventoryLevel => ({
  ...level,
  available: availableToSell(level),
})
