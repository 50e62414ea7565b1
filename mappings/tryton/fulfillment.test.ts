import { describe, expect, it } from "vitest"
import shipments from "../../connectors/tryton/fixtures/fulfillments.json" with { type: "json" }
import { decode, decodeFailure, encodeRead } from "./testing.ts"

const [shipped] = shipments

describe("tryton fulfillment mapping (fixtures captured from Tryton 6.0)", () => {
  it("maps a done shipment to a fulfilment of the channel order named in the sale's reference", async () => {
    expect(await decode("fulfillment", shipped)).toEqual({
      channel: "shop",
      orderNumber: "1001",
      fulfillmentId: shipped?.number,
      lines: [{ sku: "TEE-M", quantity: 2 }],
      locationCode: "WH",
      status: "shipped",
      shippedAt: "2026-11-30T00:00:00Z",
      updatedAt: shipped?.changed_at,
    })
  })

  it("uses the system's channel and the sale number for a sale entered in Tryton", async () => {
    const raw = { ...shipped, sales: [{ id: 7, number: "SO-7", reference: null }] }
    expect(await decode("fulfillment", raw)).toMatchObject({ channel: "tryton", orderNumber: "SO-7" })
  })

  it("sends a shipment of no sale to the DLQ", async () => {
    expect((await decodeFailure("fulfillment", { ...shipped, sales: [] })).issues[0]?.path).toBe("$.sales")
  })

  it("maps back to a record that maps to the same fulfilment", async () => {
    const fulfillment = await decode("fulfillment", shipped)
    expect(await decode("fulfillment", await encodeRead("fulfillment", fulfillment))).toEqual(fulfillment)
  })
})
