import { describe, expect, it } from "vitest"
import { Price } from "./price.ts"
import { rejectedPaths, rejectionsOf } from "./testkit.ts"

const winterSale = {
  sku: "TSHIRT-ORG-M-NAVY",
  priceList: "shopify-de",
  currency: "EUR",
  minQuantity: 1,
  amount: { amount: 2499, currency: "EUR" },
  compareAtAmount: { amount: 2999, currency: "EUR" },
  taxIncluded: true,
  validFrom: "2026-12-01T00:00:00Z",
  validTo: "2027-01-06T23:00:00Z",
  updatedAt: "2026-11-23T09:00:00Z",
}

describe("the Price schema", () => {
  it("accepts a sale price with a compare-at price and a validity window", () => {
    expect(rejectionsOf(Price, winterSale)).toEqual([])
  })

  it("accepts a B2B tier price from 10 pieces, net, without a window", () => {
    const { validFrom: _f, validTo: _t, compareAtAmount: _c, ...tier } = winterSale
    expect(rejectionsOf(Price, { ...tier, priceList: "b2b-wholesale", minQuantity: 10, taxIncluded: false })).toEqual(
      [],
    )
  })

  it("accepts a free sample at 0.00", () => {
    expect(rejectionsOf(Price, { ...winterSale, amount: { amount: 0, currency: "EUR" } })).toEqual([])
  })

  it("rejects an amount in another currency than the price's", () => {
    expect(rejectionsOf(Price, { ...winterSale, amount: { amount: 2499, currency: "CHF" } })).toEqual([
      { path: "amount.currency", message: "must be the price's currency EUR" },
    ])
  })

  it("rejects a compare-at amount in another currency", () => {
    expect(rejectedPaths(Price, { ...winterSale, compareAtAmount: { amount: 2999, currency: "USD" } })).toEqual([
      "compareAtAmount.currency",
    ])
  })

  it("rejects a negative price", () => {
    expect(rejectionsOf(Price, { ...winterSale, amount: { amount: -2499, currency: "EUR" } })).toEqual([
      { path: "amount.amount", message: "a price cannot be negative" },
    ])
  })

  it("rejects a negative compare-at price", () => {
    expect(rejectedPaths(Price, { ...winterSale, compareAtAmount: { amount: -2999, currency: "EUR" } })).toEqual([
      "compareAtAmount.amount",
    ])
  })

  it("rejects a price in euros as a float", () => {
    expect(rejectedPaths(Price, { ...winterSale, amount: { amount: 24.99, currency: "EUR" } })).toEqual([
      "amount.amount",
    ])
  })

  it("rejects a validTo before validFrom", () => {
    expect(rejectionsOf(Price, { ...winterSale, validTo: "2026-11-30T23:59:59Z" })).toEqual([
      { path: "validTo", message: "must be after validFrom" },
    ])
  })

  it("rejects a window that ends the moment it starts", () => {
    expect(rejectedPaths(Price, { ...winterSale, validTo: winterSale.validFrom })).toEqual(["validTo"])
    expect(rejectedPaths(Price, { ...winterSale, validTo: "2026-12-01T00:00:00.000Z" })).toEqual(["validTo"])
  })

  it("accepts a window half a second long although `…:00Z` sorts after `…:00.5Z` as text", () => {
    const flash = { ...winterSale, validFrom: "2026-12-01T00:00:00Z", validTo: "2026-12-01T00:00:00.5Z" }
    expect(rejectionsOf(Price, flash)).toEqual([])
  })

  it("rejects a window whose end has more fraction digits but is earlier", () => {
    const backwards = { ...winterSale, validFrom: "2026-12-01T00:00:00.5Z", validTo: "2026-12-01T00:00:00.123456Z" }
    expect(rejectedPaths(Price, backwards)).toEqual(["validTo"])
  })

  it.each([[0], [-1], [2.5]])("rejects a minimum quantity of %s", (minQuantity) => {
    expect(rejectedPaths(Price, { ...winterSale, minQuantity })).toEqual(["minQuantity"])
  })
})
