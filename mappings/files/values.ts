/**
 * Reading and writing the cells of export files: decimals with a comma or a point, dates in the
 * feed's pattern and time zone, yes/no flags. Every failure points at the cell:
 * `$["preise-20261102.csv"][7]["VK brutto"]`, file, line, column.
 */
import { Effect, ParseResult, type SchemaAST } from "effect"
import type { Cell, FileRecord, FileRow, FileValueOptions } from "../../connectors/files/schemas/record.ts"
import { exportTable } from "../../connectors/files/schemas/tables.ts"
import { MappingContext } from "../../core/mapping/index.ts"
import { type Instant, MoneyParseError, toInstant, toMinorUnits } from "../../core/model/index.ts"

/** The cell a mapping is looking at: which record, which row, which field. */
export interface CellRef {
  readonly ast: SchemaAST.AST
  readonly record: FileRecord
  readonly row: FileRow
}

/** A failure at the cell of `field` (or at the row, without a field). */
export const failAt = (
  at: CellRef,
  field: string | undefined,
  message: string,
): Effect.Effect<never, ParseResult.ParseIssue> => {
  const actual = field === undefined ? at.row.values : at.row.values[field]
  const path: [string, number, ...string[]] =
    field === undefined
      ? [at.record.file, at.row.line]
      : [at.record.file, at.row.line, at.record.columns[field] ?? field]
  return Effect.fail(new ParseResult.Pointer(path, actual, new ParseResult.Type(at.ast, actual, message)))
}

/** A row the parser could not read fails at its line. */
export const parsedRow = (at: CellRef): Effect.Effect<void, ParseResult.ParseIssue> =>
  at.row.problem === undefined ? Effect.void : failAt(at, undefined, `the row ${at.row.problem}`)

/** The cell's text, trimmed; undefined when empty or missing. */
export const textOf = (at: CellRef, field: string): string | undefined => {
  const cell = at.row.values[field]
  if (cell === undefined || cell === null) return undefined
  const text = String(cell).trim()
  return text === "" ? undefined : text
}

export const requiredText = (
  at: CellRef,
  field: string,
  what: string,
): Effect.Effect<string, ParseResult.ParseIssue> => {
  const text = textOf(at, field)
  return text === undefined ? failAt(at, field, `is empty; every row needs ${what}`) : Effect.succeed(text)
}

const DECIMAL = /^-?\d+(\.\d+)?$/

/** A decimal cell as a decimal text with a point (`"1.234,50"` → `"1234.50"`), or undefined when empty. */
export const decimalOf = (at: CellRef, field: string): Effect.Effect<string | undefined, ParseResult.ParseIssue> => {
  const cell = at.row.values[field]
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? Effect.succeed(String(cell)) : failAt(at, field, `${cell} is not a number`)
  }
  const text = textOf(at, field)
  if (text === undefined) return Effect.succeed(undefined)
  const { decimalSeparator, thousandsSeparator } = at.record.options
  let normal = text.replace(/\s/g, "")
  if (thousandsSeparator !== undefined && thousandsSeparator !== decimalSeparator)
    normal = normal.split(thousandsSeparator).join("")
  normal = decimalSeparator === "," ? normal.replace(",", ".") : normal
  return DECIMAL.test(normal)
    ? Effect.succeed(normal)
    : failAt(
        at,
        field,
        `"${text}" is not a decimal number with "${decimalSeparator}" as decimal separator${decimalSeparator === "," ? " (e.g. 12,90)" : " (e.g. 12.90)"}`,
      )
}

/** Minor units of `currency` from a decimal cell. */
export const moneyOf = (
  at: CellRef,
  field: string,
  currency: string,
): Effect.Effect<number | undefined, ParseResult.ParseIssue> =>
  Effect.flatMap(decimalOf(at, field), (decimal) => {
    if (decimal === undefined) return Effect.succeed(undefined)
    try {
      return Effect.succeed(toMinorUnits(decimal, currency))
    } catch (error) {
      return failAt(at, field, error instanceof MoneyParseError ? error.message : String(error))
    }
  })

/** A whole number from a cell (`12`, `12,0`), or undefined when empty. */
export const wholeOf = (at: CellRef, field: string): Effect.Effect<number | undefined, ParseResult.ParseIssue> =>
  Effect.flatMap(decimalOf(at, field), (decimal) => {
    if (decimal === undefined) return Effect.succeed(undefined)
    const n = Number(decimal)
    return Number.isSafeInteger(n) ? Effect.succeed(n) : failAt(at, field, `${decimal} is not a whole number`)
  })

const YES = new Set(["true", "1", "yes", "ja", "j", "y", "x", "wahr"])
const NO = new Set(["false", "0", "no", "nein", "n", "falsch", "-"])

/** A yes/no cell (`true`, `1`, `ja`, `x` / `false`, `0`, `nein`), or undefined when empty. */
export const flagOf = (at: CellRef, field: string): Effect.Effect<boolean | undefined, ParseResult.ParseIssue> => {
  const cell = at.row.values[field]
  if (typeof cell === "boolean") return Effect.succeed(cell)
  const text = textOf(at, field)?.toLowerCase()
  if (text === undefined) return Effect.succeed(undefined)
  if (YES.has(text)) return Effect.succeed(true)
  if (NO.has(text)) return Effect.succeed(false)
  return failAt(at, field, `"${text}" is neither yes (true, 1, ja, x) nor no (false, 0, nein)`)
}

