/**
 * GraphQL over the HTTP client: errors inside a 200 become typed errors, and a throttle answer
 * inside a 200 (Shopify's `THROTTLED`) is waited out like a 429.
 */
import { Effect } from "effect"
import { type ConnectorError, RateLimited, VendorResponseError } from "../connector/errors.ts"
import type { HttpClient } from "./client.ts"

/** What `graphqlRequest` sends and how it reads the answer. */
export interface GraphqlRequestOptions {
  /** The GraphQL endpoint, relative to the client's baseUrl. */
  readonly path: string
  readonly query: string
  readonly variables?: Record<string, unknown>
  /** Names the call in errors, e.g. `products.list`. */
  readonly operation: string
  /** Rate-limit cost (Shopify: the query's `requestedQueryCost`); default 1. */
  readonly cost?: number
  /** vendor hook: returns ms to wait when the answer is a throttle error inside a 200 (Shopify answers `{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]}`) */
  readonly throttledRetryAfterMs?: (body: unknown) => number | undefined
  /** Sees every answer's `extensions` (Shopify's cost and throttleStatus, for `limiter.observe`). */
  readonly onExtensions?: (extensions: unknown) => void
  /** Throttle answers waited out before giving up with RateLimited; default 5. */
  readonly maxThrottleRetries?: number
}

/** The useful part of a GraphQL answer. */
export interface GraphqlResult {
  readonly data: unknown
  readonly extensions: unknown
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

// A mutation may not be safe to send twice after an ambiguous failure; a query always is.
const isMutation = (query: string): boolean => /^\s*mutation\b/.test(query.replace(/^\s*#.*$/gm, ""))

/** `["products", "edges", 0, "node"]` -> `$.products.edges[0].node`. */
const jsonPath = (path: unknown): string | undefined => {
  if (!Array.isArray(path) || path.length === 0) return undefined
  return path.reduce<string>(
    (acc, segment) => (typeof segment === "number" ? `${acc}[${segment}]` : `${acc}.${String(segment)}`),
    "$",
  )
}

interface GraphqlErrorLine {
  readonly message: string
  readonly path: string | undefined
}

const errorsOf = (errors: unknown): ReadonlyArray<GraphqlErrorLine> => {
  if (!Array.isArray(errors)) return []
  return errors.map((error: unknown) => {
    const message = isRecord(error) && typeof error.message === "string" ? error.message : JSON.stringify(error)
    return { message, path: isRecord(error) ? jsonPath(error.path) : undefined }
  })
}

const describeErrors = (errors: ReadonlyArray<GraphqlErrorLine>): string =>
  errors.map((e) => (e.path === undefined ? e.message : `${e.message} (at ${e.path})`)).join("; ")

/**
 * Sends a GraphQL query or mutation. `errors` without `data` fail with VendorResponseError
 * (messages and the first error's path); `errors` next to `data` (a partial answer) are logged
 * and the data returned. A throttle answer pauses the client's limiter, waits and tries again.
 *
 * @example
 * graphqlRequest(client, { path: "graphql.json", operation: "products.list", query, variables: { first: 50 } })
 */
export const graphqlRequest = (
  client: HttpClient,
  options: GraphqlRequestOptions,
): Effect.Effect<GraphqlResult, ConnectorError> => {
  const maxThrottleRetries = options.maxThrottleRetries ?? 5
  const fail = (detail: string, path?: string) =>
    new VendorResponseError({
      system: client.system,
      operation: options.operation,
      detail: client.redactor.string(detail),
      ...(path === undefined ? {} : { path }),
    })

  const attempt = (throttled: number): Effect.Effect<GraphqlResult, ConnectorError> =>
    Effect.gen(function* () {
      const response = yield* client.request({
        method: "POST",
        path: options.path,
        body:
          options.variables === undefined
            ? { query: options.query }
            : { query: options.query, variables: options.variables },
        idempotent: !isMutation(options.query),
        ...(options.cost === undefined ? {} : { cost: options.cost }),
      })
      const body = response.body
      if (!isRecord(body)) return yield* fail("the answer is not a GraphQL response object")
      if (body.extensions !== undefined) options.onExtensions?.(body.extensions)

      const waitMs = options.throttledRetryAfterMs?.(body)
      if (waitMs !== undefined) {
        if (throttled >= maxThrottleRetries) {
          return yield* new RateLimited({
            system: client.system,
            retryAfterMs: waitMs,
            detail: `${options.operation} still throttled after ${throttled} retr${throttled === 1 ? "y" : "ies"}`,
          })
        }
        client.limiter.pauseFor?.(waitMs)
        yield* Effect.logWarning("graphql throttled, retrying").pipe(
          Effect.annotateLogs({ system: client.system, operation: options.operation, waitMs, attempt: throttled + 1 }),
        )
        yield* Effect.sleep(waitMs)
        return yield* attempt(throttled + 1)
      }

      const errors = errorsOf(body.errors)
      const data = body.data
      if (errors.length > 0 && (data === null || data === undefined)) {
        return yield* fail(describeErrors(errors), errors[0]?.path)
      }
      if (errors.length > 0) {
        yield* Effect.logWarning("graphql partial answer").pipe(
          Effect.annotateLogs({
            system: client.system,
            operation: options.operation,
            errors: client.redactor.string(describeErrors(errors)),
          }),
        )
      }
      if (data === undefined) return yield* fail("the answer has neither data nor errors")
      return { data, extensions: body.extensions }
    })

  return attempt(0)
}
