/**
 * Paging loops, written once. Each yields one element per page (the page's items), so a caller
 * can checkpoint per page and memory stays flat however large the collection. Empty pages are
 * skipped. Every loop refuses to revisit a page token, so a vendor bug cannot make it spin.
 */
import { Chunk, Effect, Option, Stream } from "effect"
import { type ConnectorError, VendorResponseError } from "../connector/errors.ts"
import type { HttpClient, HttpRequest } from "./client.ts"

/** One fetched page: its items and the token of the next page, if any. */
export interface Page<Token, Item> {
  readonly items: ReadonlyArray<Item>
  readonly next: Option.Option<Token>
}

/** Names for the error raised when paging goes wrong; defaults `unknown` / `pagination`. */
export interface PagingLabel {
  readonly system?: string
  readonly operation?: string
}

// Tokens are compared by value: a cursor string, a page number, or a request object.
const keyOf = (token: unknown): string =>
  typeof token === "object" && token !== null ? `json:${JSON.stringify(token)}` : `${typeof token}:${String(token)}`

const notAdvancing = (label: PagingLabel, detail: string) =>
  new VendorResponseError({
    system: label.system ?? "unknown",
    operation: label.operation ?? "pagination",
    detail,
  })

/**
 * The generic loop: fetch the page for `first`, then for each `next` token until there is none.
 * Fails with VendorResponseError "pagination did not advance" when a token comes back twice.
 *
 * @example
 * paginate(0, (offset) => fetchOrders(offset).pipe(Effect.map((items) => ({ items, next: Option.some(offset + 50) }))))
 */
export const paginate = <Token, Item, E, R>(
  first: Token,
  fetchPage: (token: Token) => Effect.Effect<Page<Token, Item>, E, R>,
  label: PagingLabel = {},
): Stream.Stream<ReadonlyArray<Item>, E | VendorResponseError, R> =>
  // Suspended so that each run of the stream starts with its own memory of visited tokens.
  Stream.suspend(() => {
    const visited = new Set<string>([keyOf(first)])
    return Stream.paginateChunkEffect(first, (token: Token) =>
      fetchPage(token).pipe(
        Effect.flatMap(({ items, next }) => {
          if (Option.isSome(next)) {
            const key = keyOf(next.value)
            if (visited.has(key)) {
              return Effect.fail(
                notAdvancing(label, `pagination did not advance: the next page token ${key} was already fetched`),
              )
            }
            visited.add(key)
          }
          return Effect.succeed([Chunk.of(items), next] as const)
        }),
      ),
    )
  }).pipe(Stream.filter((items) => items.length > 0))

/**
 * `offset`/`limit` paging; a page shorter than `pageSize` is the last one.
 */
export const offsetPages = <Item, E, R>(
  options: {
    readonly pageSize: number
    readonly fetch: (offset: number, limit: number) => Effect.Effect<ReadonlyArray<Item>, E, R>
  } & PagingLabel,
): Stream.Stream<ReadonlyArray<Item>, E | VendorResponseError, R> =>
  paginate(
    0,
    (offset: number) =>
      options.fetch(offset, options.pageSize).pipe(
        Effect.map((items) => ({
          items,
          next: items.length < options.pageSize ? Option.none() : Option.some(offset + items.length),
        })),
      ),
    options,
  )

/**
 * `page=1,2,3…` paging; stops at `totalPages` when the vendor reports it (WooCommerce
 * `X-WP-TotalPages`), else at the first empty page.
 */
export const pageNumberPages = <Item, E, R>(
  options: {
    /** default 1 */
    readonly firstPage?: number
    readonly fetch: (
      page: number,
    ) => Effect.Effect<{ readonly items: ReadonlyArray<Item>; readonly totalPages?: number | undefined }, E, R>
  } & PagingLabel,
): Stream.Stream<ReadonlyArray<Item>, E | VendorResponseError, R> =>
  paginate(
    options.firstPage ?? 1,
    (page: number) =>
      options.fetch(page).pipe(
        Effect.map(({ items, totalPages }) => ({
          items,
          next:
            items.length === 0 || (totalPages !== undefined && page >= totalPages)
              ? Option.none()
              : Option.some(page + 1),
        })),
      ),
    options,
  )

