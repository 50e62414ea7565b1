/**
 * The HTTP client every connector uses: rate limiting, auth, retries, typed errors, redacted
 * logs. A connector describes requests; it never handles transport failures itself.
 */
import axios, { AxiosHeaders } from "axios"
import { Clock, Effect } from "effect"
import { AuthError, type ConnectorError, HttpStatusError, NetworkError, RateLimited } from "../connector/errors.ts"
import type { AuthContext, AuthStrategy } from "./auth.ts"
import { describeNetworkFailure } from "./networkFailure.ts"
import { type RateLimiter, unlimited } from "./rateLimit.ts"
import { makeRedactor, type Redactor } from "./redact.ts"
import { decideRetry, defaultRetryPolicy, type RetryPolicy } from "./retry.ts"
import { type QueryParams, resolveUrl, withQuery } from "./url.ts"
import { summarizeBody } from "./vendorBody.ts"

/** One request, as a connector describes it. */
export interface HttpRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  /** relative to baseUrl, or absolute URL for Link-header paging */
  readonly path: string
  readonly query?: QueryParams
  /** Serialised by axios: objects as JSON, `URLSearchParams` as a form, strings as they are. */
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** rate-limit cost, default 1 */
  readonly cost?: number
  /**
   * default: true for GET/PUT/DELETE, false for POST/PATCH; non-idempotent requests are retried
   * only when the server clearly did not process them (429, 503 with Retry-After, connection refused)
   */
  readonly idempotent?: boolean
  /** Per-request timeout in ms; defaults to the client's. */
  readonly timeoutMs?: number
  /**
   * The vendor operation this request calls (`getOrders`), for vendors that budget each
   * operation on its own (Amazon SP-API usage plans). When the client has a limiter for it in
   * `rateLimiters`, the request waits for that limiter too, and a 429 pauses only that operation.
   */
  readonly operation?: string
  /** `arraybuffer` for binary bodies (a gzip document): the body is then a Buffer. Default `json`. */
  readonly responseType?: "json" | "arraybuffer"
}

/** A vendor's answer. Header names are lower-case. */
export interface HttpResponse<T = unknown> {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: T
}

/** A configured client for one system. */
export interface HttpClient {
  readonly system: string
  readonly baseUrl: string
  /** Sends a request; 2xx/3xx answers succeed, everything else is a typed error. */
  readonly request: (req: HttpRequest) => Effect.Effect<HttpResponse<unknown>, ConnectorError>
  /** Knows this client's secrets; use it for anything a connector logs or stores. */
  readonly redactor: Redactor
  readonly limiter: RateLimiter
  /** The per-operation limiters (`HttpClientOptions.rateLimiters`), by operation name. */
  readonly operationLimiters?: Readonly<Record<string, RateLimiter>>
}

/** What `makeHttpClient` needs. */
export interface HttpClientOptions {
  /** The system's name in logs and errors, e.g. `shopify`. */
  readonly system: string
  readonly baseUrl: string
  readonly auth?: AuthStrategy
  /** default 30000 */
  readonly timeoutMs?: number
  /** Overrides of `defaultRetryPolicy`. */
  readonly retry?: Partial<RetryPolicy>
  /** Default: `unlimited`. */
  readonly rateLimiter?: RateLimiter
  /**
   * One limiter per vendor operation, for vendors whose limits are per operation rather than
   * per account (Amazon SP-API: `getOrders` 0.0167/s burst 20, `getOrderItems` 0.5/s burst 30).
   * A request naming an `operation` found here waits for that limiter, then for `rateLimiter`.
   */
  readonly rateLimiters?: Readonly<Record<string, RateLimiter>>
  /** Sent with every request (e.g. an API version header). */
  readonly headers?: Record<string, string>
  /** More values to redact (anything secret the auth strategy does not know about). */
  readonly secrets?: ReadonlyArray<string>
  readonly userAgent?: string
}

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "PUT", "DELETE"])

/** Lower-case names, string values (multi-valued headers such as set-cookie joined). */
const normalizeHeaders = (raw: unknown): Record<string, string> => {
  const plain = raw instanceof AxiosHeaders ? raw.toJSON() : raw
  const out: Record<string, string> = {}
  if (typeof plain !== "object" || plain === null) return out
  for (const [name, value] of Object.entries(plain)) {
    if (value === undefined || value === null) continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(", ") : String(value)
  }
  return out
}

/**
 * Makes the client for one system.
 *
 * @example
 * const client = makeHttpClient({
 *   system: "woocommerce",
 *   baseUrl: "https://shop.example/wp-json/wc/v3",
 *   auth: basicAuth(consumerKey, consumerSecret),
 *   rateLimiter: tokenBucket({ capacity: 10, refillPerSecond: 5 }),
 * })
 */
