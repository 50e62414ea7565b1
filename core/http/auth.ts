/**
 * Auth strategies. A connector picks one and hands it to `makeHttpClient`; no connector builds
 * an Authorization header or talks to a token endpoint itself.
 */
import type { AxiosInstance } from "axios"
import { Clock, Effect } from "effect"
import {
  AuthError,
  type ConnectorError,
  HttpStatusError,
  NetworkError,
  RateLimited,
  VendorResponseError,
} from "../connector/errors.ts"
import { describeNetworkFailure } from "./networkFailure.ts"
import type { Redactor } from "./redact.ts"
import { decideRetry, defaultRetryPolicy, type RetryPolicy } from "./retry.ts"
import { resolveUrl } from "./url.ts"
import { summarizeBody } from "./vendorBody.ts"

/** What a strategy may use: the client's identity, its redactor and its axios instance. */
export interface AuthContext {
  readonly system: string
  readonly baseUrl: string
  readonly redactor: Redactor
  readonly axios: AxiosInstance
  /** The client's retry policy, for token requests; default `defaultRetryPolicy`. */
  readonly retry?: RetryPolicy
  /**
   * Given to `onUnauthorized`: the headers `authorize` produced for the request that got the
   * 401. When a parallel request has already replaced them there is nothing left to refresh.
   */
  readonly rejected?: Readonly<Record<string, string>>
}

/** How requests to one system are authorised. */
export interface AuthStrategy {
  /** Short name for logs: `api-key`, `basic`, `bearer`, `oauth2-client-credentials`, … */
  readonly kind: string
  /** The headers to add to a request; may fetch or refresh a token first. */
  readonly authorize: (ctx: AuthContext) => Effect.Effect<Record<string, string>, ConnectorError>
  /** called after a 401; return true when credentials were refreshed and the request should be sent again once */
  readonly onUnauthorized?: (ctx: AuthContext) => Effect.Effect<boolean, ConnectorError>
  /** The configured credentials, for the client's redactor. */
  readonly secrets: ReadonlyArray<string>
}

/** A fixed API key in a header, e.g. `apiKeyHeader("X-Shopify-Access-Token", token)`. */
export const apiKeyHeader = (header: string, key: string): AuthStrategy => ({
  kind: "api-key",
  authorize: () => Effect.succeed({ [header]: key }),
  secrets: [key],
})

/** HTTP Basic auth (WooCommerce consumer key/secret, many ERPs). */
export const basicAuth = (username: string, password: string): AuthStrategy => {
  const encoded = Buffer.from(`${username}:${password}`, "utf8").toString("base64")
  return {
    kind: "basic",
    authorize: () => Effect.succeed({ Authorization: `Basic ${encoded}` }),
    // The base64 form is as good as the password to whoever reads it.
    secrets: [password, encoded],
  }
}

/** A fixed bearer token (a private-app or personal access token). */
export const bearerToken = (token: string): AuthStrategy => ({
  kind: "bearer",
  authorize: () => Effect.succeed({ Authorization: `Bearer ${token}` }),
  secrets: [token],
})

/** Where the client id and secret go in a token request. */
export type ClientCredentialsIn = "body" | "basic-header"

/** The client half of every OAuth2 flow. */
interface OAuthClient {
  /** Token endpoint; may be relative to the client's baseUrl. */
  readonly tokenUrl: string
  readonly clientId: string
  readonly clientSecret: string
  /** `body` (default): `client_id`/`client_secret` form fields; `basic-header`: HTTP Basic. */
  readonly credentialsIn?: ClientCredentialsIn
  /**
   * More statuses by which the token endpoint refuses a grant, besides 400/401/403: Akeneo
   * answers an invalid login or an expired refresh token with 422. They become AuthErrors, so
   * the password grant logs in again when its refresh token is refused.
   */
  readonly refusalStatuses?: ReadonlyArray<number>
}

/** A token as we keep it. */
interface Token {
  readonly accessToken: string
  /** Epoch ms after which we no longer send it; Infinity when the server gave no `expires_in`. */
  readonly renewAt: number
  readonly refreshToken?: string
}

/** Renew ahead of expiry so a token never dies in flight, but not so early a short token is useless. */
const EXPIRY_SKEW_MS = 60_000

const OPERATION = "oauth2 token request"

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

// Some providers answer form-encoded whatever Accept says.
const tokenFields = (body: unknown): Record<string, unknown> | undefined => {
  if (isRecord(body)) return body
  if (typeof body === "string" && body.includes("access_token=")) return Object.fromEntries(new URLSearchParams(body))
  return undefined
}

