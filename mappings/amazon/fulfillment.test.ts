import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { encodeRecord } from "../../core/mapping/index.ts"
import type { Fulfillment } from "../../core/model/index.ts"
import { fulfillmentMapping } from "./fulfillment.ts"
import { amazonDeContext, writeRoundTrip } from "./testing.ts"

const ctx = amazonDeContext()
const parcel: Fulfillment = {
  channel: "amazon",
  orderNumber: "028-7734190-5526315",
  fulfillmentId: "1",
  lines: [
    { sku: "ALP-HOOD-M-NVY", quantity: 1 },
    { sku: "ALP-BEANIE", quantity: 1 },
  ],
  carrier: "DHL",
  trackingNumber: "00340434161094042557",
  status: "shipped",
  shippedAt: "2026-02-21T14:00:00Z",
  updatedAt: "2026-02-21T14:00:00Z",
}

describe("Amazon fulfilment mapping", () => {
  it.effect("writes a shipped package as confirmShipment's package and reads it back", () =>
    Effect.gen(function* () {
      const { payload, again } = yield* writeRoundTrip(fulfillmentMapping, ctx, parcel)
      expect(payload).toEqual({
        amazonOrderId: "028-7734190-5526315",
        packageReferenceId: "1",
        carrierCode: "DHL",
        carrierName: "DHL",
        trackingNumber: "00340434161094042557",
        shipDate: "2026-02-21T14:00:00Z",
        lines: [
          { sku: "ALP-HOOD-M-NVY", quantity: 1 },
          { sku: "ALP-BEANIE", quantity: 1 },
        ],
      })
      expect(again).toEqual(parcel)
    }),
  )

  it.effect("confirms an ERP delivery named like WH/OUT/00042 under a stable numeric package reference", () =>
    Effect.gen(function* () {
      const named = { ...parcel, fulfillmentId: "WH/OUT/00042" }
      const first = (yield* encodeRecord(fulfillmentMapping, ctx, named, "x")) as { packageReferenceId: string }
      const again = (yield* encodeRecord(fulfillmentMapping, ctx, named, "x")) as { packageReferenceId: string }
      const other = (yield* encodeRecord(
        fulfillmentMapping,
        ctx,
        { ...named, fulfillmentId: "BER/OUT/00042" },
        "x",
      )) as {
        packageReferenceId: string
      }
      expect(first.packageReferenceId).toMatch(/^[1-9]\d*$/)
      expect(again.packageReferenceId).toBe(first.packageReferenceId)
      expect(other.packageReferenceId).not.toBe(first.packageReferenceId)
    }),
  )

  it.effect("refuses a package Amazon cannot take: no tracking number, another channel", () =>
    Effect.gen(function* () {
      const { trackingNumber: _, ...untracked } = parcel
      const error = yield* Effect.flip(
        encodeRecord(fulfillmentMapping, ctx, { ...untracked, fulfillmentId: "WH/OUT/00042", channel: "shopify" }, "x"),
      )
      expect(error.issues.map((i) => i.path).sort()).toEqual(["$.channel", "$.trackingNumber"])
    }),
  )
})
