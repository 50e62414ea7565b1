import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { WriteItem, WriteOutcome } from "../../../core/connector/index.ts"
import { ebayConnector } from "../connector.ts"
import type { ListingPayload, PricePayload, ShipmentPayload, StockPayload } from "../schemas/payloads.ts"
import { ebaySystem, useEbaySandbox } from "../testing.ts"

const { sandbox } = useEbaySandbox()

const write = async <P>(sink: string, items: ReadonlyArray<WriteItem<P>>): Promise<ReadonlyArray<WriteOutcome>> => {
  const system = await ebaySystem()
  return Effect.runPromise(ebayConnector.sinks[sink]!.write(system.context, items))
}
const lookup = async (sink: string, keys: ReadonlyArray<string>) => {
  const system = await ebaySystem()
  return Effect.runPromise(ebayConnector.sinks[sink]!.lookup(system.context, keys))
}
const reasonOf = (outcome: WriteOutcome | undefined) =>
  outcome !== undefined && !outcome.ok ? outcome.error.reason : "ok"
const calls = (operation: string) => sandbox.state.stats.calls.get(operation) ?? 0

const item = (sku: string, extra: Partial<ListingPayload["items"][0]["product"]> = {}): ListingPayload["items"][0] => ({
  sku,
  locale: "de_DE",
  condition: "NEW",
  product: {
    title: `Alpenglow ${sku}`,
    description: "Beschreibung",
    aspects: { Größe: [sku.split("-")[2] ?? "M"] },
    imageUrls: [],
    ...extra,
  },
})
const eur = (value: string) => ({ value, currency: "EUR" })

describe("products sink", () => {
  it("creates inventory items, the variation group and an offer per SKU, keeping offers eBay already has", async () => {
    const tee: ListingPayload = {
      productNumber: "ALP-TEE",
      items: [item("ALP-TEE-S-BLK"), item("ALP-TEE-M-BLK"), item("ALP-TEE-L-BLK")],
      group: {
        inventoryItemGroupKey: "ALP-TEE",
        title: "Alpenglow Bio-Baumwoll T-Shirt",
        description: "Regular Fit",
        imageUrls: [],
        variantSKUs: ["ALP-TEE-S-BLK", "ALP-TEE-M-BLK", "ALP-TEE-L-BLK"],
        variesBy: { specifications: [{ name: "Größe", values: ["S", "M", "L"] }] },
      },
    }
    const outcomes = await write("products", [{ naturalKey: "ALP-TEE", externalId: "ALP-TEE", payload: tee }])
    expect(outcomes).toEqual([{ naturalKey: "ALP-TEE", ok: true, externalId: "ALP-TEE", action: "updated" }])
    expect(sandbox.state.groups.get("ALP-TEE")?.variantSKUs).toEqual([
      "ALP-TEE-S-BLK",
      "ALP-TEE-M-BLK",
      "ALP-TEE-L-BLK",
    ])
    expect(sandbox.state.items.get("ALP-TEE-L-BLK")?.inventoryItemGroupKeys).toEqual(["ALP-TEE"])
    const offers = [...sandbox.state.offers.values()].filter((o) => o.sku.startsWith("ALP-TEE"))
    expect(offers.map((o) => o.sku).sort()).toEqual(["ALP-TEE-L-BLK", "ALP-TEE-M-BLK", "ALP-TEE-S-BLK"])
    expect(offers.find((o) => o.sku === "ALP-TEE-L-BLK")).toMatchObject({
      marketplaceId: "EBAY_DE",
      format: "FIXED_PRICE",
      categoryId: "15687",
      merchantLocationKey: "WH",
      status: "UNPUBLISHED",
    })
  })

  it("fails only the product eBay rejects, with eBay's message and field, and writes the rest", async () => {
    const outcomes = await write<ListingPayload>("products", [
      { naturalKey: "ALP-BEANIE", payload: { productNumber: "ALP-BEANIE", items: [item("ALP-BEANIE")] } },
      {
        naturalKey: "ALP-TRAIL",
        payload: { productNumber: "ALP-TRAIL", items: [item("ALP-TRAIL-42", { ean: ["40063814000301"] })] },
      },
    ])
    expect(outcomes[0]).toEqual({ naturalKey: "ALP-BEANIE", ok: true, externalId: "ALP-BEANIE", action: "created" })
    expect(reasonOf(outcomes[1])).toContain("eBay error 25709: Invalid value for product.ean")
    expect(outcomes[1]?.ok === false ? outcomes[1].error.path : "").toBe("$.product.ean")
    expect(sandbox.state.items.has("ALP-TRAIL-42")).toBe(false)
  })

  it("sends at most 25 inventory items and 25 offers per call", async () => {
    const skus = Array.from({ length: 30 }, (_, i) => `ALP-SOCK-${String(i + 1).padStart(2, "0")}`)
    const outcomes = await write<ListingPayload>("products", [
      {
        naturalKey: "ALP-SOCK",
        payload: {
          productNumber: "ALP-SOCK",
          items: [item(skus[0]!), ...skus.slice(1).map((s) => item(s))],
          group: {
            title: "Alpenglow Socken",
            description: "Merino",
            imageUrls: [],
            variantSKUs: skus,
            variesBy: { specifications: [{ name: "Größe", values: skus }] },
          },
        },
      },
    ])
    expect(outcomes[0]?.ok).toBe(true)
    expect(calls("bulkCreateOrReplaceInventoryItem")).toBe(2)
    expect(calls("bulkCreateOffer")).toBe(2)
    expect(skus.every((s) => sandbox.state.items.has(s))).toBe(true)
  })

  it("links a group or single-variant listing eBay already has by product number", async () => {
    const found = await lookup("products", ["ALP-TEE", "ALP-BOTTLE-075", "ALP-HOOD"])
    expect([...found]).toEqual([
      ["ALP-TEE", "ALP-TEE"],
      ["ALP-BOTTLE-075", "ALP-BOTTLE-075"],
    ])
  })
})

