/**
 * `POST /jsonrpc` as Odoo 16–19 answers it: JSON-RPC 2.0 with services `common` (version,
 * login, authenticate) and `object` (execute_kw). Errors come back with HTTP 200 and an
 * `error` member: `{ code: 200, message: "Odoo Server Error", data: serialize_exception(e) }`.
 * https://www.odoo.com/documentation/18.0/developer/howtos/web_services.html
 */
import { HttpResponse, http } from "msw"
import { accessDenied, OdooException, serializeException, userError } from "./errors.ts"
import { findMethod, invoke } from "./methods.ts"
import { acceptsKey, type OdooSandboxState } from "./state.ts"

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const noDatabase = (db: unknown) =>
  new OdooException(
    "psycopg2.OperationalError",
    `connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "${String(db)}" does not exist`,
    500,
  )

const common = (state: OdooSandboxState, method: unknown, args: ReadonlyArray<unknown>): unknown => {
  if (method === "version") {
    const [major = 0, minor = 0] = state.serverVersion.split(".").map(Number)
    return {
      server_version: state.serverVersion,
      server_version_info: [major, minor, 0, "final", 0, ""],
      server_serie: state.serverVersion,
      protocol_version: 1,
    }
  }
  if (method === "login" || method === "authenticate") {
    const [db, login, password] = args
    if (db !== state.database) throw noDatabase(db)
    // A wrong login or key is not an error: Odoo answers `false`.
    return login === state.login && acceptsKey(state, password) ? 2 : false
  }
  throw new OdooException("builtins.NameError", `method ${String(method)} is not supported by service common`, 500)
}

const executeKw = (state: OdooSandboxState, args: ReadonlyArray<unknown>): unknown => {
  const [db, uid, password, model, method, positional = [], kwargs = {}] = args
  if (db !== state.database) throw noDatabase(db)
  if (uid !== 2 || !acceptsKey(state, password)) throw accessDenied()
  if (typeof model !== "string" || state.orm.models[model] === undefined) {
    throw userError(`Object ${String(model)} doesn't exist`)
  }
  if (typeof method !== "string") throw new OdooException("builtins.TypeError", "method must be a string", 500)
  let def: ReturnType<typeof findMethod>
  try {
    def = findMethod(model, method, state.orm.model(model).methods)
  } catch {
    throw new OdooException("builtins.AttributeError", `The method '${model}.${method}' does not exist`, 500)
  }
  const given = Array.isArray(positional) ? positional : []
  const { context = {}, ...named } = isRecord(kwargs) ? kwargs : {}
  // execute_kw takes the record ids from the first positional argument of non-model methods.
  const [first, ...rest] = given
  const ids = def.api === "records" && Array.isArray(first) ? first.filter((id) => Number.isInteger(id)) : []
  state.calls.push({ protocol: "jsonrpc", model, method })
  return invoke(state.orm, {
    model,
    method,
    ids,
    positional: def.api === "records" ? rest : given,
    named,
    context: isRecord(context) ? context : {},
  })
}

/** The handler of `/jsonrpc`; `gate` answers 429 when the rate limit is on. */
export const jsonrpcHandlers = (state: OdooSandboxState, gate: () => Response | undefined) => [
  http.post("*/jsonrpc", async ({ request }) => {
    const throttled = gate()
    if (throttled !== undefined) return throttled
    const body: unknown = await request.json().catch(() => undefined)
    const id = isRecord(body) ? (body.id ?? null) : null
    try {
      const params = isRecord(body) && isRecord(body.params) ? body.params : {}
      const args = Array.isArray(params.args) ? params.args : []
      let result: unknown
      if (params.service === "common") result = common(state, params.method, args)
      else if (params.service === "object" && params.method === "execute_kw") result = executeKw(state, args)
      else if (params.service === "db" && params.method === "list") result = [state.database]
      else throw new OdooException("builtins.KeyError", `'${String(params.service)}.${String(params.method)}'`, 500)
      return HttpResponse.json({ jsonrpc: "2.0", id, result: result ?? null })
    } catch (error) {
      const odooError =
        error instanceof OdooException
          ? error
          : new OdooException("builtins.Exception", error instanceof Error ? error.message : String(error), 500)
      return HttpResponse.json({
        jsonrpc: "2.0",
        id,
        error: { code: 200, message: "Odoo Server Error", data: serializeException(odooError) },
      })
    }
  }),
]
