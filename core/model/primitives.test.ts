import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { CountryCode, compareInstants, Instant, Key, toInstant } from "./primitives.ts"
import { rejectionsOf } from "./testkit.ts"

const isInstant = Schema.is(Instant)

describe("Instant", () => {
  it.each([
    ["2026-11-23T17:41:44Z"],
    ["2026-11-23T17:41:44.5Z"],
    ["2026-11-23T17:41:44.123Z"],
    ["2026-11-23T17:41:44.123456789Z"],
    ["2028-02-29T00:00:00Z"],
    ["2026-12-31T23:59:59Z"],
  ])("accepts the UTC instant %s", (value) => {
    expect(isInstant(value)).toBe(true)
  })

  it.each([
    ["an offset", "2026-11-23T18:41:44+01:00"],
    ["a zero offset instead of Z", "2026-11-23T17:41:44+00:00"],
    ["no zone (local time)", "2026-11-23T17:41:44"],
    ["a lower-case z", "2026-11-23T17:41:44z"],
    ["a space instead of T", "2026-11-23 17:41:44Z"],
    ["no seconds", "2026-11-23T17:41Z"],
    ["a date only", "2026-11-23"],
    ["ten fraction digits", "2026-11-23T17:41:44.1234567890Z"],
    ["epoch milliseconds as text", "1795455704000"],
  ])("rejects a timestamp with %s", (_, value) => {
    expect(isInstant(value)).toBe(false)
  })

  it.each([
    ["month 13", "2026-13-01T00:00:00Z"],
    ["30 February", "2026-02-30T00:00:00Z"],
    ["29 February in a common year", "2026-02-29T00:00:00Z"],
    ["31 April", "2026-04-31T12:00:00Z"],
    ["hour 24", "2026-11-23T24:00:00Z"],
    ["minute 60", "2026-11-23T17:60:00Z"],
    ["second 60", "2026-11-23T17:41:60Z"],
    ["day 00", "2026-11-00T17:41:44Z"],
  ])("rejects a timestamp that names no real moment: %s", (_, value) => {
    expect(rejectionsOf(Instant, value)).toEqual([
      { path: "", message: "must be a real date and time (month 01–12, day within the month, 00:00:00–23:59:59)" },
    ])
  })

  it("says what it expects when given an offset", () => {
    expect(rejectionsOf(Instant, "2026-11-23T18:41:44+01:00")).toEqual([
      { path: "", message: "must be an ISO 8601 instant in UTC, e.g. 2026-11-23T17:41:44Z" },
    ])
  })
})

describe("toInstant", () => {
  it.each([
    ["a UTC instant unchanged", "2026-11-23T17:41:44Z", "2026-11-23T17:41:44Z"],
    ["Berlin winter time (+01:00)", "2026-11-23T18:41:44+01:00", "2026-11-23T17:41:44Z"],
    ["Berlin summer time (+02:00)", "2026-07-01T12:00:00+02:00", "2026-07-01T10:00:00Z"],
    ["New York (-05:00), crossing midnight", "2026-11-23T21:30:00-05:00", "2026-11-24T02:30:00Z"],
    ["New Year in Berlin, back into the old year", "2027-01-01T00:30:00+01:00", "2026-12-31T23:30:00Z"],
    ["India (+05:30)", "2026-11-23T23:11:44+05:30", "2026-11-23T17:41:44Z"],
    ["an offset without a colon (+0100)", "2026-11-23T18:41:44+0100", "2026-11-23T17:41:44Z"],
    ["a space between date and time", "2026-11-23 18:41:44+01:00", "2026-11-23T17:41:44Z"],
    ["no seconds", "2026-11-23T18:41+01:00", "2026-11-23T17:41:00Z"],
    ["zero milliseconds, dropped", "2026-11-23T17:41:44.000Z", "2026-11-23T17:41:44Z"],
    ["milliseconds, kept", "2026-11-23T18:41:44.250+01:00", "2026-11-23T17:41:44.250Z"],
    ["one fraction digit, as milliseconds", "2026-11-23T18:41:44.5+01:00", "2026-11-23T17:41:44.500Z"],
    ["microseconds (PostgreSQL), kept", "2026-11-23T18:41:44.123456+01:00", "2026-11-23T17:41:44.123456Z"],
  ])("converts %s", (_, value, expected) => {
    expect(toInstant(value)).toBe(expected)
    expect(isInstant(toInstant(value))).toBe(true)
  })

  it("converts a Date", () => {
    expect(toInstant(new Date(Date.UTC(2026, 10, 23, 17, 41, 44)))).toBe("2026-11-23T17:41:44Z")
    expect(toInstant(new Date(Date.UTC(2026, 10, 23, 17, 41, 44, 250)))).toBe("2026-11-23T17:41:44.250Z")
  })

  it("gives a Date and the same moment as text the same instant", () => {
    const date = new Date(Date.UTC(2026, 10, 23, 17, 41, 44, 500))
    expect(toInstant("2026-11-23T18:41:44.5+01:00")).toBe(toInstant(date))
  })

  it("refuses a timestamp without a zone rather than read it in the server's time zone", () => {
    expect(() => toInstant("2026-11-23T17:41:44")).toThrow(/with a zone/)
    expect(() => toInstant("2026-11-23 17:41:44")).toThrow(RangeError)
  })

  it.each([["not a date"], [""], ["23.11.2026 17:41"], ["Mon, 23 Nov 2026 17:41:44 GMT"], ["2026-02-30T00:00:00Z"]])(
    "refuses %j",
    (value) => {
      expect(() => toInstant(value)).toThrow(RangeError)
    },
  )

  it("refuses an invalid Date", () => {
    expect(() => toInstant(new Date("nope"))).toThrow(RangeError)
  })
})

describe("compareInstants", () => {
  it("orders instants by time, not by text", () => {
    expect(compareInstants("2026-12-01T00:00:00Z", "2026-12-01T00:00:00.5Z")).toBeLessThan(0)
    expect(compareInstants("2026-12-01T00:00:00.5Z", "2026-12-01T00:00:00.123456Z")).toBeGreaterThan(0)
    expect(compareInstants("2026-12-01T00:00:00.500Z", "2026-12-01T00:00:00.5Z")).toBe(0)
    expect(compareInstants("2026-11-30T23:59:59.999999999Z", "2026-12-01T00:00:00Z")).toBeLessThan(0)
  })
})

describe("Key and CountryCode", () => {
  it("accepts a natural key and rejects an empty or padded one", () => {
    expect(Schema.is(Key)("TSHIRT-ORG-M-NAVY")).toBe(true)
    expect(Schema.is(Key)("")).toBe(false)
    expect(Schema.is(Key)(" TSHIRT-ORG-M-NAVY")).toBe(false)
    expect(Schema.is(Key)("TSHIRT-ORG-M-NAVY\n")).toBe(false)
  })

  it("accepts DE and rejects DEU and de", () => {
    expect([Schema.is(CountryCode)("DE"), Schema.is(CountryCode)("DEU"), Schema.is(CountryCode)("de")]).toEqual([
      true,
      false,
      false,
    ])
  })
})
