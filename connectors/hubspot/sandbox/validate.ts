/** Validating property values the way HubSpot does before it writes anything. */
import type { PropertyProblem } from "./errors.ts"
import { propertyCatalogue } from "./properties.ts"
import type { HubspotSandboxState } from "./state.ts"

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

/** The record of `objectType` whose unique property `name` has `value` (case-insensitive), if any. */
export const findByUnique = (state: HubspotSandboxState, objectType: string, name: string, value: string) => {
  const wanted = value.toLowerCase()
  for (const record of state.objects[objectType]?.values() ?? []) {
    if ((record.properties[name] ?? "").toLowerCase() === wanted) return record
  }
  return undefined
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
