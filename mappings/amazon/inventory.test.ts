import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { seedInventory } from "../../connectors/amazon/fixtures/seed.ts"
import { decodeRecord, encodeRecord } from "../../core/mapping/index.ts"
import { inventoryLevel } from "../../core/model/index.ts"
import { inventoryMapping } from "./inventory.ts"
import { amazonDeContext, readRoundTrip, writeRoundTrip } from "./testing.ts"

const ctx = amazonDeContext()

describe("Amazon inventory mapping", () => {
  it.effect("reads an FBA summary as stock at FBA-EU: fulfillable is what may be sold, inbound is incoming", () =>
    Effect.gen(function* () {
      const summary = seedInventory.find((s) => s.sellerSku === "ALP-TEE-M-BLK")
      const level = yield* decodeRecord(inventoryMapping, ctx, summary, "ALP-TEE-M-BLK")
      expect(level).toEqual({
        sku: "ALP-TEE-M-BLK",
        locationCode: "FBA-EU",
        onHand: 45,
        reserved: 3,
        safetyStock: 0,
        incoming: 24,
        available: 42,
        updatedAt: "2026-02-11T16:02:45Z",
      })
    }),
  )

  it.effect("does not count unfulfillable units", () =>
    Effect.gen(function* () {
      const bottle = seedInventory.find((s) => s.sellerSku === "ALP-BOTTLE-075")
      const level = yield* decodeRecord(inventoryMapping, ctx, bottle, "ALP-BOTTLE-075")
      expect([level.onHand, level.available]).toEqual([62, 60])
    }),
  )

  it.effect("round-trips every seed summary", () =>
    Effect.gen(function* () {
      for (const raw of seedInventory) {
        const { canonical, again } = yield* readRoundTrip(inventoryMapping, ctx, raw)
        expect(again).toEqual(canonical)
      }
    }),
  )

  const warehouse = inventoryLevel({
    sku: "ALP-TRAIL-42",
    locationCode: "WH",
    onHand: 14,
    reserved: 2,
    safetyStock: 1,
    incoming: 0,
    updatedAt: "2026-03-01T08:00:00Z",
  })

  it.effect("writes the stock location's available quantity as the DEFAULT fulfillment availability", () =>
    Effect.gen(function* () {
      const { payload, again } = yield* writeRoundTrip(inventoryMapping, ctx, warehouse)
      expect(payload).toEqual({
        sku: "ALP-TRAIL-42",
        patches: [
          {
            op: "replace",
            path: "/attributes/fulfillment_availability",
            value: [{ fulfillment_channel_code: "DEFAULT", quantity: 11 }],
          },
        ],
      })
      expect([again.sku, again.locationCode, again.available]).toEqual(["ALP-TRAIL-42", "WH", 11])
    }),
  )

  it.effect("refuses stock of another location: Amazon counts FBA stock itself", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        encodeRecord(inventoryMapping, ctx, { ...warehouse, locationCode: "BER" }, "ALP-TRAIL-42@BER"),
      )
      expect(error.issues[0]?.path).toBe("$.locationCode")
    }),
  )
})
