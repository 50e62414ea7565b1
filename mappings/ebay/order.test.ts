import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { seedOrders } from "../../connectors/ebay/fixtures/orders.ts"
import { decodeRecord, MappingContext } from "../../core/mapping/index.ts"
import { orderMapping } from "./order.ts"
import { ebayContext } from "./testing.ts"

const ctx = ebayContext()
const fixture = (orderId: string) => {
  const order = seedOrders.find((o) => o.orderId === orderId)
  if (order === undefined) throw new Error(`no seed order ${orderId}`)
  return order
}
const decode = (raw: unknown) => Effect.runPromise(decodeRecord(orderMapping, ctx, raw, "fixture"))
const decodeEither = (raw: unknown) => Effect.runPromise(Effect.either(decodeRecord(orderMapping, ctx, raw, "fixture")))
const encode = (order: unknown) =>
  Effect.runPromise(Schema.encodeUnknown(orderMapping.read!)(order).pipe(Effect.provideService(MappingContext, ctx)))

describe("eBay order ⇄ canonical order", () => {
  it.each(seedOrders.map((o) => o.orderId))(
    "round-trips seed order %s: eBay → canonical → eBay → the same canonical",
    async (id) => {
      const canonical = await decode(fixture(id))
      const again = await decode(await encode(canonical))
      expect(again).toEqual(canonical)
    },
  )

  it("maps a single-line order with its delivery cost, buyer and shipping address", async () => {
    const order = await decode(fixture("14-11234-56789"))
    expect(order).toMatchObject({
      channel: "ebay",
      orderNumber: "14-11234-56789",
      customer: { email: "lena.hoffmann@example.de" },
      currency: "EUR",
      taxesIncluded: true,
      lines: [
        { lineId: "10061234567801", sku: "ALP-BOTTLE-075", quantity: 2, unitPrice: { amount: 2495, currency: "EUR" } },
      ],
      shippingLines: [{ title: "DE_DHLPaket", code: "DE_DHLPaket", amount: { amount: 495, currency: "EUR" } }],
      totals: { subtotal: { amount: 4990 }, shippingTotal: { amount: 495 }, grandTotal: { amount: 5485 } },
      paymentStatus: "paid",
      payments: [{ gateway: "ebay", status: "captured", reference: "5RT23421YH2830211" }],
      fulfillmentMethod: { kind: "ship" },
      shippingAddress: {
        firstName: "Lena",
        lastName: "Hoffmann",
        line1: "Eppendorfer Weg 212",
        postalCode: "20251",
        city: "Hamburg",
        countryCode: "DE",
      },
      status: "confirmed",
    })
  })

  it("keeps both lines of a multi-line order and the promotion as the hoodie's discount", async () => {
    const order = await decode(fixture("14-11235-61234"))
    expect(order.lines.map((l) => [l.sku, l.unitPrice.amount, l.discounts.map((d) => d.amount.amount)])).toEqual([
      ["ALP-TEE-M-BLK", 2995, []],
      ["ALP-HOOD-L-NVY", 6900, [500]],
    ])
    expect(order.totals.grandTotal.amount).toBe(9395)
    expect(order.shippingLines).toEqual([])
    expect(order.note).toBe("Bitte beim Nachbarn Tür 15 abgeben.")
  })

  it("marks taxes eBay collects and remits in the tax line's title", async () => {
    const order = await decode(fixture("14-11236-70456"))
    expect(order.lines[0].taxLines).toEqual([
      { title: "eBay collect and remit VAT", rate: 0.19, amount: { amount: 2060, currency: "EUR" } },
    ])
    expect(order.totals.taxTotal.amount).toBe(2060)
    // VAT is in the item price on EBAY_DE, so it is not added on top.
    expect(order.totals.grandTotal.amount).toBe(13890)
    const back = await encode(order)
    expect(back.ebayCollectAndRemitTax).toBe(true)
    expect(back.lineItems[0]?.ebayCollectAndRemitTaxes).toEqual([
      { amount: { value: "20.60", currency: "EUR" }, taxType: "VAT" },
    ])
  })

  it("makes an In-Store Pickup order click & collect at the store's location code", async () => {
    const order = await decode(fixture("14-11237-80921"))
    expect(order.fulfillmentMethod).toEqual({ kind: "pickup", locationCode: "BER" })
    expect(order.shippingAddress).toBeUndefined()
    const mapped = await decode({
      ...fixture("14-11237-80921"),
      fulfillmentStartInstructions: [
        { fulfillmentInstructionsType: "PREPARE_FOR_PICKUP", pickupStep: { merchantLocationKey: "BER-STORE" } },
      ],
    })
    expect(mapped.fulfillmentMethod).toEqual({ kind: "pickup", locationCode: "BER" })
  })

  it("refuses an order whose pricing summary does not add up, naming the field", async () => {
    const raw = fixture("14-11234-56789")
    const result = await decodeEither({
      ...raw,
      pricingSummary: { ...raw.pricingSummary, total: { value: "60.00", currency: "EUR" } },
    })
    expect(result._tag).toBe("Left")
    if (result._tag === "Left") {
      expect(result.left.message).toContain("pricingSummary")
      expect(result.left.message).toContain("54.85")
    }
  })

  it("refuses a line item without a SKU", async () => {
    const raw = fixture("14-11234-56789")
    const [line] = raw.lineItems
    const { sku: _sku, ...withoutSku } = line!
    const result = await decodeEither({ ...raw, lineItems: [withoutSku] })
    expect(result._tag === "Left" ? result.left.message : "").toContain("SKU")
  })
})
