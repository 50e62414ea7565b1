/**
 * The `order` of a search (`"write_date asc, id asc"`), as Postgres applies it: empty values
 * last when ascending and first when descending, and `id` as the final tie-break.
 */
import { valueError } from "./errors.ts"
import type { Orm } from "./orm.ts"
import type { Row } from "./schema.ts"

/** One field of an `order` spec and its direction. */
export interface OrderTerm {
  readonly field: string
  readonly descending: boolean
}

/** Parses an order spec, checking each field exists on the model. */
export const parseOrder = (orm: Orm, model: string, spec: string): ReadonlyArray<OrderTerm> => {
  const terms: Array<OrderTerm> = []
  for (const part of spec.split(",")) {
    const words = part.trim().split(/\s+/)
    const [field = "", direction = "asc", ...extra] = words
    const dir = direction.toLowerCase()
    if (field === "" || extra.length > 0 || (dir !== "asc" && dir !== "desc")) {
      throw valueError(
        `Invalid "order" specified (${spec}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
      )
    }
    orm.field(model, field, () => valueError(`Invalid "order" specified (${spec}): ${model} has no field ${field}`))
    terms.push({ field, descending: dir === "desc" })
  }
  if (!terms.some((t) => t.field === "id")) terms.push({ field: "id", descending: false })
  return terms
}

// `false` is a value of a boolean field, and the empty value of every other field.
const sortKey = (v: unknown, isBoolean: boolean): number | string | undefined => {
  if (typeof v === "number" || typeof v === "string") return v
  if (typeof v === "boolean" && isBoolean) return v ? 1 : 0
  return undefined
}

/** Sorts rows in place by the order terms. */
export const sortRows = (orm: Orm, model: string, rows: Array<Row>, terms: ReadonlyArray<OrderTerm>): Array<Row> =>
  rows.sort((a, b) => {
    for (const term of terms) {
      const isBoolean = orm.field(model, term.field).type === "boolean"
      const va = sortKey(orm.value(model, a, term.field), isBoolean)
      const vb = sortKey(orm.value(model, b, term.field), isBoolean)
      if (va === vb) continue
      // Postgres: NULLS LAST for ASC, NULLS FIRST for DESC.
      if (va === undefined) return term.descending ? -1 : 1
      if (vb === undefined) return term.descending ? 1 : -1
      const cmp = va < vb ? -1 : 1
      return term.descending ? -cmp : cmp
    }
    return 0
  })
