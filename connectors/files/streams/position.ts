/**
 * Positions of file rows: `at` is the file's modification time, `id` is `<file>:<line>` with the
 * line zero-padded, so (at, id) orders files by time then name, and rows by line within a file.
 * The engine's committed cursor therefore says which files the hub has wholly taken in.
 */
import type { StreamCursor } from "../../../core/connector/index.ts"

const LINE_DIGITS = 9

/** The position of the row ending at `line` of `file`. */
export const rowPosition = (file: string, modifiedAt: string, line: number): StreamCursor => ({
  at: modifiedAt,
  id: `${file}:${String(line).padStart(LINE_DIGITS, "0")}`,
})

/** The file and line a position names (undefined for a position this connector did not make). */
export const parsePosition = (
  cursor: StreamCursor,
): { readonly at: number; readonly file: string; readonly line: number } | undefined => {
  const match = /^(.*):(\d+)$/.exec(cursor.id)
  const at = Date.parse(cursor.at)
  if (!match || Number.isNaN(at)) return undefined
  return { at, file: match[1] ?? "", line: Number(match[2]) }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Orders files as their rows' positions order them: by modification time, then name. */
export const compareFiles = (
  a: { readonly at: number; readonly file: string },
  b: { readonly at: number; readonly file: string },
): number => a.at - b.at || compareText(a.file, b.file)
