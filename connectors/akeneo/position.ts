/** Ordering of stream records by their (updatedAt, id) position. */
import type { StreamCursor } from "../../core/connector/index.ts"

/** A comparator on records by position: updatedAt first (to the millisecond), then id. */
export const comparePositionsOf =
  <A>(positionOf: (record: A) => StreamCursor) =>
  (a: A, b: A): number => {
    const x = positionOf(a)
    const y = positionOf(b)
    const byTime = Date.parse(x.at) - Date.parse(y.at)
    if (byTime !== 0) return byTime
    return x.id < y.id ? -1 : x.id > y.id ? 1 : 0
  }
