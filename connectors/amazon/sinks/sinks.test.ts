import { describe, expect, it } from "vitest"
import type { WriteItem } from "../../../core/connector/index.ts"
import type { ListingPatchPayload } from "../schemas/feeds.ts"
import { amazonSystem, run, useAmazonSandbox } from "../testing.ts"
import { inventorySink, pricesSink } from "./listings.ts"
import { type ShipmentPayload, shipmentsSink } from "./shipments.ts"

const DE = "A1PA6795UKMFR9"

const pricePatch = (
  sku: string,
  price: number,
  extra: Record<string, unknown> = {},
): WriteItem<ListingPatchPayload> => ({
  naturalKey: `${sku}|default|EUR|1`,
  externalId: sku,
  payload: {
    sku,
    patches: [
      {
        op: "replace",
        path: "/attributes/purchasable_offer",
        value: [
          { marketplace_id: DE, currency: "EUR", our_price: [{ schedule: [{ value_with_tax: price }] }], ...extra },
        ],
      },
    ],
  },
})

const stockPatch = (sku: string, quantity: number): WriteItem<ListingPatchPayload> => ({
  naturalKey: `${sku}@WH`,
  payload: {
    sku,
    patches: [
      {
        op: "replace",
        path: "/attributes/fulfillment_availability",
        value: [{ fulfillment_channel_code: "DEFAULT", quantity }],
      },
    ],
  },
})

describe("listings sinks: one JSON_LISTINGS_FEED per batch", () => {
  const { sandbox } = useAmazonSandbox()

  it("writes batches of up to 25,000 messages, the most one feed carries", () => {
    expect(pricesSink.maxBatchSize).toBe(25_000)
    expect(inventorySink.maxBatchSize).toBe(25_000)
  })

  it("uploads the feed, polls it to DONE and reads each message's outcome from the processing report", async () => {
    const system = await amazonSystem()
    const outcomes = await run(
      pricesSink.write(system.context, [
        pricePatch("ALP-HOOD-M-NVY", 84.9),
        pricePatch("ALP-NO-LISTING", 10),
        pricePatch("ALP-BEANIE", 17.99),
      ]),
    )
    expect(outcomes.map((o) => [o.naturalKey, o.ok])).toEqual([
      ["ALP-HOOD-M-NVY|default|EUR|1", true],
      ["ALP-NO-LISTING|default|EUR|1", false],
      ["ALP-BEANIE|default|EUR|1", true],
    ])
    const failed = outcomes[1]
    expect(failed?.ok === false && failed.error.reason).toBe(
      `The SKU 'ALP-NO-LISTING' has no listing in marketplace ${DE}; PATCH changes existing listings only.`,
    )
    expect(sandbox.state.listings.get("ALP-HOOD-M-NVY")?.price).toBe(84.9)
    expect(sandbox.state.listings.get("ALP-BEANIE")?.price).toBe(17.99)
    const calls = sandbox.state.calls
    expect(calls.filter((c) => c === "createFeedDocument" || c === "createFeed")).toEqual([
      "createFeedDocument",
      "createFeed",
    ])
    expect(calls.filter((c) => c === "getFeed").length).toBeGreaterThanOrEqual(3)
    const [feed] = [...sandbox.state.feeds.values()]
    expect(feed?.processingStatus).toBe("DONE")
  })

  it("fails a message the listings feed schema refuses (an unknown field) with the attribute's path, the rest go on", async () => {
    const system = await amazonSystem()
    const outcomes = await run(
      pricesSink.write(system.context, [
        pricePatch("ALP-TRAIL-42", 119.9, { our_prize: "typo" }),
        pricePatch("ALP-TRAIL-43", 119.9),
      ]),
    )
    const [bad, good] = outcomes
    expect(good?.ok).toBe(true)
    expect(bad?.ok).toBe(false)
    if (bad?.ok === false) {
      expect(bad.error.path).toBe("$.attributes.purchasable_offer")
      expect(bad.error.reason).toContain("our_prize")
    }
    expect(sandbox.state.listings.get("ALP-TRAIL-42")?.price).toBe(134.9)
    expect(sandbox.state.listings.get("ALP-TRAIL-43")?.price).toBe(119.9)
  })

  it("sets the seller-fulfilled quantity of listings", async () => {
    const system = await amazonSystem()
    const outcomes = await run(
      inventorySink.write(system.context, [stockPatch("ALP-TRAIL-44", 9), stockPatch("ALP-BEANIE", 0)]),
    )
    expect(outcomes.every((o) => o.ok)).toBe(true)
    expect(sandbox.state.listings.get("ALP-TRAIL-44")?.quantity).toBe(9)
    expect(sandbox.state.listings.get("ALP-BEANIE")?.quantity).toBe(0)
  })

  it("links records to listings by SKU, 20 SKUs a search", async () => {
    const system = await amazonSystem()
    const keys = [
      ...[...sandbox.state.listings.keys()].map((sku) => `${sku}@WH`),
      ...Array.from({ length: 12 }, (_, i) => `ALP-UNLISTED-${i}@WH`),
    ]
    const found = await run(inventorySink.lookup(system.context, keys))
    expect(found.size).toBe(11)
    expect(found.get("ALP-TEE-S-BLK@WH")).toBe("ALP-TEE-S-BLK@DEFAULT")
    expect(sandbox.state.calls.filter((c) => c === "searchListingsItems")).toHaveLength(2)
  })
})

