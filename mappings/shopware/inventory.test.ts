import { describe, expect, it } from "vitest"
import { type InventoryLevel, inventoryLevel } from "../../core/model/index.ts"
import { decodeWrite, encodeWrite } from "./testing.ts"

describe("canonical InventoryLevel → Shopware stock", () => {
  const level: InventoryLevel = inventoryLevel({
    sku: "ALP-TRAIL-43",
    locationCode: "WH",
    onHand: 20,
    reserved: 3,
    safetyStock: 2,
    incoming: 0,
    updatedAt: "2026-11-20T08:00:00Z",
  })

  it("sends what may be sold (on hand − reserved − safety stock) for the location", async () => {
    expect(await encodeWrite("inventory", level)).toEqual({
      productNumber: "ALP-TRAIL-43",
      locationCode: "WH",
      available: 15,
    })
  })

  it("reads the payload back as a level whose available is the same", async () => {
    const back = await decodeWrite("inventory", await encodeWrite("inventory", level))
    expect([back.sku, back.locationCode, back.available]).toEqual(["ALP-TRAIL-43", "WH", 15])
  })
})
