/**
 * `POST /json/2/<model>/<method>` as Odoo 19 answers it: bearer API key, the JSON body's keys
 * bound to the method's parameters (`ids` and `context` apart), the result as JSON, and errors
 * with their HTTP status and `serialize_exception` body.
 * https://www.odoo.com/documentation/19.0/developer/reference/external_api.html
 */
import { HttpResponse, http } from "msw"
import { badRequest, methodNotAllowed, OdooException, serializeException, unauthorized } from "./errors.ts"
import { invoke } from "./methods.ts"
import { acceptsKey, type OdooSandboxState } from "./state.ts"

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)
const param = (v: string | ReadonlyArray<string> | undefined): string => (typeof v === "string" ? v : (v?.[0] ?? ""))

/** The key of `Authorization: bearer <key>` (any case, as Odoo's regex allows). */
const bearerKey = (header: string | null): string | undefined => /^bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim()

const parseBody = async (request: Request): Promise<Record<string, unknown>> => {
  const text = await request.text()
  if (text.trim() === "") return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw badRequest(`could not parse the body as json: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isRecord(body)) throw badRequest("could not parse the body, expecting a json object")
  return body
}

/** The handler of `/json/2/<model>/<method>`; `gate` answers 429 when the rate limit is on. */
export const json2Handlers = (state: OdooSandboxState, gate: () => Response | undefined) => [
  http.all("*/json/2/:model/:method", async ({ request, params }) => {
    const throttled = gate()
    if (throttled !== undefined) return throttled
    let context: Record<string, unknown> = {}
    try {
      if (request.method !== "POST") throw methodNotAllowed()
      const key = bearerKey(request.headers.get("authorization"))
      if (!acceptsKey(state, key)) throw unauthorized("Invalid apikey")
      const { ids = [], context: given = {}, ...named } = await parseBody(request)
      context = isRecord(given) ? given : {}
      const recordIds = Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id)) : []
      const model = param(params.model)
      const method = param(params.method)
      state.calls.push({ protocol: "json2", model, method })
      const result = invoke(state.orm, { model, method, ids: recordIds, positional: [], named, context })
      return HttpResponse.json(result ?? null)
    } catch (error) {
      const odooError =
        error instanceof OdooException
          ? error
          : new OdooException("builtins.Exception", error instanceof Error ? error.message : String(error), 500)
      return HttpResponse.json(serializeException(odooError, context), { status: odooError.status })
    }
  }),
]
