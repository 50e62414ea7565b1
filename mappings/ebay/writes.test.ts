import { Effect, Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { MappingContext } from "../../core/mapping/index.ts"
import { fulfillmentMapping } from "./fulfillment.ts"
import { inventoryMapping } from "./inventory.ts"
import { priceMapping } from "./price.ts"
import { ebayContext } from "./testing.ts"

const ctx = ebayContext()
const rightOf = <A>(either: Either.Either<A, unknown>): A | string =>
  Either.isRight(either) ? either.right : `failed: ${String(either.left)}`
const run = <A>(effect: Effect.Effect<A, unknown, MappingContext>) =>
  Effect.runPromise(Effect.either(effect.pipe(Effect.provideService(MappingContext, ctx))))

describe("canonical price → eBay offer price", () => {
  const price = {
    sku: "ALP-TRAIL-43",
    priceList: "default",
    currency: "EUR",
    minQuantity: 1,
    amount: { amount: 12900, currency: "EUR" },
    taxIncluded: true,
    updatedAt: "2026-02-10T08:00:00Z",
  }

  it("round-trips a gross EUR price as eBay's decimal Amount", async () => {
    const encoded = await run(Schema.encode(priceMapping.write!)(price))
    expect(rightOf(encoded)).toEqual({ sku: "ALP-TRAIL-43", price: { value: "129.00", currency: "EUR" } })
    const back = await run(Schema.decodeUnknown(priceMapping.write!)(encoded._tag === "Right" ? encoded.right : {}))
    expect(back._tag === "Right" ? { ...back.right, updatedAt: price.updatedAt } : back).toEqual(price)
  })

  it("refuses a net price and another currency for EBAY_DE", async () => {
    const net = await run(Schema.encode(priceMapping.write!)({ ...price, taxIncluded: false }))
    expect(net._tag === "Left" ? String(net.left) : "").toContain("include VAT")
    const chf = await run(
      Schema.encode(priceMapping.write!)({ ...price, currency: "CHF", amount: { amount: 100, currency: "CHF" } }),
    )
    expect(chf._tag === "Left" ? String(chf.left) : "").toContain("sells in EUR")
  })
})

describe("canonical stock → eBay available quantity", () => {
  it("sends what may be sold, never the reserved units, and reads it back", async () => {
    const level = {
      sku: "ALP-TEE-M-BLK",
      locationCode: "WH",
      onHand: 43,
      reserved: 3,
      safetyStock: 2,
      incoming: 0,
      available: 38,
      updatedAt: "2026-03-01T06:00:00Z",
    }
    const encoded = await run(Schema.encode(inventoryMapping.write!)(level))
    expect(rightOf(encoded)).toEqual({ sku: "ALP-TEE-M-BLK", locationCode: "WH", available: 38 })
    const back = await run(
      Schema.decodeUnknown(inventoryMapping.write!)({ sku: "ALP-TEE-M-BLK", locationCode: "WH", available: 38 }),
    )
    expect(back._tag === "Right" ? [back.right.sku, back.right.locationCode, back.right.available] : back).toEqual([
      "ALP-TEE-M-BLK",
      "WH",
      38,
    ])
  })
})

describe("canonical fulfilment → eBay shipping fulfillment", () => {
  const shipment = {
    channel: "ebay",
    orderNumber: "14-11234-56789",
    fulfillmentId: "WH-OUT-00412",
    lines: [{ sku: "ALP-BOTTLE-075", quantity: 2 }] as const,
    carrier: "DHL",
    trackingNumber: "00340434161094042557",
    status: "shipped" as const,
    shippedAt: "2026-03-03T15:20:00Z",
    updatedAt: "2026-03-03T15:20:00Z",
  }

  it("round-trips a shipment with carrier code, tracking number and shipped date", async () => {
    const encoded = await run(Schema.encode(fulfillmentMapping.write!)(shipment))
    expect(rightOf(encoded)).toEqual({
      orderId: "14-11234-56789",
      fulfillmentId: "WH-OUT-00412",
      lines: [{ sku: "ALP-BOTTLE-075", quantity: 2 }],
      shippedDate: "2026-03-03T15:20:00Z",
      shippingCarrierCode: "DHL",
      trackingNumber: "00340434161094042557",
    })
    const back = await run(
      Schema.decodeUnknown(fulfillmentMapping.write!)(encoded._tag === "Right" ? encoded.right : {}),
    )
    expect(back._tag === "Right" ? { ...back.right, updatedAt: shipment.updatedAt } : back).toEqual(shipment)
  })

  it("refuses another channel's shipment and one not yet shipped", async () => {
    const other = await run(Schema.encode(fulfillmentMapping.write!)({ ...shipment, channel: "shopify" }))
    expect(other._tag === "Left" ? String(other.left) : "").toContain("only ebay orders")
    const pending = await run(Schema.encode(fulfillmentMapping.write!)({ ...shipment, status: "pending" as const }))
    expect(pending._tag).toBe("Left")
  })
})
