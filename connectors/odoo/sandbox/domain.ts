/**
 * Odoo search domains: Polish-notation lists of `&`, `|`, `!` and `[field, operator, value]`
 * leaves, consecutive terms implicitly and-ed. Paths may go through relations
 * (`location_id.usage`, `product_variant_ids.write_date`): through a many2one to its record,
 * through a one2many/many2many to "any of its records".
 * https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#search-domains
 */
import { valueError } from "./errors.ts"
import type { Orm } from "./orm.ts"
import type { Row } from "./schema.ts"

/** A parsed domain: and/or/not over leaves, or a constant. */
export type DomainNode =
  | { readonly kind: "and" | "or"; readonly left: DomainNode; readonly right: DomainNode }
  | { readonly kind: "not"; readonly node: DomainNode }
  | {
      readonly kind: "leaf"
      readonly path: ReadonlyArray<string>
      readonly operator: Operator
      readonly value: unknown
    }
  | { readonly kind: "const"; readonly value: boolean }

const OPERATORS = [
  "=",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "in",
  "not in",
  "like",
  "ilike",
  "not like",
  "not ilike",
  "=like",
  "=ilike",
] as const
type Operator = (typeof OPERATORS)[number]
const isOperator = (op: unknown): op is Operator =>
  typeof op === "string" && (OPERATORS as ReadonlyArray<string>).includes(op)

// Negative operators hold when no related record satisfies the positive one (Odoo ≥ 17 semantics),
// and include empty values, as Odoo's `!=` adds `OR field IS NULL`.
const POSITIVE: Partial<Record<Operator, Operator>> = {
  "!=": "=",
  "not in": "in",
  "not like": "like",
  "not ilike": "ilike",
}

