import { describe, expect, it } from "vitest"
import { SEED_IDS } from "../../connectors/shopware/fixtures/seed.ts"
import type { Price } from "../../core/model/index.ts"
import { decodeWrite, encodeWrite, encodeWriteFailure } from "./testing.ts"

const listPrice: Price = {
  sku: "ALP-TEE-M-BLK",
  priceList: "default",
  currency: "EUR",
  minQuantity: 1,
  amount: { amount: 2995, currency: "EUR" },
  compareAtAmount: { amount: 3495, currency: "EUR" },
  taxIncluded: true,
  updatedAt: "2026-11-20T08:00:00Z",
}

describe("canonical Price → Shopware price", () => {
  it("writes the list price gross with net computed from the tax rate, linked, with the strike-through price", async () => {
    expect(await encodeWrite("price", listPrice)).toEqual({
      productNumber: "ALP-TEE-M-BLK",
      quantityStart: 1,
      price: {
        currencyId: SEED_IDS.currencyEur,
        gross: 29.95,
        net: 25.17,
        linked: true,
        listPrice: { currencyId: SEED_IDS.currencyEur, gross: 34.95, net: 29.37, linked: true },
      },
    })
  })

  it("writes a net B2B tier price as an advanced price under the price list's rule, gross computed", async () => {
    const b2b: Price = {
      ...listPrice,
      priceList: "b2b-dach",
      minQuantity: 10,
      amount: { amount: 2000, currency: "EUR" },
      taxIncluded: false,
    }
    const { compareAtAmount: _c, ...withoutCompare } = b2b
    expect(await encodeWrite("price", withoutCompare)).toEqual({
      productNumber: "ALP-TEE-M-BLK",
      ruleId: SEED_IDS.ruleB2b,
      quantityStart: 10,
      price: { currencyId: SEED_IDS.currencyEur, gross: 23.8, net: 20, linked: true },
    })
  })

  it("fails at priceList when no rule is configured for it", async () => {
    const error = await encodeWriteFailure("price", { ...listPrice, priceList: "vip" })
    expect(String(error)).toContain("no Shopware rule for price list vip")
  })

  it("round-trips a gross price: canonical → Shopware → canonical", async () => {
    const back = await decodeWrite("price", await encodeWrite("price", listPrice))
    expect({ ...back, updatedAt: listPrice.updatedAt }).toEqual(listPrice)
  })
})
