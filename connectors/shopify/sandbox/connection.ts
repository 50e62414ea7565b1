/**
 * Relay connections over in-memory lists, paged like Shopify: opaque base64 cursors holding the
 * last record's sort value and id (so a page boundary survives records changing in between),
 * `first`/`after`, `last`/`before`, `reverse`, and at most 250 per page.
 */
import { GraphQLError } from "graphql"
import { gidNumber } from "../schemas/common.ts"

/** Where a record sorts: its sort value, then its id as a tie-breaker. */
export type SortKey = readonly [value: string | number, id: bigint]

export interface PageArgs {
  readonly first?: number | null
  readonly after?: string | null
  readonly last?: number | null
  readonly before?: string | null
  readonly reverse?: boolean | null
}

const MAX_PAGE = 250

const compareKeys = (a: SortKey, b: SortKey): number => {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0
}

const encodeCursor = (key: SortKey): string =>
  Buffer.from(JSON.stringify({ last_id: key[1].toString(), last_value: key[0] }), "utf8").toString("base64")

const decodeCursor = (cursor: string): SortKey => {
  const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"))
  if (
    typeof parsed === "object" &&
    parsed !== null &&
    "last_id" in parsed &&
    "last_value" in parsed &&
    typeof parsed.last_id === "string" &&
    /^\d+$/.test(parsed.last_id) &&
    (typeof parsed.last_value === "string" || typeof parsed.last_value === "number")
  ) {
    return [parsed.last_value, BigInt(parsed.last_id)]
  }
  throw new Error("not a cursor")
}

const cursorArg = (cursor: string, name: string): SortKey => {
  try {
    return decodeCursor(cursor)
  } catch {
    throw new GraphQLError(`Invalid cursor for current pagination sort: ${name}.`, {
      extensions: { code: "BAD_REQUEST" },
    })
  }
}

/** Sort by id: the default of most Shopify list queries. */
export const byId = <T extends { readonly id: string }>(item: T): SortKey => [0, gidNumber(item.id)]

/** A connection over `items` ordered by `keyOf` (ascending, or descending with `reverse`). */
export const connectionOf = <T>(items: ReadonlyArray<T>, args: PageArgs, keyOf: (item: T) => SortKey) => {
  const first = args.first ?? undefined
  const last = args.last ?? undefined
  if (first === undefined && last === undefined) {
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } })
  }
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value !== undefined && (value < 0 || value > MAX_PAGE)) {
      throw new GraphQLError(`The '${name}' argument must be between 0 and ${MAX_PAGE}.`, {
        extensions: { code: "BAD_REQUEST" },
      })
    }
  }
  const direction = args.reverse === true ? -1 : 1
  const keyed = items.map((node) => ({ node, key: keyOf(node) }))
  keyed.sort((a, b) => direction * compareKeys(a.key, b.key))
  const after = args.after ? cursorArg(args.after, "after") : undefined
  const before = args.before ? cursorArg(args.before, "before") : undefined
  let window = keyed
  if (after !== undefined) window = window.filter((e) => direction * compareKeys(e.key, after) > 0)
  if (before !== undefined) window = window.filter((e) => direction * compareKeys(e.key, before) < 0)
  let page = window
  if (first !== undefined) page = page.slice(0, first)
  if (last !== undefined) page = page.slice(Math.max(0, page.length - last))
  const edges = page.map((e) => ({ cursor: encodeCursor(e.key), node: e.node }))
  const startIndex = page.length === 0 ? -1 : keyed.indexOf(page[0]!)
  const endIndex = page.length === 0 ? -1 : keyed.indexOf(page[page.length - 1]!)
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: first !== undefined ? window.length > page.length : endIndex >= 0 && endIndex < keyed.length - 1,
      hasPreviousPage: last !== undefined ? window.length > page.length : startIndex > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  }
}
