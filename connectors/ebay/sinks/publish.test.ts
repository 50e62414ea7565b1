import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { WriteItem, WriteOutcome } from "../../../core/connector/index.ts"
import { ebayConnector } from "../connector.ts"
import type { ListingPayload, PricePayload, StockPayload } from "../schemas/payloads.ts"
import { ebaySystem, useEbaySandbox } from "../testing.ts"

const { sandbox } = useEbaySandbox()

const write = async <P>(sink: string, items: ReadonlyArray<WriteItem<P>>): Promise<ReadonlyArray<WriteOutcome>> => {
  const system = await ebaySystem({ publish: true })
  return Effect.runPromise(ebayConnector.sinks[sink]!.write(system.context, items))
}

const beanie: ListingPayload = {
  productNumber: "ALP-BEANIE",
  items: [
    {
      sku: "ALP-BEANIE",
      locale: "de_DE",
      condition: "NEW",
      product: { title: "Alpenglow Merino Beanie", description: "Merino", imageUrls: [] },
    },
  ],
}

describe("publishing offers (publish: true)", () => {
  it("publishes a new offer once it has a price and stock", async () => {
    await write("products", [{ naturalKey: "ALP-BEANIE", payload: beanie }])
    await write<PricePayload>("prices", [
      {
        naturalKey: "ALP-BEANIE|default|EUR|1",
        payload: { sku: "ALP-BEANIE", price: { value: "19.99", currency: "EUR" } },
      },
    ])
    const outcomes = await write<StockPayload>("inventory", [
      { naturalKey: "ALP-BEANIE@WH", payload: { sku: "ALP-BEANIE", locationCode: "WH", available: 12 } },
    ])
    expect(outcomes[0]).toMatchObject({ ok: true })
    const offer = [...sandbox.state.offers.values()].find((o) => o.sku === "ALP-BEANIE")
    expect(offer?.status).toBe("PUBLISHED")
    expect(offer?.listing?.listingId).toMatch(/^\d+$/)
  })

  it("fails the stock record with eBay's reasons when a variation group cannot go live", async () => {
    // The seed's ALP-TEE offers have no price, category, policies or location yet.
    const outcomes = await write<StockPayload>("inventory", [
      { naturalKey: "ALP-TEE-S-BLK@WH", payload: { sku: "ALP-TEE-S-BLK", locationCode: "WH", available: 4 } },
    ])
    const reason = outcomes[0]?.ok === false ? outcomes[0].error.reason : "published"
    expect(reason).toContain("eBay error 25003: Invalid price")
    expect(reason).toContain("eBay error 25005")
    expect(sandbox.state.items.get("ALP-TEE-S-BLK")?.availability?.shipToLocationAvailability?.quantity).toBe(4)
    expect(sandbox.state.offers.get("9000000102")?.status).toBe("UNPUBLISHED")
  })
})
