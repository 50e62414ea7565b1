import { Schema } from "effect"

/**
 * Whether a UTF-16 code unit is one `String.prototype.trim` removes: ECMAScript's WhiteSpace
 * (Unicode Zs, tab, VT, FF, BOM) and LineTerminator.
 */
const isTrimmedAway = (c: number): boolean =>
  c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c >= 0x7f &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff)

/** `s.trim() === s` without making the trimmed copy: this runs for every key of every record. */
const hasNoSurroundingSpace = (s: string): boolean =>
  s.length === 0 || (!isTrimmedAway(s.charCodeAt(0)) && !isTrimmedAway(s.charCodeAt(s.length - 1)))

/** A non-empty string with no leading or trailing white space: the shape of every natural key. */
export const Key = Schema.String.pipe(
  Schema.filter(
    (s) => (s.length > 0 && hasNoSurroundingSpace(s)) || "must be non-empty and carry no surrounding white space",
    { identifier: "Key" },
  ),
)

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/

/** The days of a month (1–12) of a Gregorian year. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31

/** The number that the `count` decimal digits at `start` spell, or -1 when one of them is no digit. */
export const digitsAt = (s: string, start: number, count: number): number => {
  let n = 0
  for (let i = start; i < start + count; i++) {
    const digit = s.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    n = n * 10 + digit
  }
  return n
}

// The pattern alone lets through `2026-02-30T25:61:00Z`; a timestamp must name a real moment.
// Arithmetic on the digits the pattern placed, not a Date round trip nor capture groups: this runs
// for every instant of every record the hub checks.
const isCalendarInstant = (s: string): boolean => {
  if (!INSTANT.test(s)) return false
  const year = digitsAt(s, 0, 4)
  const month = digitsAt(s, 5, 2)
  const day = digitsAt(s, 8, 2)
  // Date.UTC reads years 0–99 as 1900–1999, so the Date-based check refused them: so does this one.
  return (
    year >= 100 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    digitsAt(s, 11, 2) <= 23 &&
    digitsAt(s, 14, 2) <= 59 &&
    digitsAt(s, 17, 2) <= 59
  )
}

/** An ISO 8601 instant in UTC (`2026-11-23T17:41:44Z`, optional fraction). The hub stores UTC only. */
export const Instant = Schema.String.pipe(
  Schema.pattern(INSTANT, {
    message: () => "must be an ISO 8601 instant in UTC, e.g. 2026-11-23T17:41:44Z",
  }),
  Schema.filter(
    (s) =>
      isCalendarInstant(s) || "must be a real date and time (month 01–12, day within the month, 00:00:00–23:59:59)",
  ),
  Schema.annotations({ identifier: "Instant" }),
)
export type Instant = typeof Instant.Type

/**
 * Orders two instants: negative when `a` is earlier. Exact to the nanosecond; plain string
 * comparison is not, because `…:00Z` sorts after `…:00.5Z`.
 */
export const compareInstants = (a: Instant, b: Instant): number => {
  const fixed = (s: string) =>
    s.replace(/(?:\.(\d+))?Z$/, (_, fraction: string | undefined) => `.${(fraction ?? "").padEnd(9, "0")}Z`)
  const x = fixed(a)
  const y = fixed(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = Schema.String.pipe(
  Schema.pattern(/^[A-Z]{2}$/, { message: () => "must be an ISO 3166-1 alpha-2 country code, e.g. DE" }),
  Schema.annotations({ identifier: "CountryCode" }),
)

/** BCP 47 language tag (`de-DE`, `en`, `zh-Hant-TW`). */
export const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/
export const Locale = Schema.String.pipe(
  Schema.pattern(LOCALE_PATTERN, { message: () => "must be a BCP 47 language tag, e.g. de-DE" }),
  Schema.annotations({ identifier: "Locale" }),
)

/** A whole, non-negative count (stock, reserved quantities). */
export const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())
/** A whole, positive count (order line quantities, tier minimums). */
export const PositiveInt = Schema.Int.pipe(Schema.positive())

// Date, a time, an optional fraction and a zone designator; `T` or a space between date and time.
const ZONED_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i

/**
 * Normalises a timestamp a vendor gave in ISO 8601 with a zone (`Z`, `+01:00`, `-0500`) to the
 * hub's UTC instant, keeping sub-second digits (`2026-11-23T18:41:44.5+01:00` →
 * `2026-11-23T17:41:44.500Z`). A timestamp without a zone is refused rather than read in the
 * server's time zone: the connector knows the vendor's zone (Odoo sends UTC without `Z`, so its
 * connector appends `Z`).
 */
export const toInstant = (value: string | Date): Instant => {
  if (typeof value !== "string") {
    if (Number.isNaN(value.getTime())) throw new RangeError("not a timestamp: Invalid Date")
    return value.toISOString().replace(".000Z", "Z")
  }
  const match = ZONED_TIMESTAMP.exec(value.trim())
  if (!match) {
    throw new RangeError(`not an ISO 8601 timestamp with a zone (Z or ±hh:mm): ${JSON.stringify(value)}`)
  }
  const [, day = "", time = "", fraction = "", zone = ""] = match
  const seconds = time.length === 5 ? `${time}:00` : time
  const offset = zone.toUpperCase() === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  const date = new Date(`${day}T${seconds}${offset}`)
  if (Number.isNaN(date.getTime()) || !isCalendarInstant(`${day}T${seconds}Z`)) {
    throw new RangeError(`not a real date and time: ${JSON.stringify(value)}`)
  }
  // Milliseconds as Date prints them, sub-millisecond digits kept; `.000` dropped.
  const digits = fraction.padEnd(3, "0").replace(/(?<=\d{3})0+$/, "")
  const kept = digits === "000" ? "" : `.${digits}`
  return `${date.toISOString().slice(0, 19)}${kept}Z`
}
