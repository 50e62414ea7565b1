import { describe, expect, it } from "vitest"
import {
  fromMinorUnits,
  Money,
  MoneyParseError,
  minorUnitDigits,
  money,
  sumMoney,
  toMajorNumber,
  toMinorUnits,
} from "./money.ts"
import { rejectedPaths } from "./testkit.ts"

describe("minor units per currency", () => {
  it("knows EUR has 2 decimals, JPY 0, KWD 3 and CLF 4", () => {
    expect([minorUnitDigits("EUR"), minorUnitDigits("JPY"), minorUnitDigits("KWD"), minorUnitDigits("CLF")]).toEqual([
      2, 0, 3, 4,
    ])
  })

  it("assumes 2 decimals for a currency with no exception listed (USD, GBP, CHF)", () => {
    expect([minorUnitDigits("USD"), minorUnitDigits("GBP"), minorUnitDigits("CHF")]).toEqual([2, 2, 2])
  })
})

describe("toMinorUnits", () => {
  it.each([
    ["19.99", "EUR", 1999],
    ["1000", "EUR", 100000],
    ["0.05", "EUR", 5],
    ["7", "EUR", 700],
    ["19.9", "EUR", 1990],
    ["1999", "JPY", 1999],
    ["12.345", "KWD", 12345],
    ["1.5", "KWD", 1500],
    ["0.001", "KWD", 1],
  ])("reads the decimal string %s %s as %i minor units", (value, currency, expected) => {
    expect(toMinorUnits(value, currency)).toBe(expected)
  })

  it("reads the trailing zeros vendors pad amounts with (Shopware's 19.990000)", () => {
    expect(toMinorUnits("19.990000", "EUR")).toBe(1999)
    expect(toMinorUnits("1980.000000", "JPY")).toBe(1980)
    expect(toMinorUnits("3.250000", "KWD")).toBe(3250)
  })

  it("reads the white space around a vendor string", () => {
    expect(toMinorUnits(" 19.99\n", "EUR")).toBe(1999)
  })

  it("reads negative amounts (refunds, credit notes)", () => {
    expect(toMinorUnits("-19.99", "EUR")).toBe(-1999)
    expect(toMinorUnits(-4.5, "EUR")).toBe(-450)
    expect(toMinorUnits("-1200", "JPY")).toBe(-1200)
    expect(toMinorUnits("-0.250", "KWD")).toBe(-250)
  })

  it("reads floats that binary cannot represent through their shortest decimal form", () => {
    // 19.99 is 19.989999999999998436805981327779591083526611328125 in binary.
    expect(toMinorUnits(19.99, "EUR")).toBe(1999)
    expect(toMinorUnits(0.1 + 0.2, "EUR")).toBe(30)
    expect(toMinorUnits(1.15, "EUR")).toBe(115)
    expect(toMinorUnits(4.35 * 100, "JPY")).toBe(435)
    expect(toMinorUnits(8.675, "KWD")).toBe(8675)
  })

  it("rounds a third decimal on EUR half away from zero (1.005 → 101, not 100)", () => {
    expect(toMinorUnits(1.005, "EUR")).toBe(101)
    expect(toMinorUnits("1.005", "EUR")).toBe(101)
    expect(toMinorUnits("1.004", "EUR")).toBe(100)
    expect(toMinorUnits("-1.005", "EUR")).toBe(-101)
    expect(toMinorUnits("-1.004", "EUR")).toBe(-100)
  })

  it("carries a rounding into the whole part (0.995 EUR → 100, 99.5 JPY → 100)", () => {
    expect(toMinorUnits("0.995", "EUR")).toBe(100)
    expect(toMinorUnits("99.5", "JPY")).toBe(100)
    expect(toMinorUnits("9.9995", "KWD")).toBe(10000)
  })

  it("reads very small numbers JavaScript prints in exponent form", () => {
    expect(toMinorUnits(1e-7, "EUR")).toBe(0)
    expect(toMinorUnits(0.000006, "EUR")).toBe(0)
  })

  it.each([["abc"], [""], ["19,99"], ["1.999.00"], ["€19.99"], ["1e3"], ["--5"]])(
    "refuses %j, which is not a decimal amount",
    (value) => {
      expect(() => toMinorUnits(value, "EUR")).toThrow(MoneyParseError)
    },
  )

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY]])("refuses the number %s", (value) => {
    expect(() => toMinorUnits(value, "EUR")).toThrow(MoneyParseError)
  })

  it("refuses an amount too large to count exactly in minor units", () => {
    expect(() => toMinorUnits("123456789012345678.00", "EUR")).toThrow(/too large/)
    expect(() => toMinorUnits(1e25, "EUR")).toThrow(/too large/)
  })
})

