import { Effect, Logger, LogLevel, Schema } from "effect"
import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { defineConnector, systemFactory } from "../connector/define.ts"
import { instantiateSystem } from "../connector/instantiate.ts"
import { oauth2RefreshToken } from "./auth.ts"
import { makeHttpClient } from "./client.ts"
import { type RateLimiter, tokenBucket } from "./rateLimit.ts"

const BASE = "https://vendor.test"
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const quiet = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** A limiter that only records what it was asked. */
const recorder = (name: string, log: Array<string>): RateLimiter => ({
  acquire: () => Effect.sync(() => void log.push(`acquire ${name}`)),
  pauseFor: (ms) => void log.push(`pause ${name} ${ms > 0 ? "some" : "none"}`),
  stats: () => ({ waits: 0, waitedMs: 0 }),
})

describe("per-operation rate limiters", () => {
  it("paces a request naming an operation by that operation's limiter, then by the client's", async () => {
    server.use(
      http.get(`${BASE}/orders`, () => HttpResponse.json({})),
      http.get(`${BASE}/items`, () => HttpResponse.json({})),
    )
    const log: Array<string> = []
    const client = makeHttpClient({
      system: "vendor",
      baseUrl: BASE,
      rateLimiter: recorder("client", log),
      rateLimiters: { getOrders: recorder("getOrders", log) },
    })
    await quiet(client.request({ method: "GET", path: "orders", operation: "getOrders" }))
    await quiet(client.request({ method: "GET", path: "items", operation: "getOrderItems" }))
    await quiet(client.request({ method: "GET", path: "items" }))
    expect(log).toEqual(["acquire getOrders", "acquire client", "acquire client", "acquire client"])
    expect(Object.keys(client.operationLimiters ?? {})).toEqual(["getOrders"])
  })

  it("pauses only the throttled operation on a 429", async () => {
    let calls = 0
    server.use(
      http.get(`${BASE}/orders`, () => {
        calls += 1
        return calls === 1
          ? HttpResponse.json({}, { status: 429, headers: { "Retry-After": "0" } })
          : HttpResponse.json({})
      }),
    )
    const log: Array<string> = []
    const client = makeHttpClient({
      system: "vendor",
      baseUrl: BASE,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      rateLimiter: recorder("client", log),
      rateLimiters: { getOrders: recorder("getOrders", log) },
    })
    await quiet(client.request({ method: "GET", path: "orders", operation: "getOrders" }))
    expect(log.filter((l) => l.startsWith("pause"))).toEqual(["pause getOrders none"])
  })

  it("sends an OAuth2 access token in the vendor's own header when asked (Amazon's x-amz-access-token)", async () => {
    const seen: Array<string | null> = []
    server.use(
      http.post(`${BASE}/auth/o2/token`, () => HttpResponse.json({ access_token: "Atza|fresh", expires_in: 3600 })),
      http.get(`${BASE}/orders`, ({ request }) => {
        seen.push(request.headers.get("x-amz-access-token"), request.headers.get("authorization"))
        return HttpResponse.json({})
      }),
    )
    const client = makeHttpClient({
      system: "vendor",
      baseUrl: BASE,
      auth: oauth2RefreshToken({
        tokenUrl: "/auth/o2/token",
        clientId: "id",
        clientSecret: "secret",
        refreshToken: "Atzr|r",
        tokenHeader: "x-amz-access-token",
      }),
    })
    await quiet(client.request({ method: "GET", path: "orders" }))
    expect(seen).toEqual(["Atza|fresh", null])
  })

  it("lets a runtime replace each operation's limiter, told the operation's name (a shared budget per operation)", async () => {
    const connector = defineConnector<{ readonly baseUrl: string }, { readonly baseUrl: string }>({
      name: "per-op",
      displayName: "Per operation",
      category: "marketplace",
      apiVersion: "1",
      docsUrl: "https://vendor.test/docs",
      config: Schema.Struct({ baseUrl: Schema.String }),
      http: (config) => ({
        baseUrl: config.baseUrl,
        rateLimiter: tokenBucket({ capacity: 5, refillPerSecond: 5 }),
        rateLimiters: { getOrders: tokenBucket({ capacity: 20, refillPerSecond: 0.0167 }) },
      }),
      defaults: () => ({ locale: "en", currency: "EUR", channel: "x", priceList: "default" }),
      check: () => Effect.succeed({ ok: true as const, detail: "" }),
      streams: {},
      sinks: {},
      sandboxPort: 4999,
      sandbox: () => ({ connector: "per-op", handlers: [], state: undefined, reset: () => undefined }),
    })
    const asked: Array<[string, string | undefined, unknown]> = []
    const system = await Effect.runPromise(
      instantiateSystem(
        "market",
        systemFactory(connector)({ baseUrl: BASE }),
        {},
        {
          rateLimiter: (name, local, operation) => {
            asked.push([name, operation, local?.spec])
            return local ?? recorder("none", [])
          },
        },
      ),
    )
    expect(asked).toEqual([
      ["market", undefined, { kind: "bucket", capacity: 5, perSecond: 5 }],
      ["market", "getOrders", { kind: "bucket", capacity: 20, perSecond: 0.0167 }],
    ])
    expect(system.context.http.operationLimiters?.getOrders?.spec).toEqual({
      kind: "bucket",
      capacity: 20,
      perSecond: 0.0167,
    })
  })
})