const parseToken = (system: string, body: unknown, now: number): Effect.Effect<Token, VendorResponseError> => {
  const fields = tokenFields(body)
  const accessToken = fields?.access_token
  if (fields === undefined || typeof accessToken !== "string" || accessToken === "") {
    return Effect.fail(
      new VendorResponseError({ system, operation: OPERATION, detail: "the token response has no access_token" }),
    )
  }
  const expiresIn = Number(fields.expires_in)
  const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : undefined
  const renewAt =
    lifetimeMs === undefined ? Number.POSITIVE_INFINITY : now + lifetimeMs - Math.min(EXPIRY_SKEW_MS, lifetimeMs / 2)
  const refreshToken = fields.refresh_token
  return Effect.succeed(
    typeof refreshToken === "string" && refreshToken !== ""
      ? { accessToken, renewAt, refreshToken }
      : { accessToken, renewAt },
  )
}

/**
 * POSTs a form to the token endpoint and returns the token. Transient failures (network, 5xx,
 * 429) are retried like any request; a refusal (400 invalid_grant, 401 invalid_client) is an
 * AuthError carrying the vendor's redacted `error: error_description`.
 */
const requestToken = (
  ctx: AuthContext,
  client: OAuthClient,
  grant: Readonly<Record<string, string | undefined>>,
): Effect.Effect<Token, ConnectorError> => {
  const url = resolveUrl(ctx.baseUrl, client.tokenUrl)
  const form = new URLSearchParams()
  for (const [name, value] of Object.entries(grant)) if (value !== undefined) form.append(name, value)
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
  }
  if (client.credentialsIn === "basic-header") {
    const encoded = Buffer.from(`${client.clientId}:${client.clientSecret}`, "utf8").toString("base64")
    ctx.redactor.add(encoded)
    headers.Authorization = `Basic ${encoded}`
  } else {
    form.append("client_id", client.clientId)
    form.append("client_secret", client.clientSecret)
  }
  const safeUrl = ctx.redactor.string(url)
  const policy = ctx.retry ?? defaultRetryPolicy

  const attempt = (n: number): Effect.Effect<Token, ConnectorError> =>
    Effect.gen(function* () {
      const sent = yield* Effect.either(
        Effect.tryPromise({
          try: (signal) => ctx.axios.request<unknown>({ method: "POST", url, data: form.toString(), headers, signal }),
          catch: describeNetworkFailure,
        }),
      )
      const now = yield* Clock.currentTimeMillis
      if (sent._tag === "Left") {
        const failure = sent.left
        const decision = decideRetry({ attempt: n, networkError: true, policy, nowMs: now })
        if (decision.retry) {
          yield* Effect.logWarning("oauth2 token request failed, retrying").pipe(
            Effect.annotateLogs({ system: ctx.system, reason: decision.reason, waitMs: decision.waitMs }),
          )
          yield* Effect.sleep(decision.waitMs)
          return yield* attempt(n + 1)
        }
        return yield* new NetworkError({
          system: ctx.system,
          method: "POST",
          url: safeUrl,
          reason: failure.reason,
          detail: ctx.redactor.string(failure.detail),
        })
      }
      const response = sent.right
      const status = response.status
      yield* Effect.logDebug("oauth2 token request").pipe(
        Effect.annotateLogs({ system: ctx.system, url: safeUrl, grant: grant.grant_type ?? "", status, attempt: n }),
      )
      if (status >= 200 && status < 300) return yield* parseToken(ctx.system, response.data, now)

      const body = ctx.redactor.value(response.data)
      if (status === 400 || status === 401 || status === 403 || client.refusalStatuses?.includes(status) === true) {
        return yield* new AuthError({ system: ctx.system, status, detail: `token endpoint: ${summarizeBody(body)}` })
      }
      const retryAfter = response.headers["retry-after"]
      const decision = decideRetry({
        attempt: n,
        status,
        policy,
        nowMs: now,
        ...(typeof retryAfter === "string" ? { retryAfterHeader: retryAfter } : {}),
      })
      if (decision.retry) {
        yield* Effect.logWarning("oauth2 token request failed, retrying").pipe(
          Effect.annotateLogs({ system: ctx.system, reason: decision.reason, waitMs: decision.waitMs }),
        )
        yield* Effect.sleep(decision.waitMs)
        return yield* attempt(n + 1)
      }
      if (status === 429) {
        return yield* new RateLimited({ system: ctx.system, retryAfterMs: decision.waitMs, detail: decision.reason })
      }
      return yield* new HttpStatusError({ system: ctx.system, method: "POST", url: safeUrl, status, body })
    })
  return attempt(1)
}

/**
 * The caching shared by all OAuth2 flows: one token per strategy, renewed ahead of expiry and
 * after a 401. Renewals are serialised, so N parallel requests that find the token stale make
 * one token call and the other N-1 reuse its result.
 */
