import { describe, expect, it } from "vitest"
import listPrices from "../../connectors/odoo/fixtures/list-prices.json" with { type: "json" }
import pricelistPrices from "../../connectors/odoo/fixtures/pricelist-prices.json" with { type: "json" }
import { decode, decodeFailure, encodeRead } from "./testing.ts"

describe("odoo price mapping", () => {
  it("maps a variant's sales price to the default price list, in minor units, gross as its taxes say", async () => {
    expect(await decode("price", listPrices[0])).toEqual({
      sku: "ALP-TEE-M-BLK",
      priceList: "default",
      currency: "EUR",
      minQuantity: 1,
      amount: { amount: 2995, currency: "EUR" },
      taxIncluded: true,
      updatedAt: "2026-02-10T08:00:00Z",
    })
  })

  it("maps B2B fixed prices with their quantity tiers to the pricelist's price list", async () => {
    const prices = await Promise.all(pricelistPrices.map((raw) => decode("price", raw)))
    expect(prices.map((p) => [p.sku, p.priceList, p.minQuantity, p.amount.amount])).toEqual([
      ["ALP-TEE-M-BLK", "B2B Wholesale", 1, 1750],
      ["ALP-TEE-M-BLK", "B2B Wholesale", 10, 1590],
      ["ALP-BOTTLE-075", "B2B Wholesale", 1, 1420],
      ["ALP-BOTTLE-075", "B2B Wholesale", 10, 1290],
      ["ALP-TRAIL-42", "B2B Wholesale", 1, 7900],
    ])
    expect(prices[4]).toMatchObject({ validFrom: "2026-03-31T22:00:00Z", validTo: "2026-06-30T21:59:59Z" })
  })

  it("converts amounts by the currency's digits, never by float arithmetic", async () => {
    const [raw] = listPrices
    const price = (lst_price: number, currency: string) =>
      decode("price", { ...raw, lst_price, currency_id: [7, currency] })
    expect((await price(0.1 + 0.2, "EUR")).amount).toEqual({ amount: 30, currency: "EUR" })
    expect((await price(3500, "JPY")).amount).toEqual({ amount: 3500, currency: "JPY" })
    expect((await price(12.345, "KWD")).amount).toEqual({ amount: 12345, currency: "KWD" })
  })

  it("reads validity dates Odoo 15 kept as dates", async () => {
    const old = { ...pricelistPrices[4], date_start: "2026-04-01", date_end: "2026-06-30" }
    expect(await decode("price", old)).toMatchObject({
      validFrom: "2026-04-01T00:00:00Z",
      validTo: "2026-06-30T00:00:00Z",
    })
  })

  it.each([...listPrices, ...pricelistPrices].map((raw) => [raw.default_code, raw] as const))(
    "maps the price of %s back to a record that maps to the same price",
    async (_sku, raw) => {
      const price = await decode("price", raw)
      expect(await decode("price", await encodeRead("price", price))).toEqual(price)
    },
  )

  it("sends a price of a variant without SKU to the DLQ", async () => {
    const error = await decodeFailure("price", { ...listPrices[0], default_code: false })
    expect(error.issues.map((i) => i.path)).toEqual(["$.default_code"])
  })
})