describe("prices sink", () => {
  it("updates offer prices in one bulkUpdatePriceQuantity call; a 207 fails only the offer eBay rejects", async () => {
    const outcomes = await write<PricePayload>("prices", [
      { naturalKey: "ALP-BOTTLE-075|default|EUR|1", payload: { sku: "ALP-BOTTLE-075", price: eur("26.95") } },
      {
        naturalKey: "ALP-TEE-S-BLK|default|EUR|1",
        externalId: "9000000999",
        payload: { sku: "ALP-TEE-S-BLK", price: eur("29.95") },
      },
      { naturalKey: "ALP-TEE-M-BLK|default|EUR|1", payload: { sku: "ALP-TEE-M-BLK", price: eur("29.95") } },
    ])
    expect(outcomes[0]).toEqual({
      naturalKey: "ALP-BOTTLE-075|default|EUR|1",
      ok: true,
      externalId: "9000000101",
      action: "updated",
    })
    expect(reasonOf(outcomes[1])).toBe("eBay error 25713: This Offer is not available. [offerId=9000000999]")
    expect(outcomes[2]).toMatchObject({ ok: true, externalId: "9000000103" })
    expect(calls("bulkUpdatePriceQuantity")).toBe(1)
    expect(sandbox.state.offers.get("9000000101")?.pricingSummary?.price).toEqual(eur("26.95"))
    expect(sandbox.state.offers.get("9000000103")?.pricingSummary?.price).toEqual(eur("29.95"))
  })

  it("rejects a price for a SKU without an offer on the marketplace, sending nothing for it", async () => {
    const outcomes = await write<PricePayload>("prices", [
      { naturalKey: "ALP-BEANIE|default|EUR|1", payload: { sku: "ALP-BEANIE", price: eur("19.99") } },
    ])
    expect(reasonOf(outcomes[0])).toContain("has no offer on EBAY_DE")
    expect(calls("bulkUpdatePriceQuantity")).toBe(0)
  })

  it("writes at most 25 SKUs at a time", () => {
    expect(ebayConnector.sinks.prices?.maxBatchSize).toBe(25)
    expect(ebayConnector.sinks.inventory?.maxBatchSize).toBe(25)
  })
})