export const makeHttpClient = (options: HttpClientOptions): HttpClient => {
  const { system, baseUrl, auth } = options
  const redactor = makeRedactor([...(options.secrets ?? []), ...(auth?.secrets ?? [])])
  const limiter = options.rateLimiter ?? unlimited
  const operationLimiters = options.rateLimiters ?? {}
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
  const instance = axios.create({
    // Status handling, retries and JSON errors are ours: axios only moves bytes.
    validateStatus: () => true,
    responseType: "json",
    timeout: options.timeoutMs ?? 30_000,
    transitional: { clarifyTimeoutError: true },
  })
  const authContext: AuthContext = { system, baseUrl, redactor, axios: instance, retry: policy }
  const baseHeaders: Record<string, string> = {
    Accept: "application/json",
    "User-Agent": options.userAgent ?? "eslayer",
    ...options.headers,
  }

  const request = (req: HttpRequest): Effect.Effect<HttpResponse<unknown>, ConnectorError> => {
    const url = withQuery(resolveUrl(baseUrl, req.path), req.query)
    const safeUrl = redactor.string(url)
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(req.method)
    const annotations = { system, method: req.method, url: safeUrl }
    const operationLimiter =
      req.operation !== undefined && Object.hasOwn(operationLimiters, req.operation)
        ? operationLimiters[req.operation]
        : undefined

    const logRetry = (attempt: number, reason: string, waitMs: number) =>
      Effect.logWarning("http retry").pipe(Effect.annotateLogs({ ...annotations, attempt, reason, waitMs }))

    // `attempt` counts the tries the retry policy allows; the one replay after a token refresh is free.
    const send = (attempt: number, refreshed: boolean): Effect.Effect<HttpResponse<unknown>, ConnectorError> =>
      Effect.gen(function* () {
        if (operationLimiter !== undefined) yield* operationLimiter.acquire(req.cost ?? 1)
        yield* limiter.acquire(req.cost ?? 1)
        const authHeaders = auth === undefined ? {} : yield* auth.authorize(authContext)
        const headers = { ...baseHeaders, ...req.headers, ...authHeaders }
        const startedAt = yield* Clock.currentTimeMillis
        const outcome = yield* Effect.either(
          Effect.tryPromise({
            try: (signal) =>
              instance.request<unknown>({
                method: req.method,
                url,
                data: req.body,
                headers,
                signal,
                ...(req.timeoutMs === undefined ? {} : { timeout: req.timeoutMs }),
                ...(req.responseType === undefined ? {} : { responseType: req.responseType }),
              }),
            catch: describeNetworkFailure,
          }),
        )
        const now = yield* Clock.currentTimeMillis
        const durationMs = now - startedAt
        operationLimiter?.answered?.(req.cost ?? 1)
        limiter.answered?.(req.cost ?? 1)

        if (outcome._tag === "Left") {
          const failure = outcome.left
          yield* Effect.logDebug("http request").pipe(
            Effect.annotateLogs({ ...annotations, status: failure.code ?? "no answer", durationMs, attempt }),
          )
          const decision = decideRetry({ attempt, networkError: true, policy, nowMs: now })
          if (decision.retry && (idempotent || failure.notDelivered)) {
            yield* logRetry(attempt, redactor.string(`${decision.reason}: ${failure.detail}`), decision.waitMs)
            yield* Effect.sleep(decision.waitMs)
            return yield* send(attempt + 1, refreshed)
          }
          return yield* new NetworkError({
            system,
            method: req.method,
            url: safeUrl,
            reason: failure.reason,
            detail: redactor.string(failure.detail),
          })
        }

        const response = outcome.right
        const status = response.status
        const responseHeaders = normalizeHeaders(response.headers)
        yield* Effect.logDebug("http request").pipe(
          Effect.annotateLogs({ ...annotations, status, durationMs, attempt }),
        )
        if (status < 400) return { status, headers: responseHeaders, body: response.data }

        if (status === 401 || status === 403) {
          if (status === 401 && !refreshed && auth?.onUnauthorized !== undefined) {
            const retryWithNewCredentials = yield* auth.onUnauthorized({ ...authContext, rejected: authHeaders })
            if (retryWithNewCredentials) return yield* send(attempt, true)
          }
          return yield* new AuthError({ system, status, detail: summarizeBody(redactor.value(response.data)) })
        }

        const retryAfterHeader = responseHeaders["retry-after"]
        const decision = decideRetry({
          attempt,
          status,
          policy,
          nowMs: now,
          ...(retryAfterHeader === undefined ? {} : { retryAfterHeader }),
        })
        // A POST that got a 500 may have created the record; sending it again could duplicate it.
        const notProcessed = status === 429 || (status === 503 && retryAfterHeader !== undefined)
        if (decision.retry && (idempotent || notProcessed)) {
          // An operation's own 429 says nothing about the vendor's other operations.
          if (status === 429) (operationLimiter ?? limiter).pauseFor?.(decision.waitMs)
          yield* logRetry(attempt, decision.reason, decision.waitMs)
          yield* Effect.sleep(decision.waitMs)
          return yield* send(attempt + 1, refreshed)
        }
        const body = redactor.value(response.data)
        if (status === 429) {
          return yield* new RateLimited({
            system,
            retryAfterMs: decision.waitMs,
            detail: `${decision.reason}: ${summarizeBody(body)}`,
          })
        }
        return yield* new HttpStatusError({ system, method: req.method, url: safeUrl, status, body })
      })

    return send(1, false)
  }

  return options.rateLimiters === undefined
    ? { system, baseUrl, request, redactor, limiter }
    : { system, baseUrl, request, redactor, limiter, operationLimiters }
}
