import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Logger, LogLevel, TestClock } from "effect"
import { HttpResponse, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import { type AuthStrategy, oauth2ClientCredentials, oauth2Password, oauth2RefreshToken } from "./auth.ts"
import { makeHttpClient } from "./client.ts"

const BASE = "https://vendor.test/api/v1"
const TOKEN_URL = "https://vendor.test/oauth/token"
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

interface Grant {
  readonly form: Record<string, string>
  readonly authorization: string | null
  readonly contentType: string | null
}

/** A token endpoint that hands out access-1, access-2, … (and refresh-1, refresh-2, …). */
const tokenEndpoint = (respond?: (form: URLSearchParams, n: number) => Response | undefined, url = TOKEN_URL) => {
  const grants: Array<Grant> = []
  server.use(
    http.post(url, async ({ request }) => {
      const form = new URLSearchParams(await request.text())
      grants.push({
        form: Object.fromEntries(form),
        authorization: request.headers.get("authorization"),
        contentType: request.headers.get("content-type"),
      })
      const n = grants.length
      return (
        respond?.(form, n) ??
        HttpResponse.json({
          access_token: `access-${n}`,
          token_type: "Bearer",
          expires_in: 3600,
          refresh_token: `refresh-${n}`,
        })
      )
    }),
  )
  return grants
}

/** An API that accepts the tokens `accepts` says yes to and records every Authorization it saw. */
const api = (accepts: (authorization: string | null) => boolean = () => true) => {
  const seen: Array<string | null> = []
  server.use(
    http.get(`${BASE}/me`, ({ request }) => {
      const authorization = request.headers.get("authorization")
      seen.push(authorization)
      return accepts(authorization)
        ? HttpResponse.json({ ok: true })
        : HttpResponse.json({ error: "invalid_token" }, { status: 401 })
    }),
  )
  return seen
}

const clientWith = (auth: AuthStrategy) =>
  makeHttpClient({ system: "vendor", baseUrl: BASE, auth, retry: { maxAttempts: 1 } })
const me = { method: "GET", path: "me" } as const
const quiet = Logger.withMinimumLogLevel(LogLevel.None)

const credentials = { tokenUrl: TOKEN_URL, clientId: "client-id", clientSecret: "client-secret-xyz" }

describe("oauth2ClientCredentials", () => {
  it.effect("fetches one token for five parallel requests", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint()
      const seen = api()
      const client = clientWith(
        oauth2ClientCredentials({
          ...credentials,
          scope: "orders.read",
          audience: "https://api.vendor.test",
          extraParams: { resource: "r1" },
        }),
      )
      yield* Effect.all(
        Array.from({ length: 5 }, () => client.request(me)),
        { concurrency: "unbounded" },
      )
      expect(grants).toEqual([
        {
          form: {
            grant_type: "client_credentials",
            scope: "orders.read",
            audience: "https://api.vendor.test",
            resource: "r1",
            client_id: "client-id",
            client_secret: "client-secret-xyz",
          },
          authorization: null,
          contentType: "application/x-www-form-urlencoded",
        },
      ])
      expect(seen).toEqual(Array(5).fill("Bearer access-1"))
    }).pipe(quiet),
  )

  it.effect("sends the client credentials as HTTP Basic when credentialsIn is basic-header", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint()
      api()
      yield* clientWith(oauth2ClientCredentials({ ...credentials, credentialsIn: "basic-header" })).request(me)
      expect(grants[0]?.authorization).toBe(`Basic ${btoa("client-id:client-secret-xyz")}`)
      expect(grants[0]?.form).toEqual({ grant_type: "client_credentials" })
    }).pipe(quiet),
  )

  it.effect("resolves a relative tokenUrl against the client's baseUrl", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint(undefined, `${BASE}/oauth/token`)
      api()
      yield* clientWith(oauth2ClientCredentials({ ...credentials, tokenUrl: "oauth/token" })).request(me)
      expect(grants).toHaveLength(1)
    }).pipe(quiet),
  )

  it.effect("reuses the token until 60 s before it expires, then fetches a new one", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint()
      const seen = api()
      const client = clientWith(oauth2ClientCredentials(credentials))
      yield* client.request(me)
      yield* TestClock.adjust(3_600_000 - 60_000 - 1)
      yield* client.request(me)
      expect(grants).toHaveLength(1)
      yield* TestClock.adjust(1)
      yield* client.request(me)
      expect(grants).toHaveLength(2)
      expect(seen).toEqual(["Bearer access-1", "Bearer access-1", "Bearer access-2"])
    }).pipe(quiet),
  )

  it.effect("fetches a new token after a 401 and sends the request again once", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint()
      // The vendor revoked access-1 before it expired.
      const seen = api((authorization) => authorization !== "Bearer access-1")
      const response = yield* clientWith(oauth2ClientCredentials(credentials)).request(me)
      expect(response.body).toEqual({ ok: true })
      expect(grants).toHaveLength(2)
      expect(seen).toEqual(["Bearer access-1", "Bearer access-2"])
    }).pipe(quiet),
  )

  it.effect("makes one refresh when five parallel requests all get a 401", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint()
      const seen = api((authorization) => authorization !== "Bearer access-1")
      const client = clientWith(oauth2ClientCredentials(credentials))
      yield* Effect.all(
        Array.from({ length: 5 }, () => client.request(me)),
        { concurrency: "unbounded" },
      )
      expect(grants).toHaveLength(2)
      expect(seen.filter((s) => s === "Bearer access-2")).toHaveLength(5)
    }).pipe(quiet),
  )

  it.effect("fails with AuthError when the fresh token is refused too, without looping", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint()
      const seen = api(() => false)
      const exit = yield* Effect.exit(clientWith(oauth2ClientCredentials(credentials)).request(me))
      expect(exit).toMatchObject({ _tag: "Failure", cause: { error: { _tag: "AuthError", status: 401 } } })
      expect(grants).toHaveLength(2)
      expect(seen).toHaveLength(2)
    }).pipe(quiet),
  )

  it.effect("reports a refused token request as AuthError with the vendor's error, secrets redacted", () =>
    Effect.gen(function* () {
      tokenEndpoint(() =>
        HttpResponse.json(
          { error: "invalid_client", error_description: "secret client-secret-xyz does not match" },
          { status: 401 },
        ),
      )
      api()
      const exit = yield* Effect.exit(clientWith(oauth2ClientCredentials(credentials)).request(me))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(exit).toMatchObject({
        cause: {
          error: {
            _tag: "AuthError",
            status: 401,
            detail: "token endpoint: invalid_client: secret [REDACTED] does not match",
          },
        },
      })
    }).pipe(quiet),
  )

  it.effect("fails with VendorResponseError when the token answer has no access_token", () =>
    Effect.gen(function* () {
      tokenEndpoint(() => HttpResponse.json({ token_type: "Bearer" }))
      api()
      const exit = yield* Effect.exit(clientWith(oauth2ClientCredentials(credentials)).request(me))
      expect(exit).toMatchObject({
        cause: { error: { _tag: "VendorResponseError", detail: expect.stringContaining("access_token") } },
      })
    }).pipe(quiet),
  )

  it.effect("teaches the client's redactor the access token it obtained", () =>
    Effect.gen(function* () {
      tokenEndpoint()
      api()
      const client = clientWith(oauth2ClientCredentials(credentials))
      yield* client.request(me)
      expect(client.redactor.string("sent Bearer access-1")).toBe("sent Bearer [REDACTED]")
    }).pipe(quiet),
  )
})

