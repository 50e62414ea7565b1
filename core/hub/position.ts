import type { StreamCursor } from "../connector/index.ts"

const numeric = /^\d+$/

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const compareIds = (a: string, b: string): number => {
  if (numeric.test(a) && numeric.test(b)) {
    // By value, however many leading zeros: `007` < `10`.
    const x = a.replace(/^0+(?=\d)/, "")
    const y = b.replace(/^0+(?=\d)/, "")
    if (x.length !== y.length) return x.length - y.length
    return compareText(x, y) || compareText(a, b)
  }
  return compareText(a, b)
}

/** The digits of a timestamp's fraction below the millisecond, as nanoseconds (Date.parse drops them). */
const subMillisecond = (at: string): number => {
  const fraction = /\d{2}:\d{2}:\d{2}\.(\d+)/.exec(at)?.[1] ?? ""
  return Number(fraction.slice(3, 9).padEnd(6, "0"))
}

/** Orders stream positions by (updatedAt, id); ids compare numerically when both are numbers. */
export const comparePositions = (a: StreamCursor, b: StreamCursor): number => {
  const ta = Date.parse(a.at)
  const tb = Date.parse(b.at)
  if (ta !== tb) return ta - tb
  // Vendors with microsecond timestamps: two records in one millisecond are still in time order.
  const fa = subMillisecond(a.at)
  const fb = subMillisecond(b.at)
  if (fa !== fb) return fa - fb
  return compareIds(a.id, b.id)
}

/** True when a record at `position` was already consumed by a cursor at `cursor`. */
export const isAtOrBefore = (position: StreamCursor, cursor: StreamCursor | undefined): boolean =>
  cursor !== undefined && comparePositions(position, cursor) <= 0
