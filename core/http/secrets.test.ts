/**
 * Credentials never appear in errors or logs, whatever the vendor echoes back.
 */
import { Cause, Effect, Exit } from "effect"
import { delay, HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { basicAuth, bearerToken, oauth2ClientCredentials, oauth2Password } from "./auth.ts"
import { type HttpClient, type HttpClientOptions, makeHttpClient } from "./client.ts"
import { graphqlRequest } from "./graphql.ts"
import { captureLogs } from "./logCapture.ts"

const BASE = "https://vendor.test"
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const API_KEY = "ak_live_51HxQ"
const PASSWORD = "correct-horse-battery"
const TOKEN = "shpat_0123456789"
const CLIENT_SECRET = "cs_9f8e7d6c"
const ACCESS_TOKEN = "eyJhbGciOi.access"
const REFRESH_TOKEN = "rt_refresh_77"
const SECRETS = [
  API_KEY,
  PASSWORD,
  TOKEN,
  CLIENT_SECRET,
  ACCESS_TOKEN,
  REFRESH_TOKEN,
  btoa(`shop:${PASSWORD}`),
  btoa(`client:${CLIENT_SECRET}`),
]

/** Everything the vendor received, echoed back: the worst case for leaking. */
const echo = async (request: Request) => ({
  url: request.url,
  authorization: request.headers.get("authorization"),
  received: request.method === "GET" ? null : await request.text(),
})

const clientWith = (options: Partial<HttpClientOptions>) =>
  makeHttpClient({
    system: "vendor",
    baseUrl: BASE,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    ...options,
  })

/** Runs `effect`, then asserts no secret is in the error, its fields, its cause or any log line. */
const expectNoSecretLeaks = async <A, E>(effect: Effect.Effect<A, E>, expectedTag: string) => {
  const logs = captureLogs()
  const exit = await Effect.runPromiseExit(logs.capture(effect))
  expect(Exit.isFailure(exit)).toBe(true)
  if (!Exit.isFailure(exit)) return
  const error = Cause.squash(exit.cause)
  expect(error).toMatchObject({ _tag: expectedTag })
  const output = [
    error instanceof Error ? error.message : "",
    JSON.stringify(error),
    String(error),
    Cause.pretty(exit.cause),
    ...logs.lines,
  ].join("\n")
  expect(logs.lines.length).toBeGreaterThan(0)
  for (const secret of SECRETS) expect(output).not.toContain(secret)
  return output
}

describe("secrets in errors and logs", () => {
  it("hides an API key sent in the query string, on a 500 that echoes the URL", async () => {
    server.use(
      http.get(`${BASE}/products`, async ({ request }) => HttpResponse.json(await echo(request), { status: 500 })),
    )
    const output = await expectNoSecretLeaks(
      clientWith({}).request({ method: "GET", path: "products", query: { api_key: API_KEY, page: 2 } }),
      "HttpStatusError",
    )
    expect(output).toContain("api_key=[REDACTED]&page=2")
  })

  it("hides a configured secret even in a query parameter with an innocent name", async () => {
    server.use(
      http.get(`${BASE}/products`, async ({ request }) => HttpResponse.json(await echo(request), { status: 400 })),
    )
    await expectNoSecretLeaks(
      clientWith({ secrets: [API_KEY] }).request({ method: "GET", path: "products", query: { k: API_KEY } }),
      "HttpStatusError",
    )
  })

  it("hides the API key in the URL of a network error", async () => {
    server.use(http.get(`${BASE}/products`, () => HttpResponse.error()))
    await expectNoSecretLeaks(
      clientWith({}).request({ method: "GET", path: "products", query: { apiKey: API_KEY } }),
      "NetworkError",
    )
  })

  it("hides the API key in the URL of a timeout", async () => {
    server.use(
      http.get(`${BASE}/slow`, async () => {
        await delay(300)
        return HttpResponse.json({})
      }),
    )
    await expectNoSecretLeaks(
      clientWith({ timeoutMs: 10, retry: { maxAttempts: 1 } }).request({
        method: "GET",
        path: "slow",
        query: { token: TOKEN },
      }),
      "NetworkError",
    )
  })

  it("hides a basic-auth password the vendor echoes in a 401", async () => {
    server.use(http.get(`${BASE}/me`, async ({ request }) => HttpResponse.json(await echo(request), { status: 401 })))
    await expectNoSecretLeaks(
      clientWith({ auth: basicAuth("shop", PASSWORD) }).request({ method: "GET", path: "me" }),
      "AuthError",
    )
  })

  it("hides a bearer token the vendor echoes in a 422 and a 429", async () => {
    server.use(
      http.post(`${BASE}/orders`, async ({ request }) =>
        HttpResponse.json(
          { message: `token ${TOKEN} may not create orders`, ...(await echo(request)) },
          { status: 422 },
        ),
      ),
      http.get(`${BASE}/orders`, async ({ request }) =>
        HttpResponse.json(await echo(request), { status: 429, headers: { "Retry-After": "0" } }),
      ),
    )
    const client = clientWith({ auth: bearerToken(TOKEN) })
    await expectNoSecretLeaks(
      client.request({ method: "POST", path: "orders", body: { note: TOKEN } }),
      "HttpStatusError",
    )
    await expectNoSecretLeaks(client.request({ method: "GET", path: "orders" }), "RateLimited")
  })

  it("hides the client secret and password a token endpoint echoes", async () => {
    server.use(
      http.post(`${BASE}/oauth/token`, async ({ request }) => {
        const received = await echo(request)
        return HttpResponse.json(
          { error: "invalid_grant", error_description: `bad request: ${received.received}`, ...received },
          { status: 400 },
        )
      }),
    )
    const auth = oauth2Password({
      tokenUrl: "/oauth/token",
      clientId: "client",
      clientSecret: CLIENT_SECRET,
      username: "admin",
      password: PASSWORD,
    })
    await expectNoSecretLeaks(clientWith({ auth }).request({ method: "GET", path: "me" }), "AuthError")
  })

  it("hides client credentials sent as HTTP Basic to a failing token endpoint", async () => {
    server.use(
      http.post(`${BASE}/oauth/token`, async ({ request }) => HttpResponse.json(await echo(request), { status: 502 })),
    )
    const auth = oauth2ClientCredentials({
      tokenUrl: "/oauth/token",
      clientId: "client",
      clientSecret: CLIENT_SECRET,
      credentialsIn: "basic-header",
    })
    await expectNoSecretLeaks(clientWith({ auth }).request({ method: "GET", path: "me" }), "HttpStatusError")
  })

  it("hides access and refresh tokens obtained at run time", async () => {
    server.use(
      http.post(`${BASE}/oauth/token`, () =>
        HttpResponse.json({ access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, expires_in: 3600 }),
      ),
      http.get(`${BASE}/me`, async ({ request }) =>
        HttpResponse.json({ ...(await echo(request)), hint: `refresh with ${REFRESH_TOKEN}` }, { status: 500 }),
      ),
    )
    const auth = oauth2ClientCredentials({ tokenUrl: "/oauth/token", clientId: "client", clientSecret: CLIENT_SECRET })
    await expectNoSecretLeaks(clientWith({ auth }).request({ method: "GET", path: "me" }), "HttpStatusError")
  })

  it("hides a token echoed in GraphQL error messages", async () => {
    server.use(
      http.post(`${BASE}/graphql.json`, () =>
        HttpResponse.json({
          errors: [{ message: `Invalid API key or access token (unrecognized login or wrong password): ${TOKEN}` }],
        }),
      ),
    )
    const client: HttpClient = clientWith({ auth: bearerToken(TOKEN) })
    await expectNoSecretLeaks(
      graphqlRequest(client, { path: "graphql.json", query: "{ shop { name } }", operation: "shop" }),
      "VendorResponseError",
    )
  })
})
