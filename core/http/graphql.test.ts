import { Effect, Exit, Logger, LogLevel } from "effect"
import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { makeHttpClient } from "./client.ts"
import { graphqlRequest } from "./graphql.ts"
import type { RateLimiter } from "./rateLimit.ts"

const BASE = "https://shop.test/admin/api/2024-01"
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const run = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.runPromiseExit(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

const THROTTLED = {
  errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
  extensions: { cost: { requestedQueryCost: 50, throttleStatus: { currentlyAvailable: 10, restoreRate: 50 } } },
}
const PRODUCTS = {
  data: { products: { nodes: [{ id: "gid://shopify/Product/1" }] } },
  extensions: { cost: { requestedQueryCost: 50, throttleStatus: { currentlyAvailable: 950, restoreRate: 50 } } },
}

/** Shopify's hook, as the Shopify connector would write it. */
const shopifyThrottle = (body: unknown): number | undefined =>
  typeof body === "object" &&
  body !== null &&
  "errors" in body &&
  Array.isArray(body.errors) &&
  body.errors.some((e: unknown) => JSON.stringify(e).includes('"THROTTLED"'))
    ? 0
    : undefined

/** Answers in turn (the last one repeated), recording the request bodies. */
const graphqlEndpoint = (answers: ReadonlyArray<() => Response>) => {
  const bodies: Array<unknown> = []
  server.use(
    http.post(`${BASE}/graphql.json`, async ({ request }) => {
      bodies.push(await request.json())
      return answers[Math.min(bodies.length - 1, answers.length - 1)]?.() ?? HttpResponse.json({})
    }),
  )
  return bodies
}

const pauses: Array<number> = []
const limiter: RateLimiter = {
  acquire: () => Effect.void,
  pauseFor: (ms) => void pauses.push(ms),
  stats: () => ({ waits: 0, waitedMs: 0 }),
}
const client = makeHttpClient({ system: "shopify", baseUrl: BASE, rateLimiter: limiter, retry: { baseDelayMs: 1 } })
const query = "query Products($first: Int!) { products(first: $first) { nodes { id } } }"

describe("graphqlRequest", () => {
  it("posts query and variables and returns data and extensions", async () => {
    const bodies = graphqlEndpoint([() => HttpResponse.json(PRODUCTS)])
    const exit = await run(
      graphqlRequest(client, { path: "graphql.json", query, variables: { first: 1 }, operation: "products.list" }),
    )
    expect(exit).toEqual(Exit.succeed({ data: PRODUCTS.data, extensions: PRODUCTS.extensions }))
    expect(bodies).toEqual([{ query, variables: { first: 1 } }])
  })

  it("waits out a THROTTLED answer inside a 200, pausing the limiter, then succeeds", async () => {
    pauses.length = 0
    const bodies = graphqlEndpoint([() => HttpResponse.json(THROTTLED), () => HttpResponse.json(PRODUCTS)])
    const extensions: Array<unknown> = []
    const exit = await run(
      graphqlRequest(client, {
        path: "graphql.json",
        query,
        operation: "products.list",
        throttledRetryAfterMs: shopifyThrottle,
        onExtensions: (e) => extensions.push(e),
      }),
    )
    expect(exit).toEqual(Exit.succeed({ data: PRODUCTS.data, extensions: PRODUCTS.extensions }))
    expect(bodies).toHaveLength(2)
    expect(pauses).toEqual([0])
    // The throttled answer's throttleStatus is seen too, so a limiter can resync from it.
    expect(extensions).toEqual([THROTTLED.extensions, PRODUCTS.extensions])
  })

  it("gives up with RateLimited when throttling outlasts maxThrottleRetries", async () => {
    const bodies = graphqlEndpoint([() => HttpResponse.json(THROTTLED)])
    const exit = await run(
      graphqlRequest(client, {
        path: "graphql.json",
        query,
        operation: "products.list",
        throttledRetryAfterMs: shopifyThrottle,
        maxThrottleRetries: 2,
      }),
    )
    expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "RateLimited", system: "shopify" } } })
    expect(bodies).toHaveLength(3)
  })

  it("fails with VendorResponseError carrying the messages and path when errors come without data", async () => {
    graphqlEndpoint([
      () =>
        HttpResponse.json({
          data: null,
          errors: [
            { message: "Field 'titel' doesn't exist on type 'Product'", path: ["products", "nodes", 0, "titel"] },
            { message: "Second problem" },
          ],
        }),
    ])
    const exit = await run(graphqlRequest(client, { path: "graphql.json", query, operation: "products.list" }))
    expect(exit).toMatchObject({
      _tag: "Failure",
      cause: {
        error: {
          _tag: "VendorResponseError",
          operation: "products.list",
          path: "$.products.nodes[0].titel",
          detail: "Field 'titel' doesn't exist on type 'Product' (at $.products.nodes[0].titel); Second problem",
        },
      },
    })
  })

  it("returns the data of a partial answer (data next to errors)", async () => {
    graphqlEndpoint([
      () =>
        HttpResponse.json({
          data: { products: null, shop: { name: "S" } },
          errors: [{ message: "access denied", path: ["products"] }],
        }),
    ])
    const exit = await run(graphqlRequest(client, { path: "graphql.json", query, operation: "shop" }))
    expect(exit).toEqual(Exit.succeed({ data: { products: null, shop: { name: "S" } }, extensions: undefined }))
  })

  it("fails with VendorResponseError when the answer is not a GraphQL object", async () => {
    graphqlEndpoint([() => HttpResponse.text("<html>maintenance</html>")])
    const exit = await run(graphqlRequest(client, { path: "graphql.json", query, operation: "products.list" }))
    expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "VendorResponseError" } } })
  })

  it("retries a query after a 502 but not a mutation, which may have been applied", async () => {
    const queryBodies = graphqlEndpoint([
      () => new HttpResponse(null, { status: 502 }),
      () => HttpResponse.json(PRODUCTS),
    ])
    await run(graphqlRequest(client, { path: "graphql.json", query, operation: "products.list" }))
    expect(queryBodies).toHaveLength(2)

    const mutationBodies = graphqlEndpoint([() => new HttpResponse(null, { status: 502 })])
    const exit = await run(
      graphqlRequest(client, {
        path: "graphql.json",
        query: '# create\nmutation { productCreate(input: {title: "x"}) { product { id } } }',
        operation: "products.create",
      }),
    )
    expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "HttpStatusError", status: 502 } } })
    expect(mutationBodies).toHaveLength(1)
  })
})
