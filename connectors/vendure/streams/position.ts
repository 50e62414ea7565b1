/**
 * Where a Vendure record sits in the (updatedAt, id) order, and the incremental window.
 *
 * Seen on Vendure 3.7.3 (SQLite and PostgreSQL): an order's `updatedAt` is not bumped by the
 * payment that places it nor by later state changes (it stays before `orderPlacedAt`), so an
 * order's position is the later of the two. On SQLite, timestamps have second precision and
 * the `after` filter is a strict `>` on stored strings, so the window opens one second before
 * the cursor and the records at or before the cursor itself are dropped here.
 */
import type { StreamCursor } from "../../../core/connector/index.ts"
import { toInstant } from "../../../core/model/index.ts"

/** How far before the cursor the vendor filter starts (second-precision timestamps). */
export const OVERLAP_MS = 1000

const numeric = /^\d+$/

const compareIds = (a: string, b: string): number => {
  if (numeric.test(a) && numeric.test(b) && a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** Negative when `a` comes before `b`; ids compare as numbers (Vendure's default ids are integers). */
export const comparePositions = (a: StreamCursor, b: StreamCursor): number => {
  const byTime = Date.parse(a.at) - Date.parse(b.at)
  return byTime !== 0 ? byTime : compareIds(a.id, b.id)
}

/** True when the record is after the cursor (every record is, without one). */
export const isAfter = (position: StreamCursor, since: StreamCursor | undefined): boolean =>
  since === undefined || comparePositions(position, since) > 0

/** The `after` bound of the vendor filter for a cursor: one overlap before it. */
export const windowStart = (since: StreamCursor): string => new Date(Date.parse(since.at) - OVERLAP_MS).toISOString()

/** An order's position: the later of `updatedAt` and `orderPlacedAt`. */
export const orderPosition = (order: {
  readonly id: string
  readonly updatedAt: string
  readonly orderPlacedAt: string | null
}): StreamCursor => {
  const placed = order.orderPlacedAt === null ? undefined : toInstant(order.orderPlacedAt)
  const updated = toInstant(order.updatedAt)
  return { at: placed !== undefined && Date.parse(placed) > Date.parse(updated) ? placed : updated, id: order.id }
}

/** A record's position by its `updatedAt`. */
export const updatedPosition = (record: { readonly id: string; readonly updatedAt: string }): StreamCursor => ({
  at: toInstant(record.updatedAt),
  id: record.id,
})
