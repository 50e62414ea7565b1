import { Effect, Exit, Logger, LogLevel } from "effect"
import { delay, HttpResponse, http, passthrough } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { apiKeyHeader, basicAuth, bearerToken } from "./auth.ts"
import { type HttpClientOptions, makeHttpClient } from "./client.ts"
import { captureLogs } from "./logCapture.ts"
import type { RateLimiter } from "./rateLimit.ts"

const BASE = "https://vendor.test/api/v1"
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** Retries happen at once: these tests are about decisions, not timing. */
const fastRetry = { baseDelayMs: 1, maxDelayMs: 2 }
const clientWith = (options: Partial<HttpClientOptions> = {}) =>
  makeHttpClient({ system: "vendor", baseUrl: BASE, retry: fastRetry, ...options })

/** Answers with `answers` in turn (the last one repeated) and counts the calls. */
const sequence = (method: "get" | "post", path: string, answers: ReadonlyArray<() => Response>) => {
  const calls = { count: 0 }
  server.use(
    http[method](`${BASE}${path}`, () => {
      const answer = answers[Math.min(calls.count, answers.length - 1)]
      calls.count += 1
      return answer?.() ?? HttpResponse.json({})
    }),
  )
  return calls
}

/** Runs quietly: retry warnings are asserted where they matter, not printed. */
const run = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.runPromiseExit(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

const ok = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isFailure(exit) && exit.cause._tag === "Fail") return exit.cause.error
  throw new Error(`expected a failure, got ${JSON.stringify(exit)}`)
}

