/**
 * Vendure's list options (`filter`, `filterOperator`, `sort`, `skip`, `take`) over in-memory
 * records, as its ListQueryBuilder applies them: string operators eq/notEq/in/notIn/contains,
 * date operators before/after (strict) and isNull, boolean eq, nested `_and`/`_or`, several sort
 * fields in the order given, and the admin list limit of 1000
 * (https://docs.vendure.io/guides/developer-guide/paginated-lists/).
 */
import { GraphQLError } from "graphql"

/** Vendure's `adminListQueryLimit` default. */
export const ADMIN_LIST_LIMIT = 1000

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const asText = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : typeof value === "string" ? value : String(value)

const asTime = (value: unknown): number | undefined => {
  const text = asText(value)
  if (text === undefined) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

const matchesOperators = (value: unknown, operators: Record<string, unknown>): boolean =>
  Object.entries(operators).every(([operator, operand]) => {
    if (operand === null || operand === undefined) return true
    const text = asText(value)
    switch (operator) {
      case "eq":
        return typeof operand === "boolean" ? value === operand : text === asText(operand)
      case "notEq":
        return text !== asText(operand)
      case "in":
        return Array.isArray(operand) && operand.map(asText).includes(text)
      case "notIn":
        return !Array.isArray(operand) || !operand.map(asText).includes(text)
      case "contains":
        return text?.toLowerCase().includes(String(operand).toLowerCase()) === true
      case "isNull":
        return (value === null || value === undefined) === operand
      case "before":
      case "lt": {
        const [a, b] = [asTime(value), asTime(operand)]
        return a !== undefined && b !== undefined && a < b
      }
      case "after":
      case "gt": {
        const [a, b] = [asTime(value), asTime(operand)]
        return a !== undefined && b !== undefined && a > b
      }
      default:
        throw new GraphQLError(`The sandbox does not support the filter operator "${operator}"`, {
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        })
    }
  })

const matches = <R>(
  record: R,
  filter: Record<string, unknown>,
  fields: Readonly<Record<string, (record: R) => unknown>>,
  operator: "AND" | "OR",
): boolean => {
  const clauses = Object.entries(filter).flatMap(([name, operand]): Array<boolean> => {
    if (operand === null || operand === undefined) return []
    if (name === "_and" && Array.isArray(operand)) {
      return [operand.every((f) => isRecord(f) && matches(record, f, fields, "AND"))]
    }
    if (name === "_or" && Array.isArray(operand)) {
      return [operand.some((f) => isRecord(f) && matches(record, f, fields, "AND"))]
    }
    const field = fields[name]
    if (field === undefined || !isRecord(operand)) return [false]
    return [matchesOperators(field(record), operand)]
  })
  if (clauses.length === 0) return true
  return operator === "AND" ? clauses.every(Boolean) : clauses.some(Boolean)
}

const compareValues = (a: unknown, b: unknown): number => {
  if (typeof a === "number" && typeof b === "number") return a - b
  const [ta, tb] = [asTime(a), asTime(b)]
  const bothIds = typeof a === "string" && typeof b === "string" && /^\d+$/.test(a) && /^\d+$/.test(b)
  if (bothIds) return Number(a) - Number(b)
  if (ta !== undefined && tb !== undefined && Number.isNaN(Number(a))) return ta - tb
  const [sa, sb] = [asText(a) ?? "", asText(b) ?? ""]
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

/** The page and total of `records` under Vendure list `options`. */
export const listOf = <R>(
  records: ReadonlyArray<R>,
  options: unknown,
  fields: Readonly<Record<string, (record: R) => unknown>>,
): { items: ReadonlyArray<R>; totalItems: number } => {
  const opts = isRecord(options) ? options : {}
  const take = typeof opts.take === "number" ? opts.take : undefined
  if (take !== undefined && take > ADMIN_LIST_LIMIT) {
    throw new GraphQLError(`Cannot take more than ${ADMIN_LIST_LIMIT} results from a list query`, {
      extensions: { code: "USER_INPUT_ERROR" },
    })
  }
  const operator = opts.filterOperator === "OR" ? "OR" : "AND"
  const filter = isRecord(opts.filter) ? opts.filter : undefined
  const filtered = filter === undefined ? [...records] : records.filter((r) => matches(r, filter, fields, operator))
  const sort = isRecord(opts.sort) ? Object.entries(opts.sort).filter(([, d]) => d === "ASC" || d === "DESC") : []
  const byId = fields.id
  const sorted = [...filtered].sort((a, b) => {
    for (const [name, direction] of sort) {
      const field = fields[name]
      if (field === undefined) continue
      const order = compareValues(field(a), field(b))
      if (order !== 0) return direction === "DESC" ? -order : order
    }
    return byId === undefined ? 0 : compareValues(byId(a), byId(b))
  })
  const skip = Math.max(0, typeof opts.skip === "number" ? opts.skip : 0)
  const limit = take === undefined ? ADMIN_LIST_LIMIT : Math.max(0, take)
  return { items: sorted.slice(skip, skip + limit), totalItems: filtered.length }
}
