import { Schema } from "effect"

/** A non-empty string with no leading or trailing white space: the shape of every natural key. */
export const Key = Schema.String.pipe(
  Schema.filter((s) => (s.length > 0 && s.trim() === s) || "must be non-empty and carry no surrounding white space", {
    identifier: "Key",
  }),
)

/** An ISO 8601 instant in UTC (`2026-11-23T17:41:44Z`, optional fraction). The hub stores UTC only. */
export const Instant = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, {
    message: () => "must be an ISO 8601 instant in UTC, e.g. 2026-11-23T17:41:44Z",
  }),
  Schema.annotations({ identifier: "Instant" }),
)
export type Instant = typeof Instant.Type

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = Schema.String.pipe(
  Schema.pattern(/^[A-Z]{2}$/, { message: () => "must be an ISO 3166-1 alpha-2 country code, e.g. DE" }),
  Schema.annotations({ identifier: "CountryCode" }),
)

/** BCP 47 language tag (`de-DE`, `en`, `zh-Hant-TW`). */
export const Locale = Schema.String.pipe(
  Schema.pattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: () => "must be a BCP 47 language tag, e.g. de-DE" }),
  Schema.annotations({ identifier: "Locale" }),
)

/** A whole, non-negative count (stock, reserved quantities). */
export const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())
/** A whole, positive count (order line quantities, tier minimums). */
export const PositiveInt = Schema.Int.pipe(Schema.positive())

/** Normalises a timestamp a vendor gave in any ISO form to the hub's UTC instant. */
export const toInstant = (value: string | Date): Instant => {
  const date = typeof value === "string" ? new Date(value) : value
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${String(value)}`)
  return date.toISOString().replace(".000Z", "Z")
}
