import type { StreamCursor } from "../connector/index.ts"

const numeric = /^\d+$/

const compareIds = (a: string, b: string): number => {
  if (numeric.test(a) && numeric.test(b)) {
    if (a.length !== b.length) return a.length - b.length
  }
  return a < b ? -1 : a > b ? 1 : 0
}

/** Orders stream positions by (updatedAt, id); ids compare numerically when both are numbers. */
export const comparePositions = (a: StreamCursor, b: StreamCursor): number => {
  const ta = Date.parse(a.at)
  const tb = Date.parse(b.at)
  if (ta !== tb) return ta - tb
  return compareIds(a.id, b.id)
}

/** True when a record at `position` was already consumed by a cursor at `cursor`. */
export const isAtOrBefore = (position: StreamCursor, cursor: StreamCursor | undefined): boolean =>
  cursor !== undefined && comparePositions(position, cursor) <= 0
