import { stableStringify } from "./hash.ts"

/**
 * Which system is authoritative for which field: `{ product: { description: "pim", "*": "erp" } }`.
 * Keys are canonical entities, then top-level fields or `*` for every field not named.
 */
export type OwnershipRules = Readonly<Record<string, Readonly<Record<string, string>>>>

/** The system that owns a field of an entity, if any rule names one. */
export const ownershipFor = (rules: OwnershipRules, entity: string, field: string): string | undefined => {
  const rule = rules[entity]
  if (!rule) return undefined
  return rule[field] ?? rule["*"]
}

export interface MergeResult {
  readonly merged: Record<string, unknown>
  readonly fieldSources: Record<string, string>
  /** Fields the incoming system does not own and that the hub already holds: ignored, not merged. */
  readonly ignoredFields: ReadonlyArray<string>
}

/**
 * Merges an incoming record into the hub's copy under the ownership rules. A field owned by
 * another system keeps the hub's value when the hub has one; when the hub has none yet, the
 * incoming value fills the gap (provisionally: the owner overwrites it on its next sync), so a
 * record is never left incomplete just because its owner has not synced yet.
 */
export const mergeOwned = (input: {
  readonly rules: OwnershipRules
  readonly entity: string
  readonly system: string
  readonly incoming: Readonly<Record<string, unknown>>
  readonly existing?: Readonly<Record<string, unknown>> | undefined
  readonly existingSources?: Readonly<Record<string, string>> | undefined
}): MergeResult => {
  const { rules, entity, system, incoming, existing } = input
  const fieldSources: Record<string, string> = { ...(input.existingSources ?? {}) }
  if (!existing) {
    for (const field of Object.keys(incoming)) fieldSources[field] = system
    return { merged: { ...incoming }, fieldSources, ignoredFields: [] }
  }
  const merged: Record<string, unknown> = {}
  const ignoredFields: string[] = []
  for (const field of new Set([...Object.keys(existing), ...Object.keys(incoming)])) {
    const owner = ownershipFor(rules, entity, field)
    const hubHasValue = existing[field] !== undefined
    const ownedElsewhere = owner !== undefined && owner !== system
    if (ownedElsewhere && hubHasValue && fieldSources[field] !== system) {
      merged[field] = existing[field]
      // Counted only when it would have changed something: re-sending the owner's value is no conflict.
      if (
        field in incoming &&
        field !== "updatedAt" &&
        stableStringify(incoming[field]) !== stableStringify(existing[field])
      ) {
        ignoredFields.push(field)
      }
      continue
    }
    if (field in incoming) {
      merged[field] = incoming[field]
      fieldSources[field] = system
    } else if (ownedElsewhere) {
      merged[field] = existing[field]
    }
    // else: the owner (or anyone, when unowned) sent the record without this field: it was removed.
  }
  return { merged, fieldSources, ignoredFields }
}
