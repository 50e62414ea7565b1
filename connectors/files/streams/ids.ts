/** Vendor ids of file records: what stays the same when tomorrow's file repeats a record. */
import type { FileRecord } from "../schemas/record.ts"
import { lastLineOf } from "../schemas/record.ts"

const text = (record: FileRecord, field: string): string | undefined => {
  const value = record.rows[0].values[field]
  if (value === null || value === undefined) return undefined
  const s = String(value).trim()
  return s === "" ? undefined : s
}

/** The fields' texts joined with `sep`, or `<file>:<line>` when the first is missing (a row to dead-letter). */
export const idFrom =
  (fields: ReadonlyArray<string>, sep: string) =>
  (record: FileRecord): string => {
    const [first, ...rest] = fields
    const head = first === undefined ? undefined : text(record, first)
    if (head === undefined) return `${record.file}:${lastLineOf(record)}`
    return [head, ...rest.flatMap((f) => text(record, f) ?? [])].join(sep)
  }
