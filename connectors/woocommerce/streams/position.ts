/**
 * Where a WooCommerce record sits in the (modified, id) order, and the incremental filter.
 *
 * `modified_after` is exclusive and works in whole seconds, so a stream asks from one second
 * before the cursor and drops what is at or before the cursor itself: records sharing the
 * cursor's second with a higher id are not lost.
 */
import type { StreamCursor } from "../../../core/connector/index.ts"
import { toInstant } from "../../../core/model/index.ts"
import { gmtInstant } from "../schemas/common.ts"

/** The position of a record from its `*_gmt` timestamp and numeric id. */
export const positionAt = (gmt: string, id: number): StreamCursor => ({
  at: toInstant(gmtInstant(gmt)),
  id: String(id),
})

/** Negative when `a` comes before `b`; ids compare as numbers. */
export const comparePositions = (a: StreamCursor, b: StreamCursor): number => {
  const byTime = Date.parse(a.at) - Date.parse(b.at)
  if (byTime !== 0) return byTime
  return Number(a.id) - Number(b.id)
}

/** True when the record is after the cursor (every record is, without one). */
export const isAfter = (position: StreamCursor, since: StreamCursor | undefined): boolean =>
  since === undefined || comparePositions(position, since) > 0

/** The `modified_after` value for a cursor: one second earlier, in GMT without a zone, as WooCommerce takes it. */
export const modifiedAfter = (since: StreamCursor): string =>
  new Date(Date.parse(since.at) - 1000).toISOString().slice(0, 19)
