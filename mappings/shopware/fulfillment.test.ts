import { describe, expect, it } from "vitest"
import type { Fulfillment } from "../../core/model/index.ts"
import { decodeWrite, encodeWrite, encodeWriteFailure } from "./testing.ts"

const shipped: Fulfillment = {
  channel: "shopware",
  orderNumber: "10001",
  fulfillmentId: "WH/OUT/00042",
  lines: [{ sku: "ALP-TEE-M-BLK", quantity: 2 }],
  trackingNumber: "00340434161094042557",
  status: "shipped",
  updatedAt: "2026-11-23T09:00:00Z",
}

describe("canonical Fulfillment → Shopware delivery update", () => {
  it("ships the delivery with the tracking code", async () => {
    expect(await encodeWrite("fulfillment", shipped)).toEqual({
      orderNumber: "10001",
      fulfillmentId: "WH/OUT/00042",
      lines: [{ sku: "ALP-TEE-M-BLK", quantity: 2 }],
      transition: "ship",
      trackingCodes: ["00340434161094042557"],
    })
  })

  it("cancels a cancelled fulfilment and moves nothing for a pending one", async () => {
    expect(await encodeWrite("fulfillment", { ...shipped, status: "cancelled" })).toEqual(
      expect.objectContaining({ transition: "cancel" }),
    )
    expect(await encodeWrite("fulfillment", { ...shipped, status: "pending" })).toEqual(
      expect.objectContaining({ transition: null }),
    )
  })

  it("refuses a fulfilment of another channel's order", async () => {
    expect(String(await encodeWriteFailure("fulfillment", { ...shipped, channel: "shopify" }))).toContain(
      "not shopware",
    )
  })

  it("round-trips: canonical → Shopware → canonical", async () => {
    const back = await decodeWrite("fulfillment", await encodeWrite("fulfillment", shipped))
    expect({ ...back, updatedAt: shipped.updatedAt }).toEqual(shipped)
  })
})
