/**
 * Tryton's JSON-RPC behind one call: `POST <baseUrl>/<database>/` with
 * `{"id", "method": "model.<model>.<method>", "params": [..., context]}`. Tryton answers HTTP
 * 200 with `result`, or with `error`: `["UserError", [message, description, domain]]` when it
 * refuses the values, `[exception text, traceback]` when the server itself failed (an unknown
 * field or model). Methods a model does not expose get HTTP 403; a bad session 401 (session.ts).
 * https://docs.tryton.org/projects/server/en/6.0/topics/rpc.html
 */
import { Data, Effect, Schema } from "effect"
import type { ConnectorContext } from "../../core/connector/define.ts"
import { type ConnectorError, VendorResponseError } from "../../core/connector/errors.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import type { HttpClient } from "../../core/http/index.ts"
import type { TrytonConfig } from "./config.ts"
import { Many2one } from "./schemas/values.ts"

/** Tryton refused the values of a call (a `UserError` or `UserWarning`): the record's fault, not the server's. */
export class TrytonUserError extends Data.TaggedError("TrytonUserError")<{
  readonly system: string
  readonly method: string
  /** `UserError`, `UserWarning` or `ConcurrencyException`. */
  readonly exception: string
  /** Tryton's own message, as its client shows it. */
  readonly detail: string
}> {
  override get message() {
    return `${this.system} ${this.method} refused the values (${this.exception}): ${this.detail}`
  }
}

/** What a call can fail with: a transport error, or Tryton refusing the values. */
export type TrytonCallError = ConnectorError | TrytonUserError

/** A domain: `[["field", "operator", value], …]`, implicitly and-ed; `"OR"` as a first element or-s. */
export type Domain = ReadonlyArray<unknown>

/** An order: `[["write_date", "ASC"], ["id", "ASC"]]`. */
export type Order = ReadonlyArray<readonly [string, "ASC" | "DESC"]>

/** The call context: the user's preferences (company, language) plus per-call keys such as `locations`. */
export type TrytonContext = Readonly<Record<string, unknown>>

