import { describe, expect, it } from "vitest"
import { comparePositions, isAtOrBefore } from "./position.ts"

const sign = (n: number) => Math.sign(n)
const T = "2026-01-01T00:00:00Z"

describe("comparePositions", () => {
  it("orders by time first, whatever the ids", () => {
    expect(sign(comparePositions({ at: T, id: "99" }, { at: "2026-01-01T00:00:01Z", id: "1" }))).toBe(-1)
    expect(sign(comparePositions({ at: "2026-01-01T00:00:01Z", id: "1" }, { at: T, id: "99" }))).toBe(1)
  })

  it("compares numeric ids as numbers on a tie: 9 before 10, 99 before 100", () => {
    expect(sign(comparePositions({ at: T, id: "9" }, { at: T, id: "10" }))).toBe(-1)
    expect(sign(comparePositions({ at: T, id: "100" }, { at: T, id: "99" }))).toBe(1)
    expect(comparePositions({ at: T, id: "42" }, { at: T, id: "42" })).toBe(0)
  })

  it("compares numeric ids with leading zeros by value", () => {
    expect(sign(comparePositions({ at: T, id: "007" }, { at: T, id: "10" }))).toBe(-1)
    expect(sign(comparePositions({ at: T, id: "0010" }, { at: T, id: "9" }))).toBe(1)
  })

  it("compares other ids as text", () => {
    expect(sign(comparePositions({ at: T, id: "gid://x/Product/b" }, { at: T, id: "gid://x/Product/a" }))).toBe(1)
    expect(sign(comparePositions({ at: T, id: "a9" }, { at: T, id: "a10" }))).toBe(1)
  })

  it("treats the same instant written differently as equal time", () => {
    expect(comparePositions({ at: T, id: "1" }, { at: "2026-01-01T00:00:00.000Z", id: "1" })).toBe(0)
    expect(comparePositions({ at: T, id: "1" }, { at: "2026-01-01T01:00:00+01:00", id: "1" })).toBe(0)
  })

  it("keeps sub-millisecond precision: microsecond timestamps of one millisecond still order by time, not id", () => {
    const early = { at: "2026-01-01T00:00:00.000100Z", id: "5" }
    const late = { at: "2026-01-01T00:00:00.000200Z", id: "3" }
    expect(sign(comparePositions(early, late))).toBe(-1)
    expect(sign(comparePositions(late, early))).toBe(1)
    expect(comparePositions({ at: "2026-01-01T00:00:00.0001Z", id: "5" }, early)).toBe(0)
  })
})

describe("isAtOrBefore", () => {
  const cursor = { at: T, id: "10" }
  it("is true for what the cursor has consumed and false for what comes after", () => {
    expect(isAtOrBefore({ at: T, id: "9" }, cursor)).toBe(true)
    expect(isAtOrBefore({ at: T, id: "10" }, cursor)).toBe(true)
    expect(isAtOrBefore({ at: T, id: "11" }, cursor)).toBe(false)
    expect(isAtOrBefore({ at: "2026-01-01T00:00:00.001Z", id: "1" }, cursor)).toBe(false)
  })
  it("is false without a cursor (a first run reads everything)", () => {
    expect(isAtOrBefore({ at: T, id: "1" }, undefined)).toBe(false)
  })
})