describe("oauth2RefreshToken", () => {
  it.effect("trades the refresh token for access tokens and keeps a rotated refresh token", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint()
      const seen = api()
      const client = clientWith(oauth2RefreshToken({ ...credentials, refreshToken: "refresh-0", scope: "read" }))
      yield* client.request(me)
      yield* TestClock.adjust("1 hour")
      yield* client.request(me)
      expect(grants.map((g) => g.form)).toEqual([
        expect.objectContaining({ grant_type: "refresh_token", refresh_token: "refresh-0", scope: "read" }),
        expect.objectContaining({ grant_type: "refresh_token", refresh_token: "refresh-1" }),
      ])
      expect(seen).toEqual(["Bearer access-1", "Bearer access-2"])
    }).pipe(quiet),
  )

  it.effect("keeps the refresh token it has when the server does not rotate it", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint((_form, n) => HttpResponse.json({ access_token: `access-${n}`, expires_in: 3600 }))
      api()
      const client = clientWith(oauth2RefreshToken({ ...credentials, refreshToken: "refresh-0" }))
      yield* client.request(me)
      yield* TestClock.adjust("1 hour")
      yield* client.request(me)
      expect(grants.map((g) => g.form.refresh_token)).toEqual(["refresh-0", "refresh-0"])
    }).pipe(quiet),
  )
})

describe("oauth2Password", () => {
  const akeneo = { ...credentials, username: "admin", password: "admin-password-1" }

  it.effect("logs in with the password, then renews with the refresh token", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint()
      const seen = api()
      const client = clientWith(oauth2Password(akeneo))
      yield* client.request(me)
      yield* TestClock.adjust("1 hour")
      yield* client.request(me)
      expect(grants.map((g) => g.form)).toEqual([
        expect.objectContaining({ grant_type: "password", username: "admin", password: "admin-password-1" }),
        expect.objectContaining({ grant_type: "refresh_token", refresh_token: "refresh-1" }),
      ])
      expect(seen).toEqual(["Bearer access-1", "Bearer access-2"])
    }).pipe(quiet),
  )

  it.effect("logs in again with the password when the refresh token has expired too", () =>
    Effect.gen(function* () {
      const grants = tokenEndpoint((form) =>
        form.get("grant_type") === "refresh_token"
          ? HttpResponse.json({ error: "invalid_grant", error_description: "Invalid refresh token" }, { status: 400 })
          : undefined,
      )
      const seen = api()
      const client = clientWith(oauth2Password(akeneo))
      yield* client.request(me)
      yield* TestClock.adjust("1 hour")
      yield* client.request(me)
      expect(grants.map((g) => g.form.grant_type)).toEqual(["password", "refresh_token", "password"])
      expect(seen).toEqual(["Bearer access-1", "Bearer access-3"])
    }).pipe(quiet),
  )
})
