/** Validating property values the way HubSpot does before it writes anything. */
import type { PropertyProblem } from "./errors.ts"
import { propertyCatalogue } from "./properties.ts"
import type { HubspotSandboxState, StoredObject } from "./state.ts"

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const DECIMAL = /^-?\d+(\.\d+)?$/

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** The problems of a `properties` object for `objectType`; empty when HubSpot would accept it. */
export const propertyProblems = (objectType: string, properties: unknown): Array<PropertyProblem> => {
  if (!isRecord(properties))
    return [{ name: "properties", error: "INVALID_INPUT", message: "properties must be an object" }]
  const catalogue = propertyCatalogue[objectType] ?? {}
  const problems: Array<PropertyProblem> = []
  for (const [name, raw] of Object.entries(properties)) {
    const definition = catalogue[name]
    if (definition === undefined) {
      problems.push({ name, error: "PROPERTY_DOESNT_EXIST", message: `Property "${name}" does not exist` })
      continue
    }
    if (raw === null || raw === "") continue
    const value =
      typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : undefined
    if (value === undefined) {
      problems.push({
        name,
        error: "INVALID_INPUT",
        message: `${JSON.stringify(raw)} is not a valid value for ${name}`,
      })
      continue
    }
    if (definition.readOnly) {
      problems.push({
        name,
        error: "READ_ONLY_VALUE",
        message: `"${name}" is a read only property; its value cannot be set.`,
      })
    } else if (definition.type === "bool" && value !== "true" && value !== "false") {
      problems.push({ name, error: "INVALID_BOOLEAN", message: `${value} is not a valid boolean for ${name}` })
    } else if (definition.type === "number" && !DECIMAL.test(value)) {
      problems.push({ name, error: "INVALID_DECIMAL", message: `${value} was not a valid number.` })
    } else if (definition.type === "datetime" && !/^\d+$/.test(value) && Number.isNaN(Date.parse(value))) {
      problems.push({ name, error: "INVALID_DATE", message: `${value} is not a valid date` })
    } else if (definition.type === "enumeration" && !(definition.options ?? []).includes(value)) {
      problems.push({
        name,
        error: "INVALID_OPTION",
        message: `${value} was not one of the allowed options: [${(definition.options ?? []).join(", ")}]`,
      })
    } else if (objectType === "contacts" && name === "email" && !EMAIL.test(value)) {
      problems.push({ name, error: "INVALID_EMAIL", message: `Email address ${value} is invalid` })
    }
  }
  return problems
}

/** Property values as the sandbox stores them: strings, with `null`/"" clearing a value. */
export const normalized = (properties: Record<string, unknown>): Record<string, string | null> =>
  Object.fromEntries(
    Object.entries(properties).map(([name, value]) => [
      name,
      value === null || value === "" ? null : name === "email" ? String(value).toLowerCase() : String(value),
    ]),
  )

/** Whether `name` is a unique-value property of `objectType` (usable as `idProperty`). */
export const isUnique = (objectType: string, name: string): boolean =>
  propertyCatalogue[objectType]?.[name]?.unique === true

/** Lower-cased unique value → record, for one property of one object type's records. */
interface UniqueIndex {
  /** How many records the index was built or kept for: a record added from outside shows as a change. */
  size: number
  readonly byValue: Map<string, StoredObject>
}

// Per records map (a reset brings new maps, and so new indexes), per property. A linear scan
// per lookup made a batch upsert cost 100 scans of the whole account: quadratic in its records.
const uniqueIndexes = new WeakMap<Map<string, StoredObject>, Map<string, UniqueIndex>>()

const buildIndex = (records: Map<string, StoredObject>, name: string): UniqueIndex => {
  const byValue = new Map<string, StoredObject>()
  for (const record of records.values()) {
    const value = record.properties[name]
    if (value !== undefined && value !== "" && !byValue.has(value.toLowerCase()))
      byValue.set(value.toLowerCase(), record)
  }
  const index = { size: records.size, byValue }
  const byName = uniqueIndexes.get(records) ?? new Map<string, UniqueIndex>()
  byName.set(name, index)
  uniqueIndexes.set(records, byName)
  return index
}

/**
 * The record of `objectType` whose unique property `name` has `value` (case-insensitive), if any.
 * Answered from an index that the sandbox's own writes keep (`indexUniqueValues`); a hit that no
 * longer holds the value, or records added from outside, rebuild it.
 */
export const findByUnique = (state: HubspotSandboxState, objectType: string, name: string, value: string) => {
  const records = state.objects[objectType]
  if (records === undefined) return undefined
  const wanted = value.toLowerCase()
  const holds = (record: StoredObject | undefined) =>
    record !== undefined &&
    records.get(record.id) === record &&
    (record.properties[name] ?? "").toLowerCase() === wanted
  const kept = uniqueIndexes.get(records)?.get(name)
  const index = kept === undefined || kept.size !== records.size ? buildIndex(records, name) : kept
  const hit = index.byValue.get(wanted)
  if (hit === undefined || holds(hit)) return hit
  const rebuilt = buildIndex(records, name).byValue.get(wanted)
  return holds(rebuilt) ? rebuilt : undefined
}

/** Keeps the unique-value indexes right after the sandbox created `record` or changed it in place. */
export const indexUniqueValues = (state: HubspotSandboxState, objectType: string, record: StoredObject): void => {
  const records = state.objects[objectType]
  const byName = records === undefined ? undefined : uniqueIndexes.get(records)
  if (records === undefined || byName === undefined) return
  for (const [name, index] of byName) {
    const value = record.properties[name]
    // The entry of a value the record no longer holds stays behind; `findByUnique` sees it fail.
    if (value !== undefined && value !== "") index.byValue.set(value.toLowerCase(), record)
    index.size = records.size
  }
}

/**
 * The unique properties of `values` that another record of `objectType` already holds, with
 * that record's id: HubSpot refuses a second record with the same unique value.
 */
export const uniqueConflicts = (
  state: HubspotSandboxState,
  objectType: string,
  values: Record<string, string | null>,
  selfId?: string,
): Array<{ name: string; value: string; existingId: string }> =>
  Object.entries(values).flatMap(([name, value]) => {
    if (value === null || !isUnique(objectType, name)) return []
    const existing = findByUnique(state, objectType, name, value)
    return existing === undefined || existing.id === selfId ? [] : [{ name, value, existingId: existing.id }]
  })