describe("makeHttpClient", () => {
  it("sends query, JSON body and default headers, and returns status, lower-cased headers and body", async () => {
    let seen: { url: string; body: unknown; contentType: string | null; userAgent: string | null } | undefined
    server.use(
      http.post(`${BASE}/orders`, async ({ request }) => {
        seen = {
          url: request.url,
          body: await request.json(),
          contentType: request.headers.get("content-type"),
          userAgent: request.headers.get("user-agent"),
        }
        return HttpResponse.json({ id: 7 }, { status: 201, headers: { "X-Request-Id": "r1" } })
      }),
    )
    const response = await ok(
      clientWith({ userAgent: "esl-test" }).request({
        method: "POST",
        path: "/orders",
        query: { expand: "lines", limit: 5, draft: false, skipped: undefined },
        body: { sku: "A-1" },
      }),
    )
    expect(response).toEqual({
      status: 201,
      headers: expect.objectContaining({ "x-request-id": "r1" }),
      body: { id: 7 },
    })
    expect(seen).toEqual({
      url: `${BASE}/orders?expand=lines&limit=5&draft=false`,
      body: { sku: "A-1" },
      contentType: "application/json",
      userAgent: "esl-test",
    })
  })

  it("retries a 503 and returns the answer that finally succeeds", async () => {
    const calls = sequence("get", "/products", [
      () => new HttpResponse(null, { status: 503 }),
      () => new HttpResponse(null, { status: 503 }),
      () => HttpResponse.json([{ id: 1 }]),
    ])
    const response = await ok(clientWith().request({ method: "GET", path: "products" }))
    expect(response.body).toEqual([{ id: 1 }])
    expect(calls.count).toBe(3)
  })

  it("gives up on a persistent 500 with HttpStatusError after maxAttempts", async () => {
    const calls = sequence("get", "/products", [() => HttpResponse.json({ message: "boom" }, { status: 500 })])
    const error = failure(
      await run(clientWith({ retry: { ...fastRetry, maxAttempts: 3 } }).request({ method: "GET", path: "products" })),
    )
    expect(error).toMatchObject({ _tag: "HttpStatusError", status: 500, body: { message: "boom" } })
    expect(calls.count).toBe(3)
  })

  it("honours a 429's Retry-After, pausing the limiter, then succeeds", async () => {
    const pauses: Array<number> = []
    const costs: Array<number | undefined> = []
    const limiter: RateLimiter = {
      acquire: (cost) => Effect.sync(() => void costs.push(cost)),
      pauseFor: (ms) => void pauses.push(ms),
      stats: () => ({ waits: 0, waitedMs: 0 }),
    }
    const calls = sequence("get", "/products", [
      () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "0" } }),
      () => HttpResponse.json({ ok: true }),
    ])
    const response = await ok(
      clientWith({ rateLimiter: limiter }).request({ method: "GET", path: "products", cost: 5 }),
    )
    expect(response.body).toEqual({ ok: true })
    expect(calls.count).toBe(2)
    expect(pauses).toEqual([0])
    // the limiter is asked before every attempt, with the request's cost
    expect(costs).toEqual([5, 5])
  })

  it("tells the limiter of every answer, the 429 included, with the request's cost", async () => {
    const events: Array<string> = []
    const limiter: RateLimiter = {
      acquire: (cost) => Effect.sync(() => void events.push(`acquire ${cost}`)),
      answered: (cost) => void events.push(`answered ${cost}`),
      pauseFor: () => void events.push("pause"),
      stats: () => ({ waits: 0, waitedMs: 0 }),
    }
    sequence("get", "/products", [
      () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "0" } }),
      () => HttpResponse.json({ ok: true }),
    ])
    await ok(clientWith({ rateLimiter: limiter }).request({ method: "GET", path: "products", cost: 3 }))
    expect(events).toEqual(["acquire 3", "answered 3", "pause", "acquire 3", "answered 3"])
  })

  it("fails with RateLimited when 429s outlast the retries", async () => {
    const calls = sequence("get", "/products", [
      () =>
        HttpResponse.json({ errors: "Exceeded 2 calls per second" }, { status: 429, headers: { "Retry-After": "0" } }),
    ])
    const error = failure(
      await run(clientWith({ retry: { ...fastRetry, maxAttempts: 3 } }).request({ method: "GET", path: "products" })),
    )
    expect(error).toMatchObject({ _tag: "RateLimited", system: "vendor" })
    expect(error.message).toContain("Exceeded 2 calls per second")
    expect(calls.count).toBe(3)
  })

  it("does not wait for a Retry-After beyond five minutes", async () => {
    const calls = sequence("get", "/products", [
      () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "86400" } }),
    ])
    const error = failure(await run(clientWith().request({ method: "GET", path: "products" })))
    expect(error).toMatchObject({ _tag: "RateLimited", retryAfterMs: 86_400_000 })
    expect(calls.count).toBe(1)
  })

  it("returns a 422 as HttpStatusError with the vendor's body, without retrying", async () => {
    const vendorBody = { errors: { sku: ["has already been taken"] } }
    const calls = sequence("post", "/products", [() => HttpResponse.json(vendorBody, { status: 422 })])
    const error = failure(await run(clientWith().request({ method: "POST", path: "products", body: { sku: "A" } })))
    expect(error).toMatchObject({ _tag: "HttpStatusError", status: 422, method: "POST", body: vendorBody })
    expect(error.message).toContain("has already been taken")
    expect(calls.count).toBe(1)
  })

  it("does not resend a POST after a 500 (it may have been processed)", async () => {
    const calls = sequence("post", "/orders", [() => new HttpResponse(null, { status: 500 })])
    const error = failure(await run(clientWith().request({ method: "POST", path: "orders", body: {} })))
    expect(error).toMatchObject({ _tag: "HttpStatusError", status: 500 })
    expect(calls.count).toBe(1)
  })

  it("resends a POST after a 429 or a 503 with Retry-After (not processed)", async () => {
    const calls = sequence("post", "/orders", [
      () => new HttpResponse(null, { status: 429 }),
      () => new HttpResponse(null, { status: 503, headers: { "Retry-After": "0" } }),
      () => HttpResponse.json({ id: 1 }, { status: 201 }),
    ])
    const response = await ok(clientWith().request({ method: "POST", path: "orders", body: {} }))
    expect(response.status).toBe(201)
    expect(calls.count).toBe(3)
  })

  it("retries a POST marked idempotent like a GET", async () => {
    const calls = sequence("post", "/search", [
      () => new HttpResponse(null, { status: 502 }),
      () => HttpResponse.json([]),
    ])
    await ok(clientWith().request({ method: "POST", path: "search", body: {}, idempotent: true }))
    expect(calls.count).toBe(2)
  })

  it("fails with AuthError on a 401 when the credentials cannot be refreshed", async () => {
    const calls = sequence("get", "/me", [() => HttpResponse.json({ error: "invalid_token" }, { status: 401 })])
    const error = failure(
      await run(clientWith({ auth: bearerToken("tok-abcdef") }).request({ method: "GET", path: "me" })),
    )
    expect(error).toMatchObject({ _tag: "AuthError", status: 401, detail: "invalid_token" })
    expect(calls.count).toBe(1)
  })

  it("fails with AuthError on a 403", async () => {
    sequence("get", "/admin", [() => HttpResponse.json({ message: "missing scope read_orders" }, { status: 403 })])
    const error = failure(await run(clientWith().request({ method: "GET", path: "admin" })))
    expect(error).toMatchObject({ _tag: "AuthError", status: 403, detail: "missing scope read_orders" })
  })

  it("turns a dropped connection into NetworkError after retrying a GET", async () => {
    const calls = sequence("get", "/products", [() => HttpResponse.error()])
    const error = failure(
      await run(clientWith({ retry: { ...fastRetry, maxAttempts: 2 } }).request({ method: "GET", path: "products" })),
    )
    expect(error).toMatchObject({ _tag: "NetworkError", reason: "connection", method: "GET", url: `${BASE}/products` })
    expect(calls.count).toBe(2)
  })

  it("does not resend a POST whose connection dropped (it may have arrived)", async () => {
    const calls = sequence("post", "/orders", [() => HttpResponse.error()])
    const error = failure(await run(clientWith().request({ method: "POST", path: "orders", body: {} })))
    expect(error).toMatchObject({ _tag: "NetworkError", reason: "connection" })
    expect(calls.count).toBe(1)
  })

  it("resends a POST whose connection was refused (it never arrived)", async () => {
    const calls = { count: 0 }
    // Port 1 on localhost: nothing listens there, so the connection is refused for real.
    server.use(
      http.post("http://127.0.0.1:1/orders", () => {
        calls.count += 1
        return passthrough()
      }),
    )
    const client = makeHttpClient({
      system: "vendor",
      baseUrl: "http://127.0.0.1:1",
      retry: { ...fastRetry, maxAttempts: 2 },
    })
    const error = failure(await run(client.request({ method: "POST", path: "orders", body: {} })))
    expect(error).toMatchObject({
      _tag: "NetworkError",
      reason: "connection",
      detail: expect.stringContaining("ECONNREFUSED"),
    })
    expect(calls.count).toBe(2)
  })

  it("turns a timeout into NetworkError with reason timeout", async () => {
    server.use(
      http.get(`${BASE}/slow`, async () => {
        await delay(500)
        return HttpResponse.json({})
      }),
    )
    const error = failure(
      await run(clientWith({ retry: { maxAttempts: 1 } }).request({ method: "GET", path: "slow", timeoutMs: 20 })),
    )
    expect(error).toMatchObject({ _tag: "NetworkError", reason: "timeout" })
  })

  it.each([
    {
      name: "basic",
      auth: basicAuth("ck_user", "cs_pass"),
      header: "authorization",
      value: `Basic ${btoa("ck_user:cs_pass")}`,
    },
    { name: "bearer", auth: bearerToken("tok-123456"), header: "authorization", value: "Bearer tok-123456" },
    {
      name: "api key",
      auth: apiKeyHeader("X-Shopify-Access-Token", "shpat_abcdef"),
      header: "x-shopify-access-token",
      value: "shpat_abcdef",
    },
  ])("sends the $name credentials header", async ({ auth, header, value }) => {
    let received: string | null = null
    server.use(
      http.get(`${BASE}/me`, ({ request }) => {
        received = request.headers.get(header)
        return HttpResponse.json({})
      }),
    )
    await ok(clientWith({ auth }).request({ method: "GET", path: "me" }))
    expect(received).toBe(value)
  })

  it("follows an absolute URL as the path (Link-header paging)", async () => {
    server.use(http.get("https://other.test/next", () => HttpResponse.json({ page: 2 })))
    const response = await ok(clientWith().request({ method: "GET", path: "https://other.test/next" }))
    expect(response.body).toEqual({ page: 2 })
  })

  it("logs every attempt at debug and every retry as a warning, with the status and the reason", async () => {
    sequence("get", "/products", [() => new HttpResponse(null, { status: 503 }), () => HttpResponse.json([])])
    const logs = captureLogs()
    await Effect.runPromise(logs.capture(clientWith().request({ method: "GET", path: "products" })))
    const lines = logs.lines.map((line) => JSON.parse(line))
    expect(lines).toEqual([
      expect.objectContaining({
        level: "DEBUG",
        annotations: expect.objectContaining({
          system: "vendor",
          method: "GET",
          url: `${BASE}/products`,
          status: 503,
          attempt: 1,
        }),
      }),
      expect.objectContaining({
        level: "WARN",
        annotations: expect.objectContaining({
          reason: expect.stringContaining("HTTP 503"),
          waitMs: expect.any(Number),
        }),
      }),
      expect.objectContaining({ level: "DEBUG", annotations: expect.objectContaining({ status: 200, attempt: 2 }) }),
    ])
    expect(lines[0].annotations.durationMs).toEqual(expect.any(Number))
  })
})
