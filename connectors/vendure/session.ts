/**
 * Vendure's login as a core auth strategy. Vendure has no API keys for the Admin API in 3.x:
 * an administrator logs in with the `login` mutation and the session token comes back in the
 * `vendure-auth-token` response header, to be sent as `Authorization: Bearer <token>` from then
 * on (https://docs.vendure.io/guides/developer-guide/authentication/, bearer token method).
 *
 * An expired or revoked session is not a 401: Vendure answers HTTP 200 with a `FORBIDDEN` error.
 * The client then calls `expire` with the token it sent and tries once more, which logs in again.
 */
import { Effect, Option, Redacted, Schema } from "effect"
import { AuthError, type ConnectorError } from "../../core/connector/index.ts"
import type { AuthContext, AuthStrategy, HttpClient } from "../../core/http/index.ts"
import { makeHttpClient } from "../../core/http/index.ts"
import type { VendureConfig } from "./config.ts"

/** The response header Vendure puts a new session token in. */
export const AUTH_TOKEN_HEADER = "vendure-auth-token"

const LOGIN_MUTATION = `
mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password, rememberMe: true) {
    __typename
    ... on CurrentUser { id identifier }
    ... on ErrorResult { errorCode message }
  }
}`

const LoginAnswer = Schema.Struct({
  data: Schema.Struct({
    login: Schema.Struct({
      __typename: Schema.String,
      errorCode: Schema.optional(Schema.String),
      message: Schema.optional(Schema.String),
    }),
  }),
})

/** One administrator session per configured system. */
export interface VendureSession {
  readonly strategy: AuthStrategy
  /** Forgets `token` when it is still the current one, so the next request logs in again. */
  readonly expire: (token: string | undefined) => void
  /** Adopts a token Vendure sent back on an ordinary answer (a renewed session). */
  readonly renew: (token: string) => void
  /** The token `authorize` would send now, if any. */
  readonly current: () => string | undefined
}

const sessions = new WeakMap<VendureConfig, VendureSession>()

const login = (config: VendureConfig, ctx: AuthContext, plain: HttpClient): Effect.Effect<string, ConnectorError> =>
  Effect.gen(function* () {
    const response = yield* plain.request({
      method: "POST",
      path: "",
      body: {
        query: LOGIN_MUTATION,
        variables: { username: config.username, password: Redacted.value(config.password) },
      },
      // A login creates a session and nothing else: sending it twice costs one extra session.
      idempotent: true,
    })
    const answer = Schema.decodeUnknownOption(LoginAnswer)(response.body)
    if (Option.isNone(answer)) {
      return yield* new AuthError({
        system: ctx.system,
        status: response.status,
        detail: `the login mutation got no login result: ${ctx.redactor.string(JSON.stringify(response.body)).slice(0, 300)}`,
      })
    }
    const result = answer.value.data.login
    if (result.__typename !== "CurrentUser") {
      return yield* new AuthError({
        system: ctx.system,
        status: response.status,
        detail:
          `login as ${config.username} refused: ${result.__typename} ${result.errorCode ?? ""} ${result.message ?? ""}`.trim(),
      })
    }
    const token = response.headers[AUTH_TOKEN_HEADER]
    if (token === undefined || token === "") {
      return yield* new AuthError({
        system: ctx.system,
        status: response.status,
        detail: `Vendure logged ${config.username} in but sent no ${AUTH_TOKEN_HEADER} header: enable the "bearer" tokenMethod in its authOptions`,
      })
    }
    return token
  })

/** The session of a configured Vendure system (the same object for the same decoded config). */
export const vendureSession = (config: VendureConfig): VendureSession => {
  const existing = sessions.get(config)
  if (existing !== undefined) return existing
  const renewal = Effect.unsafeMakeSemaphore(1)
  let token: string | undefined
  let plain: HttpClient | undefined

  const plainClient = (ctx: AuthContext): HttpClient => {
    plain ??= makeHttpClient({
      system: ctx.system,
      baseUrl: ctx.baseUrl,
      secrets: [Redacted.value(config.password)],
      ...(ctx.retry === undefined ? {} : { retry: ctx.retry }),
      ...(config.channelToken === undefined ? {} : { headers: { "vendure-token": config.channelToken } }),
    })
    return plain
  }

  const authorize = (ctx: AuthContext) =>
    Effect.gen(function* () {
      if (token === undefined) {
        yield* renewal.withPermits(1)(
          Effect.gen(function* () {
            // Whoever held the permit before us may have logged in already.
            if (token !== undefined) return
            token = yield* login(config, ctx, plainClient(ctx))
          }),
        )
      }
      const current = token ?? ""
      ctx.redactor.add(current)
      return { Authorization: `Bearer ${current}` }
    })

  const session: VendureSession = {
    strategy: {
      kind: "vendure-session",
      authorize,
      onUnauthorized: (ctx) =>
        Effect.sync(() => {
          const rejected = ctx.rejected?.Authorization
          if (rejected === undefined || rejected === `Bearer ${token}`) token = undefined
          return true
        }),
      secrets: [Redacted.value(config.password)],
    },
    expire: (rejected) => {
      if (rejected === undefined || rejected === token) token = undefined
    },
    renew: (renewed) => {
      token = renewed
    },
    current: () => token,
  }
  sessions.set(config, session)
  return session
}
