/** A row as a file holds it, before any column mapping. */
export type Cell = string | number | boolean | null

export interface ParsedRow {
  /** 1-based line of the file where the row ends (a quoted cell may span lines). */
  readonly line: number
  /** Column name → cell; empty when the row could not be parsed. */
  readonly cells: Readonly<Record<string, Cell>>
  /** Why the row could not be parsed (a broken JSON line, an unclosed quote). */
  readonly problem?: string
}
