/**
 * Tryton's session login as an auth strategy of core/http: `common.db.login` answers
 * `[user id, session key]`, and every later call carries
 * `Authorization: Session base64(<login>:<user id>:<session key>)`. An expired or logged-out
 * session gets HTTP 401, after which the client logs in again once and replays the call.
 * https://docs.tryton.org/projects/server/en/6.0/topics/rpc.html (observed on trytond 6.0: a
 * refused login is HTTP 401, a throttled one 429, an unknown database 404).
 */
import { Effect } from "effect"
import {
  AuthError,
  type ConnectorError,
  HttpStatusError,
  NetworkError,
  RateLimited,
  VendorResponseError,
} from "../../core/connector/errors.ts"
import type { AuthContext, AuthStrategy } from "../../core/http/index.ts"
import { describeNetworkFailure } from "../../core/http/networkFailure.ts"
import { resolveUrl } from "../../core/http/url.ts"

/** Who logs in where. */
export interface TrytonLogin {
  /** Path of the database's JSON-RPC endpoint relative to the base URL: `<database>/`. */
  readonly path: string
  readonly database: string
  readonly username: string
  readonly password: string
  /** Tryton's language code for the session, e.g. `en`, `de`. */
  readonly language: string
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

// Tryton throttles failed logins per login name and answers 429 meanwhile: one short wait, then give up.
const LOGIN_THROTTLE_WAIT_MS = 1_000

/** The session strategy for one system; the session is shared by every request of its client. */
export const trytonSession = (login: TrytonLogin): AuthStrategy => {
  const renewal = Effect.unsafeMakeSemaphore(1)
  let header: string | undefined

  const request = (ctx: AuthContext, attempt: number): Effect.Effect<string, ConnectorError> =>
    Effect.gen(function* () {
      const url = resolveUrl(ctx.baseUrl, login.path)
      const safeUrl = ctx.redactor.string(url)
      const sent = yield* Effect.either(
        Effect.tryPromise({
          try: (signal) =>
            ctx.axios.request<unknown>({
              method: "POST",
              url,
              signal,
              headers: { "Content-Type": "application/json", Accept: "application/json" },
              // https://docs.tryton.org/projects/server/en/6.0/topics/rpc.html (common.db.login)
              data: {
                id: 0,
                method: "common.db.login",
                params: [login.username, { password: login.password }, login.language],
              },
            }),
          catch: describeNetworkFailure,
        }),
      )
      if (sent._tag === "Left") {
        return yield* new NetworkError({
          system: ctx.system,
          method: "POST",
          url: safeUrl,
          reason: sent.left.reason,
          detail: ctx.redactor.string(sent.left.detail),
        })
      }
      const { status, data } = sent.right
      if (status === 401 || status === 403) {
        return yield* new AuthError({
          system: ctx.system,
          status,
          detail: `common.db.login refused user ${login.username} on database ${login.database}`,
        })
      }
      if (status === 404) {
        return yield* new AuthError({
          system: ctx.system,
          status,
          detail: `the server has no database ${login.database}; check the configured database`,
        })
      }
      if (status === 429) {
        if (attempt === 1) {
          yield* Effect.sleep(LOGIN_THROTTLE_WAIT_MS)
          return yield* request(ctx, attempt + 1)
        }
        return yield* new RateLimited({
          system: ctx.system,
          retryAfterMs: LOGIN_THROTTLE_WAIT_MS,
          detail: `Tryton throttles logins of ${login.username} after failed attempts`,
        })
      }
      if (status !== 200) {
        return yield* new HttpStatusError({
          system: ctx.system,
          method: "POST",
          url: safeUrl,
          status,
          body: ctx.redactor.value(data),
        })
      }
      const result = isRecord(data) ? data.result : undefined
      const [userId, session] = Array.isArray(result) ? result : []
      if (typeof userId !== "number" || typeof session !== "string") {
        return yield* new VendorResponseError({
          system: ctx.system,
          operation: "common.db.login",
          detail: "the answer is not [user id, session]",
          path: "$.result",
        })
      }
      const encoded = Buffer.from(`${login.username}:${userId}:${session}`, "utf8").toString("base64")
      ctx.redactor.add(session)
      ctx.redactor.add(encoded)
      return `Session ${encoded}`
    })

  const renew = (ctx: AuthContext) =>
    request(ctx, 1).pipe(
      Effect.tap((fresh) => {
        header = fresh
      }),
    )

  return {
    kind: "tryton-session",
    secrets: [login.password],
    authorize: (ctx) =>
      header !== undefined
        ? Effect.succeed({ Authorization: header })
        : renewal.withPermits(1)(
            Effect.suspend(() => (header !== undefined ? Effect.succeed(header) : renew(ctx))).pipe(
              Effect.map((value) => ({ Authorization: value })),
            ),
          ),
    onUnauthorized: (ctx) =>
      renewal.withPermits(1)(
        Effect.suspend(() => {
          // A parallel request may have logged in again already.
          const rejected = ctx.rejected?.Authorization
          if (header !== undefined && rejected !== undefined && rejected !== header) return Effect.succeed(true)
          return renew(ctx).pipe(Effect.as(true))
        }),
      ),
  }
}
