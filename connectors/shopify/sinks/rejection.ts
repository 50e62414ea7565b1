/** Shopify `userErrors` as rejected records: the reason, and the field as a JSON path in the record. */
import { RecordRejected, type WriteOutcome } from "../../../core/connector/index.ts"
import type { UserError } from "../schemas/common.ts"

/**
 * A user error's `field` (`["input", "variants", "0", "sku"]`) as a JSON path (`$.variants[0].sku`),
 * after dropping the segments that only address the record in the call (`skip`).
 */
export const userErrorPath = (field: ReadonlyArray<string> | null, skip: number): string | undefined => {
  if (field === null) return undefined
  const rest = field.slice(skip)
  if (rest.length === 0) return undefined
  return rest.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), "$")
}

/** A rejected outcome for one record. */
export const rejected = (
  system: string,
  entity: string,
  naturalKey: string,
  reason: string,
  path?: string,
): WriteOutcome => ({
  naturalKey,
  ok: false,
  error: new RecordRejected({
    system,
    entity,
    recordKey: naturalKey,
    reason,
    ...(path === undefined ? {} : { path }),
  }),
})

/** The rejection of one record from its user errors (all of them in the reason, the first one's path). */
export const rejectedByUserErrors = (
  system: string,
  entity: string,
  naturalKey: string,
  errors: ReadonlyArray<UserError>,
  skip: number,
): WriteOutcome => {
  const reason = errors.map((e) => (e.code ? `${e.message} (${e.code})` : e.message)).join("; ")
  return rejected(system, entity, naturalKey, reason, userErrorPath(errors[0]?.field ?? null, skip))
}

/** The index a user error's field points at after `prefix` (`["variants", "3", …]` → 3). */
export const userErrorIndex = (error: UserError, prefix: ReadonlyArray<string>): number | undefined => {
  const field = error.field
  if (field === null || !prefix.every((p, i) => field[i] === p)) return undefined
  const index = field[prefix.length]
  return index !== undefined && /^\d+$/.test(index) ? Number(index) : undefined
}
