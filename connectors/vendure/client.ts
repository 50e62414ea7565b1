/**
 * Vendure's transport quirks on top of core's HTTP client: one Admin API endpoint, the session
 * token, and GraphQL errors kept with their `extensions.code`. The codes matter here and are why
 * this does not go through `graphqlRequest`, which folds errors into one message: `FORBIDDEN`
 * (HTTP 200) means the session expired and we log in again; `USER_INPUT_ERROR`,
 * `ENTITY_NOT_FOUND` and `GRAPHQL_VALIDATION_FAILED` (HTTP 400) are Vendure refusing what one
 * record asked for, which a sink reports as that record's failure with Vendure's message.
 * Auth, retries, rate limiting and redaction stay core's (`ctx.http`).
 */
import { Data, Effect, Schema } from "effect"
import {
  type ConnectorContext,
  type ConnectorError,
  HttpStatusError,
  VendorResponseError,
} from "../../core/connector/index.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import type { VendureConfig } from "./config.ts"
import { AUTH_TOKEN_HEADER, vendureSession } from "./session.ts"

export type VendureContext = ConnectorContext<VendureConfig>

/** One GraphQL error as Vendure sends it. */
export interface VendureErrorLine {
  readonly message: string
  /** `extensions.code`: `USER_INPUT_ERROR`, `ENTITY_NOT_FOUND`, `FORBIDDEN`, `GRAPHQL_VALIDATION_FAILED`, … */
  readonly code: string | undefined
  /** The field path as JSON path (`$.createProductVariants`), when Vendure gives one. */
  readonly path: string | undefined
}

/** Vendure answered a call with GraphQL `errors`: it refused the call, not the transport. */
export class VendureGraphqlError extends Data.TaggedError("VendureGraphqlError")<{
  readonly system: string
  readonly operation: string
  readonly errors: ReadonlyArray<VendureErrorLine>
}> {
  /** Vendure's own messages with their codes, e.g. `No ProductVariant with the id "9" could be found (ENTITY_NOT_FOUND)`. */
  get reason(): string {
    return this.errors.map((e) => (e.code === undefined ? e.message : `${e.message} (${e.code})`)).join("; ")
  }
  override get message() {
    return `${this.system} ${this.operation} was refused: ${this.reason}`
  }
}

/** What a call can fail with: transport, or Vendure refusing it. */
export type VendureCallError = ConnectorError | VendureGraphqlError

/** One GraphQL call and the shape its `data` must have. */
export interface VendureCall<A, I> {
  /** Names the call in errors and logs: `orders.list`. */
  readonly operation: string
  readonly query: string
  /** Only variables the query declares: Vendure refuses unused ones (GRAPHQL_VALIDATION_FAILED). */
  readonly variables?: Record<string, unknown>
  readonly data: Schema.Schema<A, I>
}

const ErrorLine = Schema.Struct({
  message: Schema.String,
  path: Schema.optional(Schema.Array(Schema.Union(Schema.String, Schema.Number))),
  extensions: Schema.optional(Schema.Struct({ code: Schema.optional(Schema.String) })),
})
const Envelope = Schema.Struct({
  data: Schema.optional(Schema.Unknown),
  errors: Schema.optional(Schema.Array(ErrorLine)),
})

const jsonPath = (path: ReadonlyArray<string | number> | undefined): string | undefined =>
  path === undefined || path.length === 0
    ? undefined
    : path.reduce<string>((acc, s) => (typeof s === "number" ? `${acc}[${s}]` : `${acc}.${s}`), "$")

const errorLines = (errors: ReadonlyArray<typeof ErrorLine.Type>): ReadonlyArray<VendureErrorLine> =>
  errors.map((e) => ({ message: e.message, code: e.extensions?.code, path: jsonPath(e.path) }))

// A mutation may not be safe to send twice after an ambiguous failure; a query always is.
const isMutation = (query: string): boolean => /^\s*mutation\b/.test(query)