const TOKENS = /yyyy|MM|dd|HH|mm|ss/g

/** Milliseconds the zone is ahead of UTC at instant `t`. */
const zoneOffset = (t: number, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(t))
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return (
    Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second")) -
    (t - (t % 1000))
  )
}

/** The UTC instant of a wall-clock time in `timeZone` (the later reading when clocks go back). */
const zonedToUtc = (wall: number, timeZone: string): number => {
  const first = wall - zoneOffset(wall, timeZone)
  const second = wall - zoneOffset(first, timeZone)
  return second
}

const asInstant = (t: number): Instant => new Date(t).toISOString().replace(".000Z", "Z")

/** Parses a date text in a feed's format (`iso`, or e.g. `dd.MM.yyyy HH:mm`) and zone. */
export const parseDate = (text: string, options: FileValueOptions): Instant | undefined => {
  if (options.dateFormat === "iso") {
    if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
      try {
        return toInstant(text)
      } catch {
        return undefined
      }
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)
    if (!m) return undefined
    const [, y, mo, d, h = "0", mi = "0", s = "0"] = m
    return wallToInstant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), options.timeZone)
  }
  const fields: string[] = []
  const source = options.dateFormat.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(TOKENS, (token) => {
    fields.push(token)
    return token === "yyyy" ? "(\\d{4})" : "(\\d{1,2})"
  })
  const m = new RegExp(`^${source}$`).exec(text)
  if (!m) return undefined
  const value = (token: string, fallback: number) => {
    const i = fields.indexOf(token)
    return i < 0 ? fallback : Number(m[i + 1])
  }
  return wallToInstant(
    value("yyyy", 1970),
    value("MM", 1),
    value("dd", 1),
    value("HH", 0),
    value("mm", 0),
    value("ss", 0),
    options.timeZone,
  )
}

const wallToInstant = (y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string) => {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s)
  const check = new Date(wall)
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined
  try {
    return asInstant(zonedToUtc(wall, timeZone))
  } catch {
    return undefined
  }
}

/** Formats an instant in a feed's format and zone. */
export const formatDate = (instant: Instant, options: Pick<FileValueOptions, "dateFormat" | "timeZone">): string => {
  if (options.dateFormat === "iso") return instant
  const t = Date.parse(instant)
  const local = new Date(t + zoneOffset(t, options.timeZone))
  const pad = (n: number, width = 2) => String(n).padStart(width, "0")
  const values: Record<string, string> = {
    yyyy: pad(local.getUTCFullYear(), 4),
    MM: pad(local.getUTCMonth() + 1),
    dd: pad(local.getUTCDate()),
    HH: pad(local.getUTCHours()),
    mm: pad(local.getUTCMinutes()),
    ss: pad(local.getUTCSeconds()),
  }
  return options.dateFormat.replace(TOKENS, (token) => values[token] ?? token)
}

/** A date cell as an instant, or undefined when empty. */
export const dateOf = (at: CellRef, field: string): Effect.Effect<Instant | undefined, ParseResult.ParseIssue> => {
  const text = textOf(at, field)
  if (text === undefined) return Effect.succeed(undefined)
  const instant = parseDate(text, at.record.options)
  return instant === undefined
    ? failAt(
        at,
        field,
        `"${text}" is not a date in the format ${at.record.options.dateFormat === "iso" ? "ISO 8601 (2026-11-30T06:00:00+01:00)" : at.record.options.dateFormat} (time zone ${at.record.options.timeZone})`,
      )
    : Effect.succeed(instant)
}

/** When the row says it changed, else when its file was written. */
export const updatedAtOf = (at: CellRef): Effect.Effect<Instant, ParseResult.ParseIssue> =>
  Effect.map(dateOf(at, "updatedAt"), (instant) => instant ?? toInstant(at.record.modifiedAt))

/** How exported files of an entity write values: from the system's lookup tables, else ISO dates and `.`. */
export const exportOptions = (entity: string) =>
  Effect.map(MappingContext, (ctx) => {
    const get = (key: string) => ctx.lookup(exportTable(entity), key)
    const decimalSeparator: "," | "." = get("decimalSeparator") === "," ? "," : "."
    return {
      json: get("format") === "jsonl",
      options: {
        decimalSeparator,
        dateFormat: get("dateFormat") ?? "iso",
        timeZone: get("timeZone") ?? "Europe/Berlin",
      } satisfies FileValueOptions,
    }
  })

/** A decimal text (`"29.90"`) as the export writes it: a JSON number, or text with the feed's separator. */
export const decimalCell = (decimal: string, json: boolean, options: FileValueOptions): Cell =>
  json ? Number(decimal) : options.decimalSeparator === "," ? decimal.replace(".", ",") : decimal

/** The record an encode produces: one file's worth of rows, before the sink names the file. */
export const exportRecord = (
  updatedAt: string,
  rows: ReadonlyArray<Readonly<Record<string, Cell>>>,
  options: FileValueOptions,
): FileRecord => {
  const [first, ...rest] = rows.map((values, i) => ({ line: i + 2, values: { ...values } }))
  return {
    file: "",
    modifiedAt: updatedAt,
    rows: [first ?? { line: 2, values: {} }, ...rest],
    columns: {},
    options,
  }
}