/**
 * Opaque-cursor paging (next tokens, `search_after`): the first call gets `undefined`, the rest
 * the cursor the previous page returned; a missing or empty cursor ends it.
 */
export const cursorPages = <Item, E, R>(
  options: {
    readonly fetch: (
      cursor: string | undefined,
    ) => Effect.Effect<{ readonly items: ReadonlyArray<Item>; readonly nextCursor: string | null | undefined }, E, R>
  } & PagingLabel,
): Stream.Stream<ReadonlyArray<Item>, E | VendorResponseError, R> =>
  paginate<string | undefined, Item, E, R>(
    undefined,
    (cursor) =>
      options.fetch(cursor).pipe(
        Effect.map(({ items, nextCursor }) => ({
          items,
          next:
            nextCursor === null || nextCursor === undefined || nextCursor === ""
              ? Option.none()
              : Option.some(nextCursor),
        })),
      ),
    options,
  )

/**
 * Parses an RFC 8288 `Link` header into `{ rel: url }`, e.g.
 * `<https://x.test/p?page_info=abc>; rel="next"` gives `{ next: "https://x.test/p?page_info=abc" }`.
 * A link with several relations (`rel="next last"`) is listed under each.
 */
export const parseLinkHeader = (header: string): Record<string, string> => {
  const links: Record<string, string> = {}
  // URLs may contain commas, so split on the `<…>` parts rather than on commas.
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const url = match[1] ?? ""
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? "")
    const names = rel?.[1] ?? rel?.[2] ?? ""
    for (const name of names.trim().split(/\s+/)) {
      if (name !== "" && links[name.toLowerCase()] === undefined) links[name.toLowerCase()] = url
    }
  }
  return links
}

/**
 * Link-header paging (Shopify REST, GitHub): sends `request`, then follows `rel="next"` until
 * there is none. `rel="previous"` is never followed, which is what keeps this loop finite.
 */
export const linkHeaderPages = <Item>(options: {
  readonly client: HttpClient
  readonly request: HttpRequest
  readonly itemsOf: (body: unknown) => Effect.Effect<ReadonlyArray<Item>, VendorResponseError>
  readonly operation?: string
}): Stream.Stream<ReadonlyArray<Item>, ConnectorError> => {
  const { client } = options
  return paginate<HttpRequest, Item, ConnectorError, never>(
    options.request,
    (request) =>
      Effect.gen(function* () {
        const response = yield* client.request(request)
        const items = yield* options.itemsOf(response.body)
        const link = response.headers.link
        const nextUrl = link === undefined ? undefined : parseLinkHeader(link).next
        // The next URL carries the whole query already; sending ours too would duplicate it.
        const { query: _query, ...withoutQuery } = request
        return {
          items,
          next: nextUrl === undefined ? Option.none() : Option.some<HttpRequest>({ ...withoutQuery, path: nextUrl }),
        }
      }),
    { system: client.system, operation: options.operation ?? `${options.request.method} ${options.request.path}` },
  )
}

/**
 * GraphQL connection paging (`pageInfo { hasNextPage endCursor }`, Shopify and others): the
 * first call gets `null`, each next one the previous `endCursor`.
 */
export const graphqlConnectionPages = <Item, E, R>(
  options: {
    readonly fetch: (after: string | null) => Effect.Effect<
      {
        readonly nodes: ReadonlyArray<Item>
        readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null }
      },
      E,
      R
    >
  } & PagingLabel,
): Stream.Stream<ReadonlyArray<Item>, E | VendorResponseError, R> =>
  paginate<string | null, Item, E | VendorResponseError, R>(
    null,
    (after) =>
      options.fetch(after).pipe(
        Effect.flatMap(({ nodes, pageInfo }) => {
          if (!pageInfo.hasNextPage) return Effect.succeed({ items: nodes, next: Option.none() })
          if (pageInfo.endCursor === null || pageInfo.endCursor === "") {
            return Effect.fail(
              notAdvancing(options, "pagination did not advance: hasNextPage is true but endCursor is empty"),
            )
          }
          return Effect.succeed({ items: nodes, next: Option.some(pageInfo.endCursor) })
        }),
      ),
    options,
  )