describe("inventory sink", () => {
  it("sums the configured locations into the ship-to-home quantity, one call per batch", async () => {
    const outcomes = await write<StockPayload>("inventory", [
      { naturalKey: "ALP-BOTTLE-075@BER", payload: { sku: "ALP-BOTTLE-075", locationCode: "BER", available: 12 } },
      { naturalKey: "ALP-TEE-S-BLK@WH", payload: { sku: "ALP-TEE-S-BLK", locationCode: "WH", available: 7 } },
      { naturalKey: "ALP-TEE-S-BLK@BER", payload: { sku: "ALP-TEE-S-BLK", locationCode: "BER", available: 3 } },
    ])
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true])
    expect(calls("bulkUpdatePriceQuantity")).toBe(1)
    expect(sandbox.state.items.get("ALP-BOTTLE-075")?.availability?.shipToLocationAvailability).toEqual({
      quantity: 52,
      availabilityDistributions: [
        { merchantLocationKey: "WH", quantity: 40 },
        { merchantLocationKey: "BER", quantity: 12 },
      ],
    })
    expect(sandbox.state.items.get("ALP-TEE-S-BLK")?.availability?.shipToLocationAvailability?.quantity).toBe(10)
  })

  it("fails a SKU eBay does not have with eBay's message, and a location not configured", async () => {
    const outcomes = await write<StockPayload>("inventory", [
      { naturalKey: "ALP-NOPE@WH", payload: { sku: "ALP-NOPE", locationCode: "WH", available: 1 } },
      { naturalKey: "ALP-BOTTLE-075@VIE", payload: { sku: "ALP-BOTTLE-075", locationCode: "VIE", available: 1 } },
    ])
    expect(reasonOf(outcomes[0])).toBe("eBay error 25702: SKU ALP-NOPE is not available in the system [sku=ALP-NOPE]")
    expect(reasonOf(outcomes[1])).toContain("location VIE is not one of the eBay locations")
  })
})

describe("fulfillments sink", () => {
  const shipment: ShipmentPayload = {
    orderId: "14-11234-56789",
    fulfillmentId: "WH-OUT-00412",
    lines: [{ sku: "ALP-BOTTLE-075", quantity: 2 }],
    shippedDate: "2026-03-03T15:20:00.000Z",
    shippingCarrierCode: "DHL",
    trackingNumber: "00340434161094042557",
  }

  it("creates a shipping fulfillment with eBay's line item ids and marks the order fulfilled", async () => {
    const outcomes = await write("fulfillments", [
      { naturalKey: "ebay:14-11234-56789:WH-OUT-00412", payload: shipment },
    ])
    expect(outcomes).toEqual([
      {
        naturalKey: "ebay:14-11234-56789:WH-OUT-00412",
        ok: true,
        externalId: "00340434161094042557",
        action: "created",
      },
    ])
    expect(sandbox.state.fulfillments.get("14-11234-56789")?.[0]?.lineItems).toEqual([
      { lineItemId: "10061234567801", quantity: 2 },
    ])
    expect(sandbox.state.orders.get("14-11234-56789")?.orderFulfillmentStatus).toBe("FULFILLED")
  })

  it("does not send a shipment twice when eBay already has its tracking number", async () => {
    await write("fulfillments", [{ naturalKey: "k", payload: shipment }])
    const again = await write("fulfillments", [{ naturalKey: "k", payload: shipment }])
    expect(again[0]).toMatchObject({ ok: true, action: "updated", externalId: "00340434161094042557" })
    expect(sandbox.state.fulfillments.get("14-11234-56789")).toHaveLength(1)
  })

  it("does not hand over a pickup order twice when a retry carries no tracking number", async () => {
    const handOver: ShipmentPayload = {
      orderId: "14-11237-80921",
      fulfillmentId: "BER-PICK-7",
      lines: [{ sku: "ALP-BEANIE", quantity: 1 }],
    }
    const first = await write("fulfillments", [{ naturalKey: "p", payload: handOver }])
    const again = await write("fulfillments", [{ naturalKey: "p", payload: handOver }])
    expect(first[0]).toMatchObject({ ok: true, action: "created" })
    expect(again[0]).toMatchObject({ ok: true, action: "updated", externalId: first[0]?.ok ? first[0].externalId : "" })
    expect(sandbox.state.fulfillments.get("14-11237-80921")).toHaveLength(1)
  })

  it("rejects a shipment of an unknown order with eBay's error and one with a SKU the order lacks", async () => {
    const outcomes = await write<ShipmentPayload>("fulfillments", [
      { naturalKey: "a", payload: { ...shipment, orderId: "14-00000-00000" } },
      { naturalKey: "b", payload: { ...shipment, lines: [{ sku: "ALP-BEANIE", quantity: 1 }] } },
    ])
    expect(reasonOf(outcomes[0])).toBe("eBay error 32100: Invalid order ID: 14-00000-00000")
    expect(reasonOf(outcomes[1])).toContain("has no line with SKU ALP-BEANIE")
  })
})
