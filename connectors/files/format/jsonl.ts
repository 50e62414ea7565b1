/** JSON Lines (https://jsonlines.org): one JSON object per line, UTF-8, blank lines ignored. */
import type { Cell, ParsedRow } from "./rows.ts"

const isCell = (value: unknown): value is Cell =>
  value === null || ["string", "number", "boolean"].includes(typeof value)

/** The rows of a JSON Lines text; a line that is not a flat JSON object is a problem at its line. */
export const parseJsonl = (text: string): ReadonlyArray<ParsedRow> =>
  text.split(/\r?\n/).flatMap((source, index): ParsedRow[] => {
    const line = index + 1
    if (source.trim() === "") return []
    let value: unknown
    try {
      value = JSON.parse(source)
    } catch (error) {
      return [
        { line, cells: {}, problem: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` },
      ]
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return [{ line, cells: {}, problem: "is not a JSON object" }]
    }
    const cells: Record<string, Cell> = {}
    for (const [key, cell] of Object.entries(value)) {
      if (!isCell(cell)) return [{ line, cells: {}, problem: `has a nested value in "${key}"; values must be flat` }]
      cells[key] = cell
    }
    return [{ line, cells }]
  })

/** A JSON Lines text, `\n` after every line. */
export const writeJsonl = (rows: ReadonlyArray<Readonly<Record<string, Cell>>>): string =>
  rows.map((row) => `${JSON.stringify(row)}\n`).join("")
