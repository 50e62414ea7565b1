/** Tryton wire values in the sandbox: building them, and comparing them the way SQL does. */

/** A Tryton datetime object. */
export interface WireDateTime {
  readonly __class__: "datetime"
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  readonly microsecond: number
}

/** A Date (with extra microseconds) as a Tryton datetime. */
export const wireDateTime = (date: Date, microsecondOffset = 0): WireDateTime => ({
  __class__: "datetime",
  year: date.getUTCFullYear(),
  month: date.getUTCMonth() + 1,
  day: date.getUTCDate(),
  hour: date.getUTCHours(),
  minute: date.getUTCMinutes(),
  second: date.getUTCSeconds(),
  microsecond: date.getUTCMilliseconds() * 1000 + microsecondOffset,
})

/** A Date as a Tryton date. */
export const wireDate = (date: Date) => ({
  __class__: "date" as const,
  year: date.getUTCFullYear(),
  month: date.getUTCMonth() + 1,
  day: date.getUTCDate(),
})

/** A decimal string as a Tryton Decimal. */
export const wireDecimal = (value: string) => ({ __class__: "Decimal" as const, decimal: value })

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)
const pad = (n: unknown, width = 2) => String(n).padStart(width, "0")

/**
 * A value in a form that sorts and compares like the database column: datetimes and dates as
 * fixed-width strings, Decimals and booleans as numbers, `null` as null.
 */
export const comparable = (value: unknown): string | number | null => {
  if (value === null || value === undefined) return null
  if (typeof value === "boolean") return value ? 1 : 0
  if (typeof value === "number" || typeof value === "string") return value
  if (isRecord(value)) {
    if (value.__class__ === "Decimal") return Number(value.decimal)
    if (value.__class__ === "date") return `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`
    if (value.__class__ === "datetime") {
      return `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)} ${pad(value.hour)}:${pad(value.minute)}:${pad(value.second)}.${pad(value.microsecond, 6)}`
    }
  }
  return JSON.stringify(value)
}

/** Orders two column values; NULL first, as SQLite sorts it ascending. */
export const compareValues = (a: unknown, b: unknown): number => {
  const x = comparable(a)
  const y = comparable(b)
  if (x === y) return 0
  if (x === null) return -1
  if (y === null) return 1
  if (typeof x === "number" && typeof y === "number") return x - y
  return String(x) < String(y) ? -1 : 1
}
