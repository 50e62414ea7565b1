/**
 * The `search` query parameter (https://api.akeneo.com/documentation/filter.html): a JSON object
 * of property → list of `{ operator, value }`, all of which must hold. The sandbox knows the
 * properties and operators the connector uses, and refuses others the way Akeneo does (400 for
 * bad JSON, 422 for an unsupported filter or a malformed date).
 */

export type Filterable = object

/** A record's property by name (records are the sandbox's own typed rows). */
export const propertyOf = (record: Filterable, name: string): unknown => Reflect.get(record, name)

/** Which operators a property supports, and how to test one record. */
export type FilterSpec = Readonly<
  Record<string, Readonly<Record<string, (record: Filterable, value: unknown) => boolean>>>
>

export type SearchResult =
  | { readonly ok: true; readonly matches: (record: Filterable) => boolean }
  | { readonly ok: false; readonly status: number; readonly message: string }

const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

/** A filter date (`2026-01-01 10:00:00`, UTC) as epoch ms, or undefined when malformed. */
const filterDate = (value: unknown): number | undefined =>
  typeof value === "string" && DATE.test(value) ? Date.parse(`${value.replace(" ", "T")}Z`) : undefined

const stringList = (value: unknown): ReadonlyArray<string> | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined

/** `updated` with `>` / `<` / `BETWEEN`, as Akeneo's date filters. */
export const updatedFilter = (field = "updated") => ({
  ">": (record: Filterable, value: unknown) =>
    Date.parse(String(propertyOf(record, field))) > (filterDate(value) ?? Number.NaN),
  "<": (record: Filterable, value: unknown) =>
    Date.parse(String(propertyOf(record, field))) < (filterDate(value) ?? Number.NaN),
  BETWEEN: (record: Filterable, value: unknown) => {
    const [from, to] = Array.isArray(value) ? value.map(filterDate) : []
    const at = Date.parse(String(propertyOf(record, field)))
    return from !== undefined && to !== undefined && at >= from && at <= to
  },
})

/** `IN` / `NOT IN` on a string field. */
export const inFilter = (field: string) => ({
  IN: (record: Filterable, value: unknown) => stringList(value)?.includes(String(propertyOf(record, field))) ?? false,
  "NOT IN": (record: Filterable, value: unknown) =>
    !(stringList(value)?.includes(String(propertyOf(record, field))) ?? false),
})

/** `=` on a field. */
export const equalsFilter = (field: string) => ({
  "=": (record: Filterable, value: unknown) => propertyOf(record, field) === value,
})

const validValue = (property: string, operator: string, value: unknown): string | undefined => {
  if (property === "updated" || property === "created") {
    const dates = operator === "BETWEEN" ? (Array.isArray(value) ? value : [undefined]) : [value]
    const bad = dates.find((d) => filterDate(d) === undefined)
    if (bad !== undefined || dates.length === 0) {
      return `Property "${property}" expects a string with the format "yyyy-mm-dd H:i:s" as data, "${String(bad)}" given.`
    }
  }
  if ((operator === "IN" || operator === "NOT IN") && stringList(value) === undefined) {
    return `Property "${property}" expects an array as data, "${typeof value}" given.`
  }
  return undefined
}

/** Parses `search` against what the endpoint supports. */
export const parseSearch = (raw: string | null, spec: FilterSpec): SearchResult => {
  if (raw === null || raw === "") return { ok: true, matches: () => true }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return { ok: false, status: 400, message: "Search query parameter should be valid JSON." }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, status: 422, message: "Search query parameter has to be an array." }
  }
  const tests: Array<(record: Filterable) => boolean> = []
  for (const [property, conditions] of Object.entries(parsed)) {
    if (!Array.isArray(conditions)) {
      return {
        ok: false,
        status: 422,
        message: `Structure of filter "${property}" should respect this structure: {"${property}":[{"operator": "my_operator", "value": "my_value"}]}`,
      }
    }
    for (const condition of conditions) {
      const operator = typeof condition === "object" && condition !== null ? String(condition.operator) : ""
      const test = Object.hasOwn(spec, property) ? spec[property]?.[operator] : undefined
      if (test === undefined) {
        return {
          ok: false,
          status: 422,
          message: `Filter on property "${property}" is not supported or does not support operator "${operator}"`,
        }
      }
      const value: unknown = condition.value
      const problem = validValue(property, operator, value)
      if (problem !== undefined) return { ok: false, status: 422, message: problem }
      tests.push((record) => test(record, value))
    }
  }
  return { ok: true, matches: (record) => tests.every((t) => t(record)) }
}
