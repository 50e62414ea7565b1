/**
 * CSV as RFC 4180 describes it (https://www.rfc-editor.org/rfc/rfc4180), with the delimiter of
 * the feed (`;` in German exports). Parsing goes on past a broken row: the row becomes a
 * problem at its line, the rest of the file is read.
 */
import { parse } from "csv-parse/sync"
import { stringify } from "csv-stringify/sync"
import type { Cell, ParsedRow } from "./rows.ts"

export interface CsvOptions {
  readonly delimiter: string
  readonly header: boolean
}

interface Parsed {
  readonly record: ReadonlyArray<string>
  readonly info: { readonly lines: number }
}

/** The rows of a CSV text, header excluded; columns are the header's names (or `1`, `2`, … without one). */
export const parseCsv = (text: string, options: CsvOptions): ReadonlyArray<ParsedRow> => {
  const problems: ParsedRow[] = []
  // csv-parse counts the CR and the LF of a CRLF inside a quoted cell as two lines; with LF
  // line ends its line numbers are the file's (a cell's CRLF is read as LF).
  const records = parse(text.replace(/\r\n?/g, "\n"), {
    delimiter: options.delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) problems.push({ line: Number(error.lines), cells: {}, problem: error.message })
      return undefined
    },
  }) as unknown as ReadonlyArray<Parsed>
  const [first, ...rest] = records
  if (first === undefined) return problems
  const header = options.header ? first.record.map((name) => name.trim()) : undefined
  const body = options.header ? rest : records
  const rows = body.map((row): ParsedRow => {
    const cells: Record<string, Cell> = {}
    row.record.forEach((value, index) => {
      const column = header ? header[index] : String(index + 1)
      if (column !== undefined && column !== "") cells[column] = value
    })
    if (header && row.record.length !== header.length) {
      return {
        line: row.info.lines,
        cells,
        problem: `has ${row.record.length} cells where the header has ${header.length} columns`,
      }
    }
    return { line: row.info.lines, cells }
  })
  return [...rows, ...problems].sort((a, b) => a.line - b.line)
}

/** A CSV text: the header row (when the feed has one), then one line per row, CRLF as RFC 4180 says. */
export const writeCsv = (
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<Readonly<Record<string, Cell>>>,
  options: CsvOptions,
): string =>
  stringify(
    rows.map((row) => columns.map((c) => row[c] ?? "")),
    {
      delimiter: options.delimiter,
      header: options.header,
      columns: [...columns],
      record_delimiter: "windows",
      cast: { boolean: (b) => (b ? "true" : "false") },
    },
  )
