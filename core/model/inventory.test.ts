import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { availableToSell, InventoryLevel, inventoryLevel } from "./inventory.ts"
import { rejectedPaths, rejectionsOf } from "./testkit.ts"

const berlinStore = {
  sku: "TSHIRT-ORG-M-NAVY",
  locationCode: "BER-01",
  onHand: 24,
  reserved: 3,
  safetyStock: 2,
  incoming: 50,
  available: 19,
  updatedAt: "2026-11-23T08:00:00Z",
}

describe("available to sell", () => {
  it.each([
    { onHand: 24, reserved: 3, safetyStock: 2, available: 19 },
    { onHand: 10, reserved: 0, safetyStock: 0, available: 10 },
    { onHand: 5, reserved: 3, safetyStock: 2, available: 0 },
    { onHand: 5, reserved: 3, safetyStock: 5, available: 0 },
    { onHand: 2, reserved: 7, safetyStock: 0, available: 0 },
    { onHand: 0, reserved: 0, safetyStock: 0, available: 0 },
    { onHand: -4, reserved: 0, safetyStock: 0, available: 0 },
    { onHand: -4, reserved: 2, safetyStock: 1, available: 0 },
  ])("is $available for on hand $onHand, reserved $reserved, safety stock $safetyStock", (level) => {
    expect(availableToSell(level)).toBe(level.available)
  })
})

describe("the InventoryLevel schema", () => {
  it("accepts a level whose available is on hand − reserved − safety stock", () => {
    expect(rejectionsOf(InventoryLevel, berlinStore)).toEqual([])
  })

  it("accepts an ERP that oversold (negative on hand) when available is 0", () => {
    expect(rejectionsOf(InventoryLevel, { ...berlinStore, onHand: -3, reserved: 1, available: 0 })).toEqual([])
  })

  it("rejects an available that ignores the safety stock, saying what it must be", () => {
    expect(rejectionsOf(InventoryLevel, { ...berlinStore, available: 21 })).toEqual([
      { path: "available", message: "must equal max(0, onHand − reserved − safetyStock) = 19" },
    ])
  })

  it("rejects a negative available when more is reserved than on hand", () => {
    expect(
      rejectedPaths(InventoryLevel, { ...berlinStore, onHand: 2, reserved: 5, safetyStock: 0, available: -3 }),
    ).toEqual(["available"])
  })

  it("rejects a negative reserved quantity", () => {
    expect(rejectedPaths(InventoryLevel, { ...berlinStore, reserved: -1, available: 22 })).toEqual(["reserved"])
  })

  it("rejects a negative safety stock or incoming quantity", () => {
    expect(rejectedPaths(InventoryLevel, { ...berlinStore, safetyStock: -2, available: 23 })).toEqual(["safetyStock"])
    expect(rejectedPaths(InventoryLevel, { ...berlinStore, incoming: -50 })).toEqual(["incoming"])
  })

  it("rejects fractional quantities", () => {
    expect(rejectedPaths(InventoryLevel, { ...berlinStore, onHand: 24.5 })).toEqual(["onHand"])
    expect(rejectedPaths(InventoryLevel, { ...berlinStore, reserved: 0.5 })).toEqual(["reserved"])
    expect(rejectedPaths(InventoryLevel, { ...berlinStore, incoming: 12.25 })).toEqual(["incoming"])
  })

  it("rejects stock sent as a string, as some ERPs do", () => {
    expect(rejectedPaths(InventoryLevel, { ...berlinStore, onHand: "24" })).toEqual(["onHand"])
  })
})

describe("inventoryLevel()", () => {
  it("derives available so that the schema accepts the level", () => {
    const { available: _, ...withoutAvailable } = berlinStore
    const level = inventoryLevel(withoutAvailable)
    expect(level.available).toBe(19)
    expect(Schema.decodeUnknownSync(InventoryLevel)(level)).toEqual(berlinStore)
  })

  it("derives 0, never a negative number, for an oversold location", () => {
    const level = inventoryLevel({ ...berlinStore, onHand: -7, reserved: 2, safetyStock: 1 })
    expect(level.available).toBe(0)
    expect(rejectionsOf(InventoryLevel, level)).toEqual([])
  })
})
