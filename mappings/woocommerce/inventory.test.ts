import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { inventoryLevel } from "../../core/model/index.ts"
import { inventoryMapping } from "./inventory.ts"
import { alpenglowShop, writeRoundTrip } from "./testing.ts"

describe("canonical inventory level → WooCommerce stock", () => {
  it("writes what may be sold at the location, never a negative quantity", async () => {
    const level = inventoryLevel({
      sku: "ALP-TEE-M-BLK",
      locationCode: "WH",
      onHand: 14,
      reserved: 2,
      safetyStock: 1,
      incoming: 0,
      updatedAt: "2026-03-01T06:00:00Z",
    })
    const { payload, again } = await Effect.runPromise(writeRoundTrip(inventoryMapping, alpenglowShop(), level))
    expect(payload).toEqual({ sku: "ALP-TEE-M-BLK", locationCode: "WH", quantity: 11 })
    expect(again.available).toBe(11)
    const oversold = inventoryLevel({ ...level, onHand: -3, reserved: 0, safetyStock: 0 })
    const { payload: none } = await Effect.runPromise(writeRoundTrip(inventoryMapping, alpenglowShop(), oversold))
    expect(none.quantity).toBe(0)
  })
})
