import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Exit, Logger, LogLevel, Option, Stream } from "effect"
import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import { VendorResponseError } from "../connector/errors.ts"
import { makeHttpClient } from "./client.ts"
import {
  cursorPages,
  graphqlConnectionPages,
  linkHeaderPages,
  offsetPages,
  pageNumberPages,
  paginate,
  parseLinkHeader,
} from "./paginate.ts"

const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toArray)

const items = Array.from({ length: 7 }, (_, i) => i + 1)

describe("paginate", () => {
  it.effect("follows next tokens until there is none, page by page in order", () =>
    Effect.gen(function* () {
      const pages = yield* collect(
        paginate("a", (token: string) =>
          Effect.succeed({
            items: [token],
            next: token === "a" ? Option.some("b") : token === "b" ? Option.some("c") : Option.none(),
          }),
        ),
      )
      expect(pages).toEqual([["a"], ["b"], ["c"]])
    }),
  )

  it.effect("fails instead of looping when a page token comes back", () =>
    Effect.gen(function* () {
      let calls = 0
      const exit = yield* Effect.exit(
        collect(
          paginate(
            "a",
            (token: string) => {
              calls += 1
              return Effect.succeed({ items: [token], next: Option.some(token === "a" ? "b" : "a") })
            },
            { system: "vendor", operation: "products" },
          ),
        ),
      )
      expect(exit).toMatchObject({
        _tag: "Failure",
        cause: { error: { _tag: "VendorResponseError", system: "vendor", operation: "products" } },
      })
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain("pagination did not advance")
      expect(calls).toBe(2)
    }),
  )

  it.effect("can be run again from the start (visited tokens are per run)", () =>
    Effect.gen(function* () {
      const stream = paginate(1, (n: number) =>
        Effect.succeed({ items: [n], next: n < 2 ? Option.some(n + 1) : Option.none() }),
      )
      expect(yield* collect(stream)).toEqual([[1], [2]])
      expect(yield* collect(stream)).toEqual([[1], [2]])
    }),
  )

  it.effect("fetches lazily: taking the first page fetches one page", () =>
    Effect.gen(function* () {
      let calls = 0
      const stream = paginate(0, (n: number) => {
        calls += 1
        return Effect.succeed({ items: [n], next: Option.some(n + 1) })
      })
      expect(yield* collect(Stream.take(stream, 1))).toEqual([[0]])
      expect(calls).toBe(1)
    }),
  )
})

describe("offsetPages", () => {
  it.effect("stops at the first short page", () =>
    Effect.gen(function* () {
      const offsets: Array<number> = []
      const pages = yield* collect(
        offsetPages({
          pageSize: 3,
          fetch: (offset, limit) => {
            offsets.push(offset)
            return Effect.succeed(items.slice(offset, offset + limit))
          },
        }),
      )
      expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]])
      expect(offsets).toEqual([0, 3, 6])
    }),
  )

  it.effect("stops at the empty page after an exact multiple, without yielding it", () =>
    Effect.gen(function* () {
      const pages = yield* collect(
        offsetPages({ pageSize: 7, fetch: (offset, limit) => Effect.succeed(items.slice(offset, offset + limit)) }),
      )
      expect(pages).toEqual([items])
    }),
  )
})

describe("pageNumberPages", () => {
  it.effect("stops at totalPages without asking for more", () =>
    Effect.gen(function* () {
      const asked: Array<number> = []
      const pages = yield* collect(
        pageNumberPages({
          fetch: (page) => {
            asked.push(page)
            return Effect.succeed({ items: items.slice((page - 1) * 3, page * 3), totalPages: 3 })
          },
        }),
      )
      expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]])
      expect(asked).toEqual([1, 2, 3])
    }),
  )

  it.effect("stops at the first empty page when the total is unknown, starting from firstPage", () =>
    Effect.gen(function* () {
      const asked: Array<number> = []
      const pages = yield* collect(
        pageNumberPages({
          firstPage: 0,
          fetch: (page) => {
            asked.push(page)
            return Effect.succeed({ items: items.slice(page * 4, page * 4 + 4) })
          },
        }),
      )
      expect(pages).toEqual([
        [1, 2, 3, 4],
        [5, 6, 7],
      ])
      expect(asked).toEqual([0, 1, 2])
    }),
  )
})

describe("cursorPages", () => {
  it.effect("passes each next cursor on and stops when there is none", () =>
    Effect.gen(function* () {
      const cursors: Array<string | undefined> = []
      const pages = yield* collect(
        cursorPages({
          fetch: (cursor) => {
            cursors.push(cursor)
            const from = cursor === undefined ? 0 : Number(cursor)
            const next = from + 3 < items.length ? String(from + 3) : null
            return Effect.succeed({ items: items.slice(from, from + 3), nextCursor: next })
          },
        }),
      )
      expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]])
      expect(cursors).toEqual([undefined, "3", "6"])
    }),
  )

  it.effect("fails when the vendor keeps returning the same cursor", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(
        collect(cursorPages({ fetch: () => Effect.succeed({ items: [1], nextCursor: "same" }) })),
      )
      expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "VendorResponseError" } } })
    }),
  )
})

