/**
 * How Odoo renders field values over its APIs: `false` for every empty value (also for
 * strings and relations), many2one as `[id, display_name]`, x2many as id lists, datetimes as
 * `"YYYY-MM-DD HH:MM:SS"` in UTC without a zone marker.
 */
import { Schema } from "effect"
import { toInstant } from "../../../core/model/index.ts"

/** A value that Odoo sends as `false` when it is empty. */
export const orFalse = <S extends Schema.Schema.Any>(schema: S) => Schema.Union(schema, Schema.Literal(false))

/** A record id. */
export const OdooId = Schema.Int.pipe(Schema.nonNegative())

/** A set many2one: `[id, display_name]`. */
export const Many2oneRef = Schema.Tuple(OdooId, Schema.String)
export type Many2oneRef = typeof Many2oneRef.Type

/** A many2one that may be empty. */
export const Many2one = orFalse(Many2oneRef)
export type Many2one = typeof Many2one.Type

/** A char/text field: a string, or `false` when empty. */
export const Char = orFalse(Schema.String)
export type Char = typeof Char.Type

/** Ids of a one2many/many2many. */
export const X2many = Schema.Array(OdooId)

/** `"2026-03-02 09:15:00"`: a datetime in UTC, to the second. */
export const OdooDatetime = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, {
    message: () => "must be an Odoo datetime, YYYY-MM-DD HH:MM:SS (UTC)",
  }),
)

/** `"2026-03-02"`; Odoo ≤ 15 stores some validity dates as dates. */
export const OdooDate = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/))

/** The id of a set many2one, or undefined. */
export const idOf = (value: Many2one): number | undefined => (value === false ? undefined : value[0])

/** The display name of a set many2one, or undefined. */
export const nameOf = (value: Many2one): string | undefined => (value === false ? undefined : value[1])

/** A char value, or undefined when Odoo sent `false` or an empty string. */
export const textOf = (value: Char): string | undefined => (value === false || value.trim() === "" ? undefined : value)

/** Odoo datetime (UTC, no marker) → hub instant: `2026-03-02 09:15:00` → `2026-03-02T09:15:00Z`. */
export const fromOdooDatetime = (value: string): string =>
  toInstant(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : `${value.replace(" ", "T")}Z`)

/**
 * Hub instant → Odoo datetime. Odoo keeps whole seconds, so a fraction is dropped (rounded
 * down): a cursor compared with it then only ever repeats a record, never skips one.
 */
export const toOdooDatetime = (instant: string): string => {
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${instant}`)
  return date.toISOString().slice(0, 19).replace("T", " ")
}
