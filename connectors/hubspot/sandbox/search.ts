/**
 * `POST /crm/v3/objects/{objectType}/search`: filter groups (OR of ANDed filters), one sort,
 * `limit` ≤ 200 and `after` as an offset, with the cap on total results a query can page to.
 */
import { badRequest } from "./errors.ts"
import { propertyCatalogue } from "./properties.ts"
import { type HubspotSandboxState, propertyValue, type StoredObject, toPublic } from "./state.ts"

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

interface Filter {
  readonly propertyName: string
  readonly operator: string
  readonly value?: string
  readonly values?: ReadonlyArray<string>
}

const OPERATORS = new Set(["EQ", "NEQ", "GT", "GTE", "LT", "LTE", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"])

const typeOf = (objectType: string, name: string) =>
  name === "hs_object_id" ? "number" : (propertyCatalogue[objectType]?.[name]?.type ?? "string")

/** Comparable form of a value: epoch ms for dates, numbers for numbers, lower case for text. */
const comparable = (objectType: string, name: string, value: string): number | string => {
  const type = typeOf(objectType, name)
  if (type === "datetime") return /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (type === "number") return Number(value)
  return value.toLowerCase()
}

const matches = (objectType: string, record: StoredObject, filter: Filter): boolean => {
  const raw = propertyValue(objectType, record, filter.propertyName)
  if (filter.operator === "HAS_PROPERTY") return raw !== undefined
  if (filter.operator === "NOT_HAS_PROPERTY") return raw === undefined
  if (filter.operator === "IN" || filter.operator === "NOT_IN") {
    const inList =
      raw !== undefined &&
      (filter.values ?? []).some(
        (v) => comparable(objectType, filter.propertyName, v) === comparable(objectType, filter.propertyName, raw),
      )
    return filter.operator === "IN" ? inList : !inList
  }
  if (raw === undefined) return filter.operator === "NEQ"
  const left = comparable(objectType, filter.propertyName, raw)
  const right = comparable(objectType, filter.propertyName, filter.value ?? "")
  switch (filter.operator) {
    case "EQ":
      return left === right
    case "NEQ":
      return left !== right
    case "GT":
      return left > right
    case "GTE":
      return left >= right
    case "LT":
      return left < right
    default:
      return left <= right
  }
}

/** The answer to a search request, or a 400 in HubSpot's shape. */
export const search = (
  state: HubspotSandboxState,
  objectType: string,
  body: unknown,
  resultLimit: number,
): Response | { readonly status: 200; readonly body: Record<string, unknown> } => {
  if (!isRecord(body)) return badRequest("Invalid input JSON: the search request must be an object")
  const limit = body.limit === undefined ? 10 : Number(body.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    return badRequest(`limit must be between 1 and 200, was ${String(body.limit)}`)
  }
  const groups = Array.isArray(body.filterGroups) ? body.filterGroups : []
  if (groups.length > 5) return badRequest(`Too many filter groups (${groups.length}); the maximum is 5`)
  const filterGroups: Array<ReadonlyArray<Filter>> = []
  for (const group of groups) {
    const filters = isRecord(group) && Array.isArray(group.filters) ? group.filters : []
    if (filters.length > 10) return badRequest(`Too many filters in a group (${filters.length}); the maximum is 10`)
    const parsed: Array<Filter> = []
    for (const f of filters) {
      if (!isRecord(f) || typeof f.propertyName !== "string" || typeof f.operator !== "string") {
        return badRequest("Each filter needs a propertyName and an operator")
      }
      if (!OPERATORS.has(f.operator)) return badRequest(`Unsupported operator ${f.operator}`)
      if (f.propertyName !== "hs_object_id" && propertyCatalogue[objectType]?.[f.propertyName] === undefined) {
        return badRequest(`There was a problem with the request: property ${f.propertyName} does not exist`)
      }
      parsed.push({
        propertyName: f.propertyName,
        operator: f.operator,
        ...(f.value === undefined ? {} : { value: String(f.value) }),
        ...(Array.isArray(f.values) ? { values: f.values.map(String) } : {}),
      })
    }
    filterGroups.push(parsed)
  }
  const sorts = Array.isArray(body.sorts) ? body.sorts : []
  if (sorts.length > 1) return badRequest("Only one sort is supported")
  const [sort] = sorts
  const sortBy =
    typeof sort === "string"
      ? { propertyName: sort.replace(/^-/, ""), descending: sort.startsWith("-") }
      : isRecord(sort) && typeof sort.propertyName === "string"
        ? { propertyName: sort.propertyName, descending: sort.direction === "DESCENDING" }
        : { propertyName: "hs_object_id", descending: false }
  const offset = body.after === undefined || body.after === "" ? 0 : Number(body.after)
  if (!Number.isInteger(offset) || offset < 0)
    return badRequest(`after must be a paging token, was ${String(body.after)}`)
  if (offset >= resultLimit) {
    return badRequest(
      `The search API returns at most ${resultLimit} results for a query; after=${offset} pages past them. Narrow the query with a filter instead.`,
    )
  }
  const properties = Array.isArray(body.properties) ? body.properties.map(String) : []

  const all = [...(state.objects[objectType]?.values() ?? [])].filter(
    (record) =>
      filterGroups.length === 0 || filterGroups.some((group) => group.every((f) => matches(objectType, record, f))),
  )
  const key = (record: StoredObject) => {
    const raw = propertyValue(objectType, record, sortBy.propertyName)
    return raw === undefined ? "" : comparable(objectType, sortBy.propertyName, raw)
  }
  // Ties in the sort property come in id order, as HubSpot's do.
  all.sort((a, b) => {
    const x = key(a)
    const y = key(b)
    const bySort = x < y ? -1 : x > y ? 1 : 0
    return (sortBy.descending ? -bySort : bySort) || Number(a.id) - Number(b.id)
  })
  const page = all.slice(offset, Math.min(offset + limit, resultLimit))
  const next = offset + page.length
  return {
    status: 200,
    body: {
      total: all.length,
      results: page.map((record) => toPublic(objectType, record, properties)),
      ...(next < all.length ? { paging: { next: { after: String(next), link: `?after=${next}` } } } : {}),
    },
  }
}
