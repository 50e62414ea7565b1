import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { decodeRecord, encodeRecord } from "../../core/mapping/index.ts"
import { inventoryLevel } from "../../core/model/index.ts"
import { inventoryMapping } from "./inventory.ts"
import { alpenglowContext, readRoundTrip } from "./testing.ts"

const ctx = alpenglowContext()

const level = {
  id: "gid://shopify/InventoryLevel/110234567001?inventory_item_id=48912345678912",
  updatedAt: "2025-01-21T06:00:00Z",
  item: { id: "gid://shopify/InventoryItem/48912345678912", sku: "ALP-TEE-M-BLK" },
  location: { id: "gid://shopify/Location/71234567001", name: "Central Warehouse Hamburg" },
  quantities: [
    { name: "available", quantity: 35 },
    { name: "on_hand", quantity: 42 },
    { name: "committed", quantity: 3 },
    { name: "reserved", quantity: 1 },
    { name: "damaged", quantity: 1 },
    { name: "quality_control", quantity: 0 },
    { name: "safety_stock", quantity: 2 },
    { name: "incoming", quantity: 24 },
  ],
}

describe("Shopify inventory mapping", () => {
  it.effect("reads what Shopify holds back as reserved, so both availables agree", () =>
    Effect.gen(function* () {
      const canonical = yield* decodeRecord(inventoryMapping, ctx, level, "x")
      expect(canonical).toEqual({
        sku: "ALP-TEE-M-BLK",
        locationCode: "HAM-WH",
        onHand: 42,
        reserved: 5,
        safetyStock: 2,
        incoming: 24,
        available: 35,
        updatedAt: "2025-01-21T06:00:00Z",
      })
    }),
  )

  it.effect("floors an oversold Shopify level at 0 available", () =>
    Effect.gen(function* () {
      const oversold = {
        ...level,
        quantities: [
          { name: "on_hand", quantity: 1 },
          { name: "committed", quantity: 4 },
        ],
      }
      const canonical = yield* decodeRecord(inventoryMapping, ctx, oversold, "x")
      expect(canonical.available).toBe(0)
    }),
  )

  it.effect("round-trips a level", () =>
    Effect.gen(function* () {
      const { canonical, again } = yield* readRoundTrip(inventoryMapping, ctx, level)
      expect(again).toEqual(canonical)
    }),
  )

  it.effect("writes the canonical available, never a negative on-hand", () =>
    Effect.gen(function* () {
      const oversold = inventoryLevel({
        sku: "ALP-BEANIE",
        locationCode: "BER-MITTE",
        onHand: -2,
        reserved: 0,
        safetyStock: 0,
        incoming: 0,
        updatedAt: "2025-01-21T06:00:00Z",
      })
      const payload = yield* encodeRecord(inventoryMapping, ctx, oversold, "ALP-BEANIE@BER-MITTE")
      expect(payload).toEqual({ sku: "ALP-BEANIE", locationCode: "BER-MITTE", available: 0 })
    }),
  )
})
