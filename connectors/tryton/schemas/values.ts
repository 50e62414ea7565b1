/**
 * How Tryton 6.0 puts values on the wire (trytond/protocols/jsonrpc.py): Decimal, datetime and
 * date as tagged objects (`{"__class__": "Decimal", "decimal": "19.99"}`), datetimes naive in
 * UTC with microseconds, many2one as a bare id or `null`, empty chars as `null` (sometimes `""`),
 * and booleans as `1`/`0` on the SQLite backend (`true`/`false` on PostgreSQL).
 */
import { Schema } from "effect"
import { toInstant } from "../../../core/model/index.ts"

/** A record id. */
export const TrytonId = Schema.Int.pipe(Schema.positive())

/** A many2one: the id, or `null` when empty. */
export const Many2one = Schema.NullOr(TrytonId)

/** A char field: text, or `null` when never set. */
export const Char = Schema.NullOr(Schema.String)

/** A boolean: SQLite hands back the stored 1/0. */
export const TrytonBoolean = Schema.Union(Schema.Boolean, Schema.Literal(0, 1))

/** True for `true` and `1`. */
export const isTrue = (value: typeof TrytonBoolean.Type): boolean => value === true || value === 1

/** `{"__class__": "Decimal", "decimal": "19.99"}`: the string keeps every digit. */
export const TrytonDecimal = Schema.Struct({ __class__: Schema.Literal("Decimal"), decimal: Schema.String })
export type TrytonDecimal = typeof TrytonDecimal.Type

/** A naive UTC datetime with microseconds. */
export const TrytonDateTime = Schema.Struct({
  __class__: Schema.Literal("datetime"),
  year: Schema.Int,
  month: Schema.Int,
  day: Schema.Int,
  hour: Schema.Int,
  minute: Schema.Int,
  second: Schema.Int,
  microsecond: Schema.Int,
})
export type TrytonDateTime = typeof TrytonDateTime.Type

/** A calendar date. */
export const TrytonDate = Schema.Struct({
  __class__: Schema.Literal("date"),
  year: Schema.Int,
  month: Schema.Int,
  day: Schema.Int,
})
export type TrytonDate = typeof TrytonDate.Type

/** A Decimal as Tryton decodes it. */
export const decimal = (value: string): TrytonDecimal => ({ __class__: "Decimal", decimal: value })

/** A Decimal as a plain number: for quantities only, never for money. */
export const decimalNumber = (value: TrytonDecimal): number => Number(value.decimal)

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/** Tryton datetime → hub instant with microseconds: `2026-11-30T11:34:00.947696Z`. */
export const instantOfDateTime = (value: TrytonDateTime): string =>
  toInstant(
    `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}T${pad(value.hour)}:${pad(value.minute)}:${pad(value.second)}.${pad(value.microsecond, 6)}Z`,
  )

/** Tryton date → the instant of its midnight in UTC. */
export const instantOfDate = (value: TrytonDate): string =>
  `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}T00:00:00Z`

/**
 * Hub instant → Tryton datetime. Digits below the microsecond are dropped (rounded down), so a
 * cursor compared with it only ever repeats a record, never skips one.
 */
export const dateTimeOf = (instant: string): TrytonDateTime => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(toInstant(instant))
  if (match === null) throw new RangeError(`not an instant: ${instant}`)
  const [, year, month, day, hour, minute, second, fraction = ""] = match
  return {
    __class__: "datetime",
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    microsecond: Number(fraction.slice(0, 6).padEnd(6, "0")),
  }
}

/** Hub instant → the Tryton date of that day in UTC. */
export const dateOf = (instant: string): TrytonDate => {
  const { year, month, day } = dateTimeOf(instant)
  return { __class__: "date", year, month, day }
}

/** When a record last changed: `write_date`, which Tryton leaves `null` until the first write, else `create_date`. */
export const changedAt = (record: {
  readonly create_date: TrytonDateTime
  readonly write_date: TrytonDateTime | null
}): string => instantOfDateTime(record.write_date ?? record.create_date)
