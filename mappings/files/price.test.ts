import { describe, expect, it } from "vitest"
import { encodeText } from "../../connectors/files/format/encoding.ts"
import { fixtureRecords } from "../../connectors/files/testing.ts"
import type { Price } from "../../core/model/index.ts"
import { context, decode, decodeFailure, encode } from "./testing.ts"

const FILE = "preise-20261102-0600.csv"
const HEADER = "Artikelnummer;Bezeichnung;VK brutto;Streichpreis;Währung;Preisliste;ab Menge;Geändert am"

const pricesOf = (text: string) => fixtureRecords("prices", FILE, encodeText(text, "latin1"))

describe("price ⇄ a row of a German ERP's price export (Windows-1252, `;`, decimal comma)", () => {
  it("reads gross list prices with compare-at prices and B2B tiers, dates in Berlin time", async () => {
    const records = fixtureRecords("prices", FILE)
    expect(records).toHaveLength(13)
    const prices = await Promise.all(records.map((r) => decode("price", r)))
    expect(prices[0]).toEqual({
      sku: "ALP-TEE-S-BLK",
      priceList: "default",
      currency: "EUR",
      minQuantity: 1,
      amount: { amount: 2990, currency: "EUR" },
      compareAtAmount: { amount: 3490, currency: "EUR" },
      taxIncluded: true,
      updatedAt: "2026-11-02T05:00:00Z",
    } satisfies Price)
    expect(prices.find((p) => p.sku === "ALP-BOTTLE-075")?.amount.amount).toBe(2495)
    expect(prices.filter((p) => p.priceList === "B2B").map((p) => [p.sku, p.minQuantity, p.amount.amount])).toEqual([
      ["ALP-TEE-S-BLK", 10, 2250],
      ["ALP-TEE-M-BLK", 10, 2250],
    ])
  })

  it("reads thousands separators and defaults the currency, price list and quantity", async () => {
    const [record] = fixtureRecords(
      "prices",
      FILE,
      encodeText("Artikelnummer;VK brutto\r\nALP-TRAIL-42;1.149,00\r\n", "latin1"),
    )
    const price = await decode("price", record)
    expect(price).toMatchObject({ sku: "ALP-TRAIL-42", currency: "EUR", priceList: "default", minQuantity: 1 })
    expect(price.amount.amount).toBe(114_900)
    // Without an updatedAt column, the file's time is the price's.
    expect(price.updatedAt).toBe("2026-11-02T05:00:00Z")
  })

  it("round-trips: canonical → export row with decimal comma and German dates → canonical", async () => {
    const prices = await Promise.all(fixtureRecords("prices", FILE).map((r) => decode("price", r)))
    for (const price of prices) {
      const row = (await encode("price", price)) as { rows: [{ values: Record<string, unknown> }] }
      expect(row.rows[0].values.amount).toMatch(/^\d+,\d{2}$/)
      expect(row.rows[0].values.updatedAt).toBe("02.11.2026 06:00")
      expect(await decode("price", row)).toEqual(price)
    }
    expect(context.lookup("files:export:price", "decimalSeparator")).toBe(",")
  })

  it("fails a bad amount at the file, line and column: $[file][line][column]", async () => {
    const [, bad] = pricesOf(
      `${HEADER}\r\nALP-TEE-S-BLK;T;29,90;;EUR;default;1;02.11.2026 06:00\r\nALP-TEE-M-BLK;T;29.90x;;EUR;default;1;02.11.2026 06:00\r\n`,
    )
    const error = await decodeFailure("price", bad)
    expect(error.issues[0]?.path).toBe(`$["${FILE}"][3]["VK brutto"]`)
    expect(error.issues[0]?.message).toContain('"29.90x" is not a decimal number with "," as decimal separator')
  })

  it("fails a row without SKU, and a date not in the feed's format, at their cells", async () => {
    const [noSku, badDate] = pricesOf(
      `${HEADER}\r\n;T;29,90;;EUR;default;1;02.11.2026 06:00\r\nALP-BEANIE;T;19,95;;EUR;default;1;2026-11-02\r\n`,
    )
    expect((await decodeFailure("price", noSku)).issues[0]?.path).toBe(`$["${FILE}"][2].Artikelnummer`)
    const error = await decodeFailure("price", badDate)
    expect(error.issues[0]?.path).toBe(`$["${FILE}"][3]["Geändert am"]`)
    expect(error.issues[0]?.message).toContain("dd.MM.yyyy HH:mm")
  })
})
