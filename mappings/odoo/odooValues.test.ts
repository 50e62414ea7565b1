import { describe, expect, it } from "vitest"
import { fromOdooDatetime } from "../../connectors/odoo/schemas/fields.ts"
import { instantOf } from "./odooValues.ts"

const outcome = (convert: (value: string) => string, value: string) => {
  try {
    return { instant: convert(value) }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

describe("instantOf (Odoo datetime → hub instant)", () => {
  const samples = [
    "2026-03-02 09:15:00",
    "2026-12-31 23:59:59",
    "2026-01-01 00:00:00",
    "2024-02-29 12:00:00",
    "2026-02-29 12:00:00",
    "2000-02-29 00:00:00",
    "2100-02-29 00:00:00",
    "2026-02-30 08:00:00",
    "2026-04-31 08:00:00",
    "2026-13-01 08:00:00",
    "2026-00-10 08:00:00",
    "2026-01-00 08:00:00",
    "2026-06-15 24:00:00",
    "2026-06-15 23:60:00",
    "2026-06-15 23:59:60",
    "0999-06-15 10:00:00",
    "0050-06-15 10:00:00",
    "2026-06-15",
    "2026-06-15T10:00:00",
    "2026-6-15 10:00:00",
    "2026-06-15 10:00:0x",
    "",
  ]

  it.each(samples)("gives what fromOdooDatetime gives for %j (the instant, or the same error)", (value) => {
    expect(outcome(instantOf, value)).toEqual(outcome(fromOdooDatetime, value))
  })

  it("agrees with fromOdooDatetime on every day of a leap year and a common year", () => {
    for (const year of [2024, 2026]) {
      for (let day = 0; day < 370; day++) {
        const date = new Date(Date.UTC(year, 0, 1 + day, day % 24, (day * 7) % 60, (day * 13) % 60))
        const value = date.toISOString().slice(0, 19).replace("T", " ")
        expect(instantOf(value)).toBe(fromOdooDatetime(value))
      }
    }
  })
})
