/** Stream positions for SP-API records, ordered like the hub orders them: time, then id. */
import type { StreamCursor } from "../../../core/connector/define.ts"
import { toInstant } from "../../../core/model/index.ts"

/** A position from Amazon's ISO timestamp (normalised to UTC) and the record's id. */
export const positionAt = (at: string, id: string): StreamCursor => ({ at: toInstant(at), id })

/** Orders positions by time, then id (Amazon ids compare as text). */
export const byPosition = (a: StreamCursor, b: StreamCursor): number => {
  const ta = Date.parse(a.at)
  const tb = Date.parse(b.at)
  if (ta !== tb) return ta - tb
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
