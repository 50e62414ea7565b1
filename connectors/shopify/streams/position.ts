/**
 * Where a Shopify record sits in the (updatedAt, id) order, and the incremental filter.
 *
 * Shopify's `updated_at:>=` search is inclusive and sorting by `UPDATED_AT` has no documented
 * tie-breaker, so a stream asks for everything from the cursor's second on and drops what is at
 * or before the cursor itself, comparing ids as numbers from the GID.
 */
import type { StreamCursor } from "../../../core/connector/index.ts"
import { toInstant } from "../../../core/model/index.ts"
import { gidNumber } from "../schemas/common.ts"

/** The position of a record with a GID and an `updatedAt`. */
export const positionOf = (record: { readonly id: string; readonly updatedAt: string }): StreamCursor => ({
  at: toInstant(record.updatedAt),
  id: record.id,
})

/** Negative when `a` comes before `b`. */
export const comparePositions = (a: StreamCursor, b: StreamCursor): number => {
  const byTime = Date.parse(a.at) - Date.parse(b.at)
  if (byTime !== 0) return byTime
  const x = gidNumber(a.id)
  const y = gidNumber(b.id)
  return x < y ? -1 : x > y ? 1 : 0
}

/** True when the record is after the cursor (every record is, without one). */
export const isAfter = (position: StreamCursor, since: StreamCursor | undefined): boolean =>
  since === undefined || comparePositions(position, since) > 0

/**
 * The search filter for records updated at or after the cursor's time
 * (https://shopify.dev/docs/api/usage/search-syntax); none without a cursor.
 */
export const updatedSince = (since: StreamCursor | undefined): string | undefined =>
  since === undefined ? undefined : `updated_at:>='${since.at}'`