describe("graphqlConnectionPages", () => {
  it.effect("follows endCursor while hasNextPage", () =>
    Effect.gen(function* () {
      const afters: Array<string | null> = []
      const pages = yield* collect(
        graphqlConnectionPages({
          fetch: (after) => {
            afters.push(after)
            const from = after === null ? 0 : Number(after.slice(1))
            const to = Math.min(from + 4, items.length)
            return Effect.succeed({
              nodes: items.slice(from, to),
              pageInfo: { hasNextPage: to < items.length, endCursor: `c${to}` },
            })
          },
        }),
      )
      expect(pages).toEqual([
        [1, 2, 3, 4],
        [5, 6, 7],
      ])
      expect(afters).toEqual([null, "c4"])
    }),
  )

  it.effect("fails when hasNextPage is true but there is no endCursor", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(
        collect(
          graphqlConnectionPages({
            fetch: () => Effect.succeed({ nodes: [1], pageInfo: { hasNextPage: true, endCursor: null } }),
          }),
        ),
      )
      expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "VendorResponseError" } } })
    }),
  )

  it.effect("fails when endCursor does not move", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(
        collect(
          graphqlConnectionPages({
            fetch: () => Effect.succeed({ nodes: [1], pageInfo: { hasNextPage: true, endCursor: "stuck" } }),
          }),
        ),
      )
      expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "VendorResponseError" } } })
    }),
  )
})

describe("parseLinkHeader", () => {
  it("reads Shopify's previous/next links", () => {
    expect(
      parseLinkHeader(
        '<https://shop.test/admin/api/2024-01/products.json?limit=2&page_info=abc>; rel="previous", <https://shop.test/admin/api/2024-01/products.json?limit=2&page_info=def>; rel="next"',
      ),
    ).toEqual({
      previous: "https://shop.test/admin/api/2024-01/products.json?limit=2&page_info=abc",
      next: "https://shop.test/admin/api/2024-01/products.json?limit=2&page_info=def",
    })
  })

  it("handles commas inside URLs, unquoted and multiple relations", () => {
    expect(
      parseLinkHeader('<https://x.test/a?ids=1,2,3>; rel=next, <https://x.test/z>; title="end"; rel="last prev"'),
    ).toEqual({
      next: "https://x.test/a?ids=1,2,3",
      last: "https://x.test/z",
      prev: "https://x.test/z",
    })
  })

  it("returns nothing for an empty header", () => {
    expect(parseLinkHeader("")).toEqual({})
  })
})

describe("linkHeaderPages", () => {
  const BASE = "https://shop.test/admin/api/2024-01"
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())

  const link = (rels: Record<string, string>) =>
    Object.entries(rels)
      .map(([rel, pageInfo]) => `<${BASE}/products.json?limit=2&page_info=${pageInfo}>; rel="${rel}"`)
      .join(", ")

  const itemsOf = (body: unknown) =>
    typeof body === "object" && body !== null && "products" in body && Array.isArray(body.products)
      ? Effect.succeed(body.products.map((p: unknown) => p))
      : Effect.fail(new VendorResponseError({ system: "shop", operation: "products", detail: "no products" }))

  it.effect("follows rel=next, never rel=previous, and sends the first query only once", () =>
    Effect.gen(function* () {
      const urls: Array<string> = []
      server.use(
        http.get(`${BASE}/products.json`, ({ request }) => {
          urls.push(request.url)
          const pageInfo = new URL(request.url).searchParams.get("page_info")
          if (pageInfo === null)
            return HttpResponse.json({ products: [1, 2] }, { headers: { Link: link({ next: "p2" }) } })
          if (pageInfo === "p2") {
            return HttpResponse.json({ products: [3, 4] }, { headers: { Link: link({ previous: "p1", next: "p3" }) } })
          }
          // The last page links back only.
          return HttpResponse.json({ products: [5] }, { headers: { Link: link({ previous: "p2" }) } })
        }),
      )
      const client = makeHttpClient({ system: "shop", baseUrl: BASE })
      const pages = yield* collect(
        linkHeaderPages({ client, request: { method: "GET", path: "products.json", query: { limit: 2 } }, itemsOf }),
      )
      expect(pages).toEqual([[1, 2], [3, 4], [5]])
      expect(urls).toEqual([
        `${BASE}/products.json?limit=2`,
        `${BASE}/products.json?limit=2&page_info=p2`,
        `${BASE}/products.json?limit=2&page_info=p3`,
      ])
    }).pipe(Logger.withMinimumLogLevel(LogLevel.None)),
  )

  it.effect("fails instead of looping when rel=next points back to a page already fetched", () =>
    Effect.gen(function* () {
      let calls = 0
      server.use(
        http.get(`${BASE}/products.json`, () => {
          calls += 1
          return HttpResponse.json({ products: [calls] }, { headers: { Link: link({ next: "same" }) } })
        }),
      )
      const client = makeHttpClient({ system: "shop", baseUrl: BASE })
      const exit = yield* Effect.exit(
        collect(linkHeaderPages({ client, request: { method: "GET", path: "products.json" }, itemsOf })),
      )
      expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "VendorResponseError", system: "shop" } } })
      expect(calls).toBe(2)
    }).pipe(Logger.withMinimumLogLevel(LogLevel.None)),
  )
})
