/**
 * Odoo's transport quirks behind one call: `call(model, method, params)` with named params,
 * spoken as JSON-2 (Odoo 19+) or as `/jsonrpc` `execute_kw` (Odoo 16–18). Streams and sinks
 * never know which protocol is in use.
 */

import { Data, Effect, Redacted, Schema } from "effect"
import type { ConnectorContext } from "../../core/connector/define.ts"
import {
  AuthError,
  type ConnectorError,
  type HttpStatusError,
  VendorResponseError,
} from "../../core/connector/errors.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import type { HttpClient } from "../../core/http/index.ts"
import { type OdooConfig, type OdooProtocol, odooLang } from "./config.ts"

/** Named parameters of a model method, plus `ids` (the records) and `context`. */
export type OdooParams = Readonly<Record<string, unknown>>

// The exceptions by which Odoo refuses the submitted values themselves (all `UserError`s,
// HTTP 422 on JSON-2): worth a per-record retry, never worth retrying as is.
const USER_ERRORS: ReadonlySet<string> = new Set([
  "odoo.exceptions.UserError",
  "odoo.exceptions.ValidationError",
  "odoo.exceptions.MissingError",
])

/** Odoo refused the values of a call (ValidationError, UserError, MissingError). */
export class OdooUserError extends Data.TaggedError("OdooUserError")<{
  readonly system: string
  readonly model: string
  readonly method: string
  /** The qualified Python exception, e.g. `odoo.exceptions.ValidationError`. */
  readonly exception: string
  /** Odoo's own message, shown to users as is. */
  readonly detail: string
}> {
  override get message() {
    return `${this.system} ${this.model}.${this.method} refused the values (${this.exception}): ${this.detail}`
  }
}

/** What a call can fail with: a transport error, or Odoo refusing the values. */
export type OdooCallError = ConnectorError | OdooUserError

/** One Odoo server, whichever protocol it is spoken to with. */
export interface OdooClient {
  readonly protocol: OdooProtocol
  /** Calls `model.method` with named params, e.g. `call("res.partner", "search_read", { domain, fields })`. */
  readonly call: (model: string, method: string, params?: OdooParams) => Effect.Effect<unknown, OdooCallError>
  /** Server version, database and user id: what `check` reports. */
  readonly whoAmI: Effect.Effect<{ serverVersion: string; database: string; uid: number }, ConnectorError>
}

// Read-only ORM methods: safe to send twice, so network errors and 5xx are retried.
const READ_METHODS: ReadonlySet<string> = new Set([
  "search_read",
  "search",
  "search_count",
  "read",
  "fields_get",
  "context_get",
  "name_search",
  "read_group",
])

// `@api.model` methods: execute_kw must not take record ids from their first argument.
const MODEL_METHODS: ReadonlySet<string> = new Set(
  [...READ_METHODS, "create", "default_get"].filter((m) => m !== "read"),
)

const OdooErrorBody = Schema.Struct({
  name: Schema.String,
  message: Schema.String,
  arguments: Schema.optional(Schema.Array(Schema.Unknown)),
})

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** Decodes an answer, or fails naming the operation and the JSON path that did not fit. */
export const decodeAnswer =
  <A, I>(schema: Schema.Schema<A, I>, system: string, operation: string) =>
  (answer: unknown): Effect.Effect<A, VendorResponseError> =>
    decodeVendorAnswer(schema, answer, { system, operation })

/** Calls and decodes in one step. */
export const callAs = <A, I>(
  client: OdooClient,
  system: string,
  schema: Schema.Schema<A, I>,
  model: string,
  method: string,
  params: OdooParams = {},
): Effect.Effect<A, OdooCallError> =>
  client.call(model, method, params).pipe(Effect.flatMap(decodeAnswer(schema, system, `${model}.${method}`)))

/** For reads: a refusal of a read is the server misbehaving, not a bad record. */
export const asConnectorError = (error: OdooCallError): ConnectorError =>
  error._tag === "OdooUserError"
    ? new VendorResponseError({
        system: error.system,
        operation: `${error.model}.${error.method}`,
        detail: `${error.exception}: ${error.detail}`,
      })
    : error

const withContext = (config: OdooConfig, params: OdooParams): OdooParams => ({
  ...params,
  context: { lang: odooLang(config.locale), ...(isRecord(params.context) ? params.context : {}) },
})

const json2 = (ctx: ConnectorContext<OdooConfig>): OdooClient => {
  const { system, config, http } = ctx
  const call = (model: string, method: string, params: OdooParams = {}) =>
    http
      // https://www.odoo.com/documentation/19.0/developer/reference/external_api.html#request
      .request({
        method: "POST",
        path: `json/2/${model}/${method}`,
        body: withContext(config, params),
        idempotent: READ_METHODS.has(method),
      })
      .pipe(
        Effect.map((response) => response.body),
        Effect.catchTag("HttpStatusError", (error: HttpStatusError): Effect.Effect<never, OdooCallError> => {
          const body = Schema.decodeUnknownOption(OdooErrorBody)(error.body)
          return body._tag === "Some" && USER_ERRORS.has(body.value.name)
            ? Effect.fail(
                new OdooUserError({ system, model, method, exception: body.value.name, detail: body.value.message }),
              )
            : Effect.fail(error)
        }),
      )
  const whoAmI = Effect.gen(function* () {
    // https://www.odoo.com/documentation/19.0/developer/reference/external_api.html#common-service
    const version = yield* http.request({ method: "GET", path: "web/version" })
    const { version: serverVersion } = yield* decodeAnswer(
      Schema.Struct({ version: Schema.String }),
      system,
      "web/version",
    )(version.body)
    // https://www.odoo.com/documentation/19.0/developer/reference/external_api.html (res.users/context_get: the key's user)
    const context = yield* call("res.users", "context_get").pipe(
      Effect.mapError(asConnectorError),
      Effect.flatMap(decodeAnswer(Schema.Struct({ uid: Schema.Int }), system, "res.users.context_get")),
    )
    return { serverVersion, database: config.database ?? "(chosen by host name)", uid: context.uid }
  })
  return { protocol: "json2", call, whoAmI }
}