describe("fromMinorUnits", () => {
  it.each([
    [1999, "EUR", "19.99"],
    [5, "EUR", "0.05"],
    [0, "EUR", "0.00"],
    [100000, "EUR", "1000.00"],
    [1999, "JPY", "1999"],
    [0, "JPY", "0"],
    [1500, "KWD", "1.500"],
    [7, "KWD", "0.007"],
    [-1999, "EUR", "-19.99"],
    [-5, "EUR", "-0.05"],
    [-250, "KWD", "-0.250"],
    [-1200, "JPY", "-1200"],
  ])("writes %i %s as %j", (amount, currency, expected) => {
    expect(fromMinorUnits(amount, currency)).toBe(expected)
  })

  it("refuses a fractional or non-finite amount instead of printing invented digits", () => {
    expect(() => fromMinorUnits(19.5, "EUR")).toThrow(MoneyParseError)
    expect(() => fromMinorUnits(Number.NaN, "EUR")).toThrow(MoneyParseError)
    expect(() => fromMinorUnits(Number.POSITIVE_INFINITY, "JPY")).toThrow(MoneyParseError)
  })

  it("round-trips every amount from -10.00 to 10.00 EUR and a range of JPY and KWD amounts", () => {
    for (let amount = -1000; amount <= 1000; amount++) {
      for (const currency of ["EUR", "JPY", "KWD"]) {
        expect(toMinorUnits(fromMinorUnits(amount, currency), currency)).toBe(amount)
      }
    }
  })

  it("round-trips large amounts up to the largest safe integer", () => {
    for (const amount of [123_456_789, 99_999_999_999, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      expect(toMinorUnits(fromMinorUnits(amount, "EUR"), "EUR")).toBe(amount)
      expect(toMinorUnits(fromMinorUnits(amount, "KWD"), "KWD")).toBe(amount)
    }
  })

  it("round-trips every cent price a float can carry, through the float a vendor API returns", () => {
    for (let cents = 0; cents <= 100_000; cents += 7) {
      expect(toMinorUnits(toMajorNumber(cents, "EUR"), "EUR")).toBe(cents)
    }
  })
})

describe("money and sumMoney", () => {
  it("builds Money from a vendor decimal", () => {
    expect(money("19.99", "EUR")).toEqual({ amount: 1999, currency: "EUR" })
    expect(money(1980, "JPY")).toEqual({ amount: 1980, currency: "JPY" })
  })

  it("adds amounts of one currency in minor units", () => {
    const lines = [money("19.99", "EUR"), money("0.01", "EUR"), money("-5.00", "EUR")]
    expect(sumMoney("EUR", lines)).toEqual({ amount: 1500, currency: "EUR" })
  })

  it("sums nothing to zero in the currency asked for", () => {
    expect(sumMoney("KWD", [])).toEqual({ amount: 0, currency: "KWD" })
  })

  it("refuses to add a USD amount to EUR amounts rather than convert", () => {
    expect(() => sumMoney("EUR", [money("19.99", "EUR"), money("5.00", "USD")])).toThrow(/cannot add USD to EUR/)
  })
})

describe("the Money schema", () => {
  it("accepts an integer amount of minor units with an ISO 4217 code", () => {
    expect(rejectedPaths(Money, { amount: 1999, currency: "EUR" })).toEqual([])
  })

  it("rejects a float amount at its path", () => {
    expect(rejectedPaths(Money, { amount: 19.99, currency: "EUR" })).toEqual(["amount"])
  })

  it("rejects an amount sent as a string", () => {
    expect(rejectedPaths(Money, { amount: "1999", currency: "EUR" })).toEqual(["amount"])
  })

  it("rejects a currency that is not an upper-case ISO 4217 code", () => {
    expect(rejectedPaths(Money, { amount: 1999, currency: "eur" })).toEqual(["currency"])
    expect(rejectedPaths(Money, { amount: 1999, currency: "€" })).toEqual(["currency"])
  })
})
