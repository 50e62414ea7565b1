/**
 * Criteria evaluation over sandbox rows, as Shopware's DAL does it for the parts esl uses:
 * `ids`, filters (`equals`, `equalsAny`, `contains`, `prefix`, `suffix`, `range`, `multi`, `not`),
 * `sort` (NULLs first ascending, as MySQL sorts), `page`/`limit` and `total-count-mode`.
 */
import type { Row } from "./state.ts"

export class CriteriaError extends Error {
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(detail)
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** The value at a dotted path (`stateMachineState.technicalName`); lists are searched element-wise. */
export const valuesAt = (row: unknown, path: ReadonlyArray<string>): ReadonlyArray<unknown> => {
  if (path.length === 0) return [row]
  const [head, ...rest] = path
  if (Array.isArray(row)) return row.flatMap((item) => valuesAt(item, path))
  if (!isRecord(row) || head === undefined) return [undefined]
  return valuesAt(row[head], rest)
}

const fieldPath = (entity: string, field: string): ReadonlyArray<string> => {
  const parts = field.split(".")
  return parts[0] === entity ? parts.slice(1) : parts
}

const comparable = (v: unknown): string | number | undefined => {
  if (typeof v === "number") return v
  if (typeof v === "string") {
    // The DAL stores UTC; a timestamp without a zone (`2026-11-21 00:00:00.000`) is UTC too.
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`
    const time = /^\d{4}-\d{2}-\d{2}[T ]/.test(v) ? Date.parse(zoned.replace(" ", "T")) : Number.NaN
    return Number.isNaN(time) ? v : time
  }
  return undefined
}

const matches = (entity: string, row: Row, filter: unknown): boolean => {
  if (!isRecord(filter) || typeof filter.type !== "string") {
    throw new CriteriaError("FRAMEWORK__INVALID_FILTER_QUERY", "A filter needs a type.")
  }
  if (filter.type === "multi" || filter.type === "not") {
    const queries = Array.isArray(filter.queries) ? filter.queries : []
    const results = queries.map((q) => matches(entity, row, q))
    const operator = typeof filter.operator === "string" ? filter.operator.toLowerCase() : "and"
    const combined = operator === "or" ? results.some(Boolean) : results.every(Boolean)
    return filter.type === "not" ? !combined : combined
  }
  if (typeof filter.field !== "string") {
    throw new CriteriaError(
      "FRAMEWORK__INVALID_FILTER_QUERY",
      `Parameter "field" for ${filter.type} filter is missing.`,
    )
  }
  const values = valuesAt(row, fieldPath(entity, filter.field))
  switch (filter.type) {
    case "equals":
      return values.some((v) => (v ?? null) === filter.value)
    case "equalsAny": {
      const wanted = Array.isArray(filter.value)
        ? filter.value
        : typeof filter.value === "string"
          ? filter.value.split("|")
          : []
      return values.some((v) => wanted.includes(v))
    }
    case "contains":
      return values.some((v) => typeof v === "string" && v.includes(String(filter.value)))
    case "prefix":
      return values.some((v) => typeof v === "string" && v.startsWith(String(filter.value)))
    case "suffix":
      return values.some((v) => typeof v === "string" && v.endsWith(String(filter.value)))
    case "range": {
      const p = isRecord(filter.parameters) ? filter.parameters : {}
      return values.some((raw) => {
        const v = comparable(raw)
        if (v === undefined) return false
        const bound = (name: string) => (p[name] === undefined ? undefined : comparable(p[name]))
        const gte = bound("gte")
        const gt = bound("gt")
        const lte = bound("lte")
        const lt = bound("lt")
        return (
          (gte === undefined || v >= gte) &&
          (gt === undefined || v > gt) &&
          (lte === undefined || v <= lte) &&
          (lt === undefined || v < lt)
        )
      })
    }
    default:
      throw new CriteriaError("FRAMEWORK__INVALID_FILTER_QUERY", `Unsupported filter type: ${filter.type}`)
  }
}

const compare = (a: unknown, b: unknown): number => {
  const x = comparable(a)
  const y = comparable(b)
  if (x === undefined && y === undefined) return 0
  if (x === undefined) return -1
  if (y === undefined) return 1
  return x < y ? -1 : x > y ? 1 : 0
}

/** Runs a Criteria over `rows`: the page and the total (when asked for). */
export const runCriteria = (
  entity: string,
  rows: ReadonlyArray<Row>,
  criteria: unknown,
): { readonly data: ReadonlyArray<Row>; readonly total: number } => {
  const c = isRecord(criteria) ? criteria : {}
  let found = [...rows]
  if (Array.isArray(c.ids)) {
    const ids = new Set(c.ids)
    found = found.filter((row) => ids.has(row.id))
  }
  const filters = [
    ...(Array.isArray(c.filter) ? c.filter : []),
    ...(Array.isArray(c["post-filter"]) ? c["post-filter"] : []),
  ]
  found = found.filter((row) => filters.every((f) => matches(entity, row, f)))
  const sorts = Array.isArray(c.sort) ? c.sort : []
  found.sort((a, b) => {
    for (const s of sorts) {
      if (!isRecord(s) || typeof s.field !== "string") continue
      const path = fieldPath(entity, s.field)
      const order = String(s.order ?? "ASC").toUpperCase() === "DESC" ? -1 : 1
      const result = compare(valuesAt(a, path)[0], valuesAt(b, path)[0]) * order
      if (result !== 0) return result
    }
    return 0
  })
  const limit = typeof c.limit === "number" && c.limit > 0 ? Math.floor(c.limit) : undefined
  const page = typeof c.page === "number" && c.page > 0 ? Math.floor(c.page) : 1
  const data = limit === undefined ? found : found.slice((page - 1) * limit, page * limit)
  const mode = c["total-count-mode"]
  const total =
    mode === "exact" || mode === 1
      ? found.length
      : mode === "next-pages" || mode === 2
        ? Math.min(found.length, (page + 1) * (limit ?? found.length))
        : data.length
  return { data, total }
}
