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

  it.effect("refuses a package Amazon cannot take: no tracking number, a non-numeric reference, another channel", () =>
    Effect.gen(function* () {
      const { trackingNumber: _, ...untracked } = parcel
      const error = yield* Effect.flip(
        encodeRecord(fulfillmentMapping, ctx, { ...untracked, fulfillmentId: "WH/OUT/00042", channel: "shopify" }, "x"),
      )
      expect(error.issues.map((i) => i.path).sort()).toEqual(["$.channel", "$.fulfillmentId", "$.trackingNumber"])
    }),
  )
})