/** One Tryton server and database, as the logged-in user. */
export interface TrytonClient {
  readonly system: string
  /** Any JSON-RPC method with its positional params, as is. */
  readonly rpc: (method: string, params: ReadonlyArray<unknown>) => Effect.Effect<unknown, TrytonCallError>
  /** `model.<model>.<method>` with the user's context (plus `context`) as the last param. */
  readonly call: (
    model: string,
    method: string,
    args: ReadonlyArray<unknown>,
    context?: TrytonContext,
  ) => Effect.Effect<unknown, TrytonCallError>
  /** The user's preferences (`res.user.get_preferences`): company, language; the base of every context. */
  readonly preferences: Effect.Effect<TrytonContext, ConnectorError>
  /** `common.server.version`, which the server answers at its root, not under a database. */
  readonly serverVersion: Effect.Effect<string, ConnectorError>
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const READ_METHODS: ReadonlySet<string> = new Set(["search", "search_read", "search_count", "read", "get_preferences"])
const USER_ERRORS: ReadonlySet<string> = new Set(["UserError", "UserWarning", "ConcurrencyException"])

/** The failure an `error` member stands for. */
const failureOf = (system: string, method: string, error: unknown): TrytonCallError => {
  if (Array.isArray(error) && typeof error[0] === "string" && USER_ERRORS.has(error[0])) {
    const args: unknown = error[1]
    // UserError: [message, description, domain]; UserWarning: [name, message, description].
    const parts = Array.isArray(args) ? (error[0] === "UserWarning" ? args.slice(1) : args) : [args]
    const detail = parts
      .filter((p): p is string => typeof p === "string" && p.trim() !== "")
      .join(" ")
      .trim()
    return new TrytonUserError({ system, method, exception: error[0], detail: detail || JSON.stringify(args) })
  }
  const text = Array.isArray(error) && typeof error[0] === "string" ? error[0] : JSON.stringify(error)
  return new VendorResponseError({
    system,
    operation: method,
    detail: `the server failed: ${text.slice(0, 300)} (an unknown model or field raises this; see the trytond log)`,
  })
}

/** For reads: a refusal of a read is the server misbehaving, not a bad record. */
export const asConnectorError = (error: TrytonCallError): ConnectorError =>
  error._tag === "TrytonUserError"
    ? new VendorResponseError({ system: error.system, operation: error.method, detail: error.detail })
    : error

// The user's preferences per HTTP client (one per configured system), fetched once.
const preferencesByClient = new WeakMap<HttpClient, TrytonContext>()

/** The client for a system. */
export const trytonClient = (ctx: ConnectorContext<TrytonConfig>): TrytonClient => {
  const { system, http, config } = ctx
  const path = `${encodeURIComponent(config.database)}/`
  let nextId = 1

  const rpcAt = (at: string, method: string, params: ReadonlyArray<unknown>) =>
    Effect.gen(function* () {
      const operation = method.split(".").at(-1) ?? method
      // https://docs.tryton.org/projects/server/en/6.0/topics/rpc.html
      const response = yield* http.request({
        method: "POST",
        path: at,
        body: { id: nextId++, method, params },
        headers: { "Content-Type": "application/json" },
        idempotent: READ_METHODS.has(operation),
      })
      const body = response.body
      if (isRecord(body) && "error" in body && body.error !== null) {
        return yield* Effect.fail(failureOf(system, method, body.error))
      }
      if (isRecord(body) && "result" in body) return body.result
      return yield* new VendorResponseError({
        system,
        operation: method,
        detail: "the answer has neither `result` nor `error`",
      })
    })

  const rpc = (method: string, params: ReadonlyArray<unknown>) => rpcAt(path, method, params)

  const serverVersion = rpcAt("/", "common.server.version", []).pipe(
    Effect.mapError(asConnectorError),
    Effect.flatMap((answer) =>
      decodeVendorAnswer(Schema.String, answer, { system, operation: "common.server.version" }),
    ),
  )

  const preferences: Effect.Effect<TrytonContext, ConnectorError> = Effect.suspend(() => {
    const known = preferencesByClient.get(http)
    if (known !== undefined) return Effect.succeed(known)
    // https://docs.tryton.org/projects/server/en/6.0/topics/rpc.html (context): the client sends these with every call.
    return rpc("model.res.user.get_preferences", [true, {}]).pipe(
      Effect.mapError(asConnectorError),
      Effect.flatMap((answer) =>
        decodeVendorAnswer(
          Schema.Struct({ company: Many2one }, Schema.Record({ key: Schema.String, value: Schema.Unknown })),
          answer,
          { system, operation: "res.user.get_preferences" },
        ),
      ),
      Effect.map(({ groups: _groups, ...context }) => {
        preferencesByClient.set(http, context)
        return context as TrytonContext
      }),
    )
  })

  const call = (model: string, method: string, args: ReadonlyArray<unknown>, context: TrytonContext = {}) =>
    Effect.gen(function* () {
      const base = yield* preferences
      return yield* rpc(`model.${model}.${method}`, [...args, { ...base, ...context }])
    })

  return { system, rpc, call, preferences, serverVersion }
}

/** Calls and decodes in one step; reads turn refusals into VendorResponseErrors. */
export const callAs = <A, I>(
  client: TrytonClient,
  schema: Schema.Schema<A, I>,
  model: string,
  method: string,
  args: ReadonlyArray<unknown>,
  context?: TrytonContext,
): Effect.Effect<A, ConnectorError> =>
  client.call(model, method, args, context).pipe(
    Effect.mapError(asConnectorError),
    Effect.flatMap((answer) =>
      decodeVendorAnswer(schema, answer, { system: client.system, operation: `${model}.${method}` }),
    ),
  )

/** What a `search_read` needs besides the model. */
export interface SearchRead {
  readonly domain: Domain
  readonly fields: ReadonlyArray<string>
  readonly offset?: number
  /** `null`: no limit. */
  readonly limit?: number | null
  readonly order?: Order
  readonly context?: TrytonContext
}

/** `search_read(domain, offset, limit, order, fields, context)`, decoded. */
export const searchRead = <A, I>(
  client: TrytonClient,
  model: string,
  schema: Schema.Schema<A, I>,
  query: SearchRead,
): Effect.Effect<ReadonlyArray<A>, ConnectorError> =>
  callAs(
    client,
    Schema.Array(schema),
    model,
    "search_read",
    [query.domain, query.offset ?? 0, query.limit ?? null, query.order ?? [["id", "ASC"]], query.fields],
    query.context,
  )

/** `search(domain, offset, limit, order, context)`: ids only. */
export const searchIds = (
  client: TrytonClient,
  model: string,
  domain: Domain,
  context?: TrytonContext,
): Effect.Effect<ReadonlyArray<number>, ConnectorError> =>
  callAs(client, Schema.Array(Schema.Int), model, "search", [domain, 0, null, [["id", "ASC"]]], context)