const RpcError = Schema.Struct({
  code: Schema.Number,
  message: Schema.String,
  data: Schema.optional(OdooErrorBody),
})

// The user id common.login gave, per HTTP client (one per configured system).
const sessions = new WeakMap<HttpClient, number>()

const jsonrpc = (ctx: ConnectorContext<OdooConfig>): OdooClient => {
  const { system, config, http } = ctx
  const database = config.database ?? ""
  const username = config.username ?? ""
  const password = Redacted.value(config.apiKey)
  let nextId = 1

  /** One JSON-RPC 2.0 call; Odoo answers HTTP 200 with either `result` or `error`. */
  const rpc = (service: "common" | "object", method: string, args: ReadonlyArray<unknown>, idempotent: boolean) =>
    Effect.gen(function* () {
      // https://www.odoo.com/documentation/18.0/developer/howtos/web_services.html (JSON-RPC: /jsonrpc, service + method + args)
      const response = yield* http.request({
        method: "POST",
        path: "jsonrpc",
        body: { jsonrpc: "2.0", method: "call", params: { service, method, args }, id: nextId++ },
        idempotent,
      })
      const body = response.body
      if (isRecord(body) && "result" in body) return { ok: true as const, result: body.result }
      if (isRecord(body) && "error" in body) {
        const error = yield* decodeAnswer(RpcError, system, `jsonrpc ${service}.${method}`)(body.error)
        return { ok: false as const, error }
      }
      return yield* new VendorResponseError({
        system,
        operation: `jsonrpc ${service}.${method}`,
        detail: "the answer has neither `result` nor `error`",
      })
    })

  const login = Effect.gen(function* () {
    const known = sessions.get(http)
    if (known !== undefined) return known
    const answer = yield* rpc("common", "login", [database, username, password], true)
    if (!answer.ok) return yield* rpcFailure("common", "login", answer.error)
    if (typeof answer.result !== "number" || answer.result <= 0) {
      // Odoo answers `false`, not an error, to a wrong login or key.
      return yield* new AuthError({
        system,
        status: 401,
        detail: `common.login refused user ${username} on database ${database}`,
      })
    }
    sessions.set(http, answer.result)
    return answer.result
  })

  const rpcFailure = (
    model: string,
    method: string,
    error: typeof RpcError.Type,
  ): Effect.Effect<never, ConnectorError | OdooUserError> => {
    const name = error.data?.name ?? error.message
    const detail = error.data?.message ?? error.message
    if (name === "odoo.exceptions.AccessDenied") {
      sessions.delete(http)
      return Effect.fail(new AuthError({ system, status: 403, detail: `${name}: ${detail}` }))
    }
    if (USER_ERRORS.has(name)) return Effect.fail(new OdooUserError({ system, model, method, exception: name, detail }))
    return Effect.fail(
      new VendorResponseError({
        system,
        operation: `${model}.${method}`,
        detail: `${name} (code ${error.code}): ${detail}`,
      }),
    )
  }

  const call = (model: string, method: string, params: OdooParams = {}) =>
    Effect.gen(function* () {
      const uid = yield* login
      const { ids, context, ...named } = withContext(config, params)
      // execute_kw takes record ids as the first positional argument, and create its vals list
      // (its keyword form breaks on Odoo 16); everything else goes by name.
      let args: ReadonlyArray<unknown> = []
      let kwargs: Record<string, unknown> = { ...named, context }
      if (method === "create") {
        const { vals_list, ...rest } = named
        args = [vals_list]
        kwargs = { ...rest, context }
      } else if (ids !== undefined || !MODEL_METHODS.has(method)) {
        args = [ids ?? []]
      }
      const answer = yield* rpc(
        "object",
        "execute_kw",
        [database, uid, password, model, method, args, kwargs],
        READ_METHODS.has(method),
      )
      if (!answer.ok) return yield* rpcFailure(model, method, answer.error)
      return answer.result
    })

  const whoAmI = Effect.gen(function* () {
    const answer = yield* rpc("common", "version", [], true)
    if (!answer.ok) return yield* rpcFailure("common", "version", answer.error).pipe(Effect.mapError(asConnectorError))
    const { server_version } = yield* decodeAnswer(
      Schema.Struct({ server_version: Schema.String }),
      system,
      "common.version",
    )(answer.result)
    const uid = yield* login.pipe(Effect.mapError(asConnectorError))
    return { serverVersion: server_version, database, uid }
  })

  return { protocol: "jsonrpc", call, whoAmI }
}

/** The client for a system, speaking the protocol its config names. */
export const odooClient = (ctx: ConnectorContext<OdooConfig>): OdooClient =>
  ctx.config.protocol === "jsonrpc" ? jsonrpc(ctx) : json2(ctx)