/** The errors of a 400 answer, when it is Vendure's GraphQL envelope (a validation failure). */
const refusalIn = (error: ConnectorError): ReadonlyArray<VendureErrorLine> | undefined => {
  if (!(error instanceof HttpStatusError) || error.status !== 400) return undefined
  const envelope = Schema.decodeUnknownOption(Envelope)(error.body)
  if (envelope._tag === "None" || envelope.value.errors === undefined) return undefined
  return errorLines(envelope.value.errors)
}

/**
 * Sends one query or mutation to the Admin API and checks its `data`
 * (https://docs.vendure.io/reference/graphql-api/admin/queries/).
 */
export const vendureRequest = <A, I>(
  ctx: VendureContext,
  call: VendureCall<A, I>,
): Effect.Effect<A, VendureCallError> => {
  const session = vendureSession(ctx.config)
  const refused = (errors: ReadonlyArray<VendureErrorLine>) =>
    new VendureGraphqlError({
      system: ctx.system,
      operation: call.operation,
      errors: errors.map((e) => ({ ...e, message: ctx.http.redactor.string(e.message) })),
    })

  const attempt = (relogged: boolean): Effect.Effect<A, VendureCallError> =>
    Effect.gen(function* () {
      const sent = session.current()
      const response = yield* ctx.http
        .request({
          method: "POST",
          path: "",
          body: call.variables === undefined ? { query: call.query } : { query: call.query, variables: call.variables },
          idempotent: !isMutation(call.query),
        })
        .pipe(
          Effect.catchAll((error): Effect.Effect<never, VendureCallError> => {
            const errors = refusalIn(error)
            return errors === undefined ? Effect.fail(error) : Effect.fail(refused(errors))
          }),
        )
      const renewed = response.headers[AUTH_TOKEN_HEADER]
      if (renewed !== undefined && renewed !== "") {
        ctx.http.redactor.add(renewed)
        session.renew(renewed)
      }
      const envelope = yield* decodeVendorAnswer(Envelope, response.body, {
        system: ctx.system,
        operation: call.operation,
      })
      const errors = errorLines(envelope.errors ?? [])
      if (errors.some((e) => e.code === "FORBIDDEN") && !relogged) {
        // An expired or revoked session: log in again, once.
        session.expire(sent)
        return yield* attempt(true)
      }
      if (errors.length > 0) return yield* refused(errors)
      if (envelope.data === undefined || envelope.data === null) {
        return yield* new VendorResponseError({
          system: ctx.system,
          operation: call.operation,
          detail: "the answer has neither data nor errors",
        })
      }
      return yield* decodeVendorAnswer(call.data, envelope.data, {
        system: ctx.system,
        operation: call.operation,
        at: "$.data",
      })
    })

  return attempt(false)
}

/**
 * For streams and `check`: a refused read is the connector's fault or a changed API, never a
 * record's, so it becomes a VendorResponseError with Vendure's message.
 */
export const asVendorError = <A>(effect: Effect.Effect<A, VendureCallError>): Effect.Effect<A, ConnectorError> =>
  effect.pipe(
    Effect.catchTag("VendureGraphqlError", (error) =>
      Effect.fail(
        new VendorResponseError({
          system: error.system,
          operation: error.operation,
          detail: error.reason,
          ...(error.errors[0]?.path === undefined ? {} : { path: error.errors[0].path }),
        }),
      ),
    ),
  )

/** Vendure's list page limit (`apiOptions.adminListQueryLimit`, default 1000). */
export const MAX_TAKE = 1000

/** A page size from read options: default 100, at most 1000. */
export const clampPageSize = (pageSize: number | undefined): number =>
  Math.max(1, Math.min(MAX_TAKE, Math.floor(pageSize ?? 100)))

/** Splits `items` into chunks of at most `size`. */
export const chunksOf = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