const shipment = (amazonOrderId: string, lines: ShipmentPayload["lines"]): WriteItem<ShipmentPayload> => ({
  naturalKey: `amazon:${amazonOrderId}:1`,
  payload: {
    amazonOrderId,
    packageReferenceId: "1",
    carrierCode: "DHL",
    carrierName: "DHL",
    trackingNumber: "00340434161094042557",
    shipDate: "2026-02-21T14:00:00Z",
    lines,
  },
})

describe("shipments sink: confirmShipment", () => {
  const { sandbox } = useAmazonSandbox()

  it("confirms a seller-fulfilled order's package with Amazon's order item ids", async () => {
    const system = await amazonSystem()
    const [outcome] = await run(
      shipmentsSink.write(system.context, [
        shipment("028-7734190-5526315", [
          { sku: "ALP-HOOD-M-NVY", quantity: 1 },
          { sku: "ALP-BEANIE", quantity: 1 },
        ]),
      ]),
    )
    expect(outcome).toEqual({
      naturalKey: "amazon:028-7734190-5526315:1",
      ok: true,
      externalId: "028-7734190-5526315:1",
      action: "created",
    })
    expect(sandbox.state.orders.get("028-7734190-5526315")?.order.OrderStatus).toBe("Shipped")
    const linked = await run(
      shipmentsSink.lookup(system.context, ["amazon:028-7734190-5526315:1", "amazon:304-1189362-8830720:1"]),
    )
    expect([...linked.keys()]).toEqual(["amazon:028-7734190-5526315:1"])
  })

  it("rejects a package of an FBA order with Amazon's message, and a line whose SKU is not in the order", async () => {
    const system = await amazonSystem()
    const outcomes = await run(
      shipmentsSink.write(system.context, [
        shipment("302-4518273-6102741", [{ sku: "ALP-TEE-M-BLK", quantity: 2 }]),
        shipment("304-1189362-8830720", [{ sku: "ALP-TRAIL-42", quantity: 1 }]),
      ]),
    )
    const [fba, wrongSku] = outcomes
    expect(fba?.ok === false && fba.error.reason).toBe(
      "The order 302-4518273-6102741 is fulfilled by Amazon; shipments can only be confirmed for seller-fulfilled orders (InvalidInput)",
    )
    expect(wrongSku?.ok === false && wrongSku.error.path).toBe("$.lines[0].sku")
    expect(sandbox.state.orders.get("304-1189362-8830720")?.order.OrderStatus).toBe("Unshipped")
  })
})