/** Parses a domain, or raises Odoo's ValueError for a malformed one. */
export const parseDomain = (domain: unknown): DomainNode => {
  if (domain === undefined || domain === null || domain === false) return { kind: "const", value: true }
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${JSON.stringify(domain)}`)
  if (domain.length === 0) return { kind: "const", value: true }
  let position = 0
  const term = (): DomainNode => {
    if (position >= domain.length) throw valueError(`Invalid domain: missing term in ${JSON.stringify(domain)}`)
    const item: unknown = domain[position++]
    if (item === "&" || item === "|") {
      const left = term()
      const right = term()
      return { kind: item === "&" ? "and" : "or", left, right }
    }
    if (item === "!") return { kind: "not", node: term() }
    return leaf(item)
  }
  let node = term()
  while (position < domain.length) node = { kind: "and", left: node, right: term() }
  return node
}

const leaf = (item: unknown): DomainNode => {
  if (!Array.isArray(item) || item.length !== 3) throw valueError(`Invalid leaf ${JSON.stringify(item)}`)
  const [field, operator, value] = item
  if (field === 1 && operator === "=" && value === 1) return { kind: "const", value: true }
  if (field === 0 && operator === "=" && value === 1) return { kind: "const", value: false }
  if (typeof field !== "string" || field === "") throw valueError(`Invalid leaf ${JSON.stringify(item)}`)
  if (!isOperator(operator)) throw valueError(`Invalid leaf operator ${JSON.stringify(operator)}`)
  return { kind: "leaf", path: field.split("."), operator, value }
}

/** Whether any leaf of the domain looks at `field` (Odoo then leaves out its implicit `active` filter). */
export const mentions = (node: DomainNode, field: string): boolean => {
  switch (node.kind) {
    case "and":
    case "or":
      return mentions(node.left, field) || mentions(node.right, field)
    case "not":
      return mentions(node.node, field)
    case "leaf":
      return node.path[0] === field
    case "const":
      return false
  }
}

/** Checks every path of the domain against the model's fields (Odoo does so before searching). */
export const validateDomain = (orm: Orm, model: string, node: DomainNode): void => {
  if (node.kind === "and" || node.kind === "or") {
    validateDomain(orm, model, node.left)
    validateDomain(orm, model, node.right)
  } else if (node.kind === "not") {
    validateDomain(orm, model, node.node)
  } else if (node.kind === "leaf") {
    let current = model
    for (const [index, name] of node.path.entries()) {
      const field = orm.field(current, name, () =>
        valueError(`Invalid field ${current}.${name} in condition ${JSON.stringify(node.path.join("."))}`),
      )
      if (index < node.path.length - 1) {
        if (field.relation === undefined)
          throw valueError(`Invalid path ${node.path.join(".")}: ${name} is not relational`)
        current = field.relation
      }
    }
  }
}

/** Whether `row` of `model` satisfies the domain. */
export const matches = (orm: Orm, model: string, row: Row, node: DomainNode): boolean => {
  switch (node.kind) {
    case "const":
      return node.value
    case "and":
      return matches(orm, model, row, node.left) && matches(orm, model, row, node.right)
    case "or":
      return matches(orm, model, row, node.left) || matches(orm, model, row, node.right)
    case "not":
      return !matches(orm, model, row, node.node)
    case "leaf": {
      const positive = POSITIVE[node.operator]
      return positive === undefined
        ? holds(orm, model, row, node.path, node.operator, node.value)
        : !holds(orm, model, row, node.path, positive, node.value)
    }
  }
}

const isEmpty = (v: unknown): boolean =>
  v === false || v === null || v === undefined || (Array.isArray(v) && v.length === 0)

const holds = (
  orm: Orm,
  model: string,
  row: Row,
  path: ReadonlyArray<string>,
  operator: Operator,
  value: unknown,
): boolean => {
  const [name = "", ...rest] = path
  const field = orm.field(model, name)
  const raw = orm.value(model, row, name)
  if (rest.length > 0 && field.relation !== undefined) {
    const ids = field.type === "many2one" ? (typeof raw === "number" ? [raw] : []) : idList(raw)
    const relation = field.relation
    return ids.some((id) => {
      const target = orm.get(relation, id)
      return target !== undefined && holds(orm, relation, target, rest, operator, value)
    })
  }
  if (field.type === "many2one" || field.type === "one2many" || field.type === "many2many") {
    const ids = field.type === "many2one" ? (typeof raw === "number" ? [raw] : []) : idList(raw)
    const relation = field.relation ?? ""
    if (operator === "=" && isEmpty(value)) return ids.length === 0
    if (operator === "in" && ids.length === 0) return Array.isArray(value) && value.includes(false)
    return ids.some((id) => {
      if (typeof value === "string" || operator.includes("like")) {
        const target = orm.get(relation, id)
        return target !== undefined && compare(orm.displayName(relation, target), operator, value)
      }
      return compare(id, operator, value)
    })
  }
  return compare(raw, operator, value)
}

const idList = (raw: unknown): ReadonlyArray<number> =>
  Array.isArray(raw) ? raw.filter((id): id is number => typeof id === "number") : []

/** A SQL LIKE pattern as a regular expression (`%` any run, `_` one character). */
const likePattern = (pattern: string, caseInsensitive: boolean): RegExp =>
  new RegExp(
    `^${pattern
      .split("")
      .map((c) => (c === "%" ? ".*" : c === "_" ? "." : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
    caseInsensitive ? "is" : "s",
  )

const compare = (raw: unknown, operator: Operator, value: unknown): boolean => {
  const empty = raw === false || raw === null || raw === undefined
  switch (operator) {
    case "=":
      return value === false || value === null ? empty : !empty && raw === value
    case "in":
      return Array.isArray(value) && (value.includes(raw) || (empty && value.includes(false)))
    case ">":
    case ">=":
    case "<":
    case "<=": {
      if (typeof raw === "number" && typeof value === "number") return ordered(raw, operator, value)
      if (typeof raw === "string" && typeof value === "string") return ordered(raw, operator, value)
      return false
    }
    case "like":
    case "ilike": {
      if (empty || typeof value !== "string") return false
      const text = String(raw)
      return operator === "like" ? text.includes(value) : text.toLowerCase().includes(value.toLowerCase())
    }
    case "=like":
    case "=ilike":
      return !empty && typeof value === "string" && likePattern(value, operator === "=ilike").test(String(raw))
    default:
      return false
  }
}

const ordered = <T extends number | string>(a: T, operator: ">" | ">=" | "<" | "<=", b: T): boolean =>
  operator === ">" ? a > b : operator === ">=" ? a >= b : operator === "<" ? a < b : a <= b
