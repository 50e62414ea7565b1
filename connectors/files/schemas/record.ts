/**
 * What the Files streams yield: rows of one file, their cells already under canonical field
 * names (the feed's column mapping applied), with where they came from and how their values
 * are written. A row's problems and bad values are reported at `$["<file>"][<line>]["<column>"]`.
 */
import { Schema } from "effect"

export const Cell = Schema.Union(Schema.String, Schema.Number, Schema.Boolean, Schema.Null)
export type Cell = typeof Cell.Type

export const FileRow = Schema.Struct({
  /** 1-based line in the file. */
  line: Schema.Int,
  /** Canonical field → the cell of its column (`option:Size` → the size column's cell). */
  values: Schema.Record({ key: Schema.String, value: Cell }),
  /** Why the row could not be parsed at all. */
  problem: Schema.optional(Schema.String),
})
export type FileRow = typeof FileRow.Type

/** How the file writes decimals and dates (the feed's `values` options). */
export const FileValueOptions = Schema.Struct({
  decimalSeparator: Schema.Literal(",", "."),
  thousandsSeparator: Schema.optional(Schema.Literal(".", ",", " ", "'")),
  dateFormat: Schema.String,
  timeZone: Schema.String,
})
export type FileValueOptions = typeof FileValueOptions.Type

/** One record: a price or stock row, or the consecutive rows (variants) of one product. */
export const FileRecord = Schema.Struct({
  /** The file's name in its folder. */
  file: Schema.String,
  /** The file's modification time (ISO, UTC): when the ERP exported it. */
  modifiedAt: Schema.String,
  rows: Schema.NonEmptyArray(FileRow),
  /** Canonical field → the column it was read from, for error paths. */
  columns: Schema.Record({ key: Schema.String, value: Schema.String }),
  options: FileValueOptions,
})
export type FileRecord = typeof FileRecord.Type

/** The last line of a record: where it sits in its file. */
export const lastLineOf = (record: FileRecord): number => record.rows[record.rows.length - 1]?.line ?? 0