const cachedToken = (
  kind: string,
  secrets: ReadonlyArray<string>,
  obtain: (ctx: AuthContext, previous: Token | undefined) => Effect.Effect<Token, ConnectorError>,
  tokenHeader?: string,
): AuthStrategy => {
  const renewal = Effect.unsafeMakeSemaphore(1)
  let current: Token | undefined

  // `Authorization: Bearer …` unless the vendor wants the bare token in a header of its own.
  const headerName = tokenHeader ?? "Authorization"
  const headerOf = (token: Token): Record<string, string> =>
    tokenHeader === undefined ? { Authorization: `Bearer ${token.accessToken}` } : { [tokenHeader]: token.accessToken }
  const remember = (ctx: AuthContext, token: Token): void => {
    // Every client using this strategy must hide the token, not only the one that fetched it.
    ctx.redactor.add(token.accessToken)
    if (token.refreshToken !== undefined) ctx.redactor.add(token.refreshToken)
  }
  const renew = (ctx: AuthContext) =>
    Effect.gen(function* () {
      const token = yield* obtain(ctx, current)
      current = token
      remember(ctx, token)
      return token
    })
  const fresh = (now: number): Token | undefined =>
    current !== undefined && now < current.renewAt ? current : undefined

  const authorize = (ctx: AuthContext) =>
    Effect.gen(function* () {
      const cached = fresh(yield* Clock.currentTimeMillis)
      if (cached !== undefined) {
        remember(ctx, cached)
        return headerOf(cached)
      }
      return yield* renewal.withPermits(1)(
        Effect.gen(function* () {
          // Whoever held the permit before us may have renewed it already.
          const renewed = fresh(yield* Clock.currentTimeMillis)
          return headerOf(renewed ?? (yield* renew(ctx)))
        }),
      )
    })

  const onUnauthorized = (ctx: AuthContext) =>
    renewal.withPermits(1)(
      Effect.gen(function* () {
        const rejected = ctx.rejected?.[headerName]
        if (current !== undefined && rejected !== undefined && rejected !== headerOf(current)[headerName]) return true
        yield* renew(ctx)
        return true
      }),
    )

  return { kind, authorize, onUnauthorized, secrets }
}

/** Options of `oauth2ClientCredentials`. */
export interface ClientCredentialsOptions extends OAuthClient {
  readonly scope?: string
  readonly audience?: string
  /** More form fields some providers want (e.g. `resource`). */
  readonly extraParams?: Readonly<Record<string, string>>
}

/**
 * OAuth2 client credentials (RFC 6749 §4.4): machine-to-machine tokens, cached until
 * `expires_in` minus 60 s, renewed on expiry and once after a 401.
 *
 * @example
 * oauth2ClientCredentials({ tokenUrl: "/oauth/token", clientId, clientSecret, scope: "orders.read" })
 */
export const oauth2ClientCredentials = (options: ClientCredentialsOptions): AuthStrategy =>
  cachedToken("oauth2-client-credentials", [options.clientSecret], (ctx) =>
    requestToken(ctx, options, {
      ...options.extraParams,
      grant_type: "client_credentials",
      scope: options.scope,
      audience: options.audience,
    }),
  )

/** Options of `oauth2RefreshToken`. */
export interface RefreshTokenOptions extends OAuthClient {
  /** The long-lived refresh token from the app's installation/consent. */
  readonly refreshToken: string
  readonly scope?: string
  /**
   * Send the access token as the bare value of this header instead of `Authorization: Bearer …`
   * (Amazon SP-API: `x-amz-access-token`).
   */
  readonly tokenHeader?: string
}

/**
 * OAuth2 refresh-token grant (RFC 6749 §6): trades the refresh token for access tokens, cached
 * like client credentials. When the server rotates the refresh token, the new one is used from
 * then on (in memory: a restarted process starts again from the configured one).
 */
export const oauth2RefreshToken = (options: RefreshTokenOptions): AuthStrategy =>
  cachedToken(
    "oauth2-refresh-token",
    [options.clientSecret, options.refreshToken],
    (ctx, previous) => {
      const refreshToken = previous?.refreshToken ?? options.refreshToken
      return requestToken(ctx, options, {
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        scope: options.scope,
      }).pipe(Effect.map((token) => (token.refreshToken === undefined ? { ...token, refreshToken } : token)))
    },
    options.tokenHeader,
  )

/** Options of `oauth2Password`. */
export interface PasswordOptions extends OAuthClient {
  readonly username: string
  readonly password: string
}

/**
 * OAuth2 resource-owner password grant (RFC 6749 §4.3), then the refresh-token grant when the
 * access token expires; if the refresh token has expired too, logs in with the password again.
 * Akeneo PIM authenticates this way (https://api.akeneo.com/documentation/authentication.html).
 */
export const oauth2Password = (options: PasswordOptions): AuthStrategy => {
  const login = (ctx: AuthContext) =>
    requestToken(ctx, options, { grant_type: "password", username: options.username, password: options.password })
  return cachedToken("oauth2-password", [options.clientSecret, options.password], (ctx, previous) => {
    const refreshToken = previous?.refreshToken
    if (refreshToken === undefined) return login(ctx)
    return requestToken(ctx, options, { grant_type: "refresh_token", refresh_token: refreshToken }).pipe(
      Effect.map((token) => (token.refreshToken === undefined ? { ...token, refreshToken } : token)),
      Effect.catchTag("AuthError", () => login(ctx)),
    )
  })
}
