/**
 * Shopify's search syntax, the part list queries use (https://shopify.dev/docs/api/usage/search-syntax):
 * `field:value`, comparators (`updated_at:>='2025-01-01T00:00:00Z'`), quoted values, a trailing
 * `*` for prefixes, `-field:value` to exclude, terms joined by AND (implicit) and OR. Free text
 * matches the record's title or name. Unknown fields are ignored, as Shopify ignores them.
 */

type Comparator = ":" | ">" | ">=" | "<" | "<="

interface Term {
  readonly field: string | undefined
  readonly comparator: Comparator
  readonly value: string
  readonly negated: boolean
}

/** OR of ANDs. */
export type SearchQuery = ReadonlyArray<ReadonlyArray<Term>>

/** What a record answers for a search field: one value or several (a product's variant SKUs). */
export type FieldValues = (field: string) => ReadonlyArray<string | number | boolean | null> | undefined

const COMPARATORS: Readonly<Record<string, Comparator>> = { ">": ">", ">=": ">=", "<": "<", "<=": "<=" }

const TOKEN = /(-?)(?:([a-z_]+):(>=|<=|>|<)?)?(?:'([^']*)'|"([^"]*)"|(\S+))/gi

export const parseSearch = (query: string | null | undefined): SearchQuery => {
  if (query === null || query === undefined || query.trim() === "") return []
  const groups: Array<Array<Term>> = [[]]
  for (const match of query.matchAll(TOKEN)) {
    const [, minus, field, comparator, single, double, bare] = match
    const value = single ?? double ?? bare ?? ""
    if (field === undefined && value === "OR") {
      groups.push([])
      continue
    }
    if (field === undefined && value === "AND") continue
    groups.at(-1)?.push({
      field: field?.toLowerCase(),
      comparator: field === undefined || comparator === undefined ? ":" : (COMPARATORS[comparator] ?? ":"),
      value,
      negated: minus === "-",
    })
  }
  return groups.filter((g) => g.length > 0)
}

const asTime = (value: string): number => Date.parse(value)

const compare = (actual: string | number | boolean | null, term: Term): boolean => {
  if (actual === null) return false
  if (term.comparator !== ":") {
    const left = typeof actual === "number" ? actual : asTime(String(actual))
    const right = typeof actual === "number" ? Number(term.value) : asTime(term.value)
    if (Number.isNaN(left) || Number.isNaN(right)) return false
    if (term.comparator === ">") return left > right
    if (term.comparator === ">=") return left >= right
    if (term.comparator === "<") return left < right
    return left <= right
  }
  const text = String(actual).toLowerCase()
  const wanted = term.value.toLowerCase()
  return wanted.endsWith("*") ? text.startsWith(wanted.slice(0, -1)) : text === wanted
}

const matchesTerm = (values: FieldValues, term: Term): boolean => {
  if (term.field === undefined) {
    const text = [...(values("title") ?? []), ...(values("name") ?? [])].map((v) => String(v).toLowerCase())
    const found = text.some((t) => t.includes(term.value.toLowerCase()))
    return term.negated ? !found : found
  }
  const actual = values(term.field)
  if (actual === undefined) return true
  const found = actual.some((a) => compare(a, term))
  return term.negated ? !found : found
}

/** True when the record matches the query (an empty query matches everything). */
export const matchesSearch = (query: SearchQuery, values: FieldValues): boolean =>
  query.length === 0 || query.some((group) => group.every((term) => matchesTerm(values, term)))
