/**
 * Tryton's JSON-RPC endpoint as trytond 6.0 serves it: `POST /<database>/` with
 * `{id, method, params}`; `common.db.login` answers `[user id, session]` (HTTP 401 when
 * refused, 404 for an unknown database); every other call needs
 * `Authorization: Session base64(login:user id:session)` (HTTP 401 otherwise);
 * `common.server.version` is served at `/`.
 */
import { HttpResponse, http } from "msw"
import { SandboxForbidden, SandboxServerError, SandboxUserError } from "./errors.ts"
import type { TrytonSandboxState } from "./state.ts"
import { press } from "./workflow.ts"

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

const html = (status: number, title: string) =>
  new HttpResponse(`<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n`, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8" },
  })

// trytond's auth_required answers 401 with a Basic challenge and no body.
const unauthorized = () =>
  new HttpResponse(null, {
    status: 401,
    headers: { "WWW-Authenticate": 'Basic realm="Tryton"', "Content-Type": "text/plain" },
  })

const sessionUser = (state: TrytonSandboxState, header: string | null): number | undefined => {
  const [kind, encoded] = (header ?? "").split(" ")
  if (kind?.toLowerCase() !== "session" || encoded === undefined) return undefined
  const [login, userId, key] = Buffer.from(encoded, "base64").toString("utf8").split(":")
  const session = key === undefined ? undefined : state.sessions.get(key)
  return session !== undefined && session.login === login && String(session.userId) === userId
    ? session.userId
    : undefined
}

const numbers = (v: unknown): Array<number> =>
  Array.isArray(v) ? v.filter((x): x is number => typeof x === "number") : []

/** Dispatches `model.<model>.<method>` with positional params, the context last. */
const dispatch = (state: TrytonSandboxState, method: string, params: ReadonlyArray<unknown>): unknown => {
  const { store } = state
  const parts = method.split(".")
  if (parts[0] !== "model" || parts.length < 3) throw new SandboxForbidden(method)
  const name = parts.at(-1) ?? ""
  const model = parts.slice(1, -1).join(".")
  store.modelDef(model)
  const args = params.slice(0, -1)
  const last = params.at(-1)
  const context = isRecord(last) ? { ...last } : {}
  state.calls.push(`${model}.${name}`)
  if (model === "res.user" && name === "get_preferences") return state.preferences()
  switch (name) {
    case "search": {
      const [domain = [], offset = 0, limit = null, order = null] = args
      return store.search(model, domain, Number(offset) || 0, typeof limit === "number" ? limit : null, order, context)
    }
    case "search_count":
      return store.search(model, args[0] ?? [], 0, null, null, context).length
    case "read":
      return store.read(model, numbers(args[0]), Array.isArray(args[1]) ? args[1].map(String) : [], context)
    case "search_read": {
      const [domain = [], offset = 0, limit = null, order = null, fields = []] = args
      const ids = store.search(
        model,
        domain,
        Number(offset) || 0,
        typeof limit === "number" ? limit : null,
        order,
        context,
      )
      return store.read(model, ids, Array.isArray(fields) ? fields.map(String) : [], context)
    }
    case "create":
      return store.create(model, Array.isArray(args[0]) ? args[0] : [])
    case "write":
      store.write(model, numbers(args[0]), args[1])
      return null
    default:
      return press(store, model, name, numbers(args[0]))
  }
}

/** The handlers of one sandbox. */
export const rpcHandlers = (state: TrytonSandboxState) => [
  http.post(/^https?:\/\/[^/]+\/$/, async ({ request }) => {
    const body: unknown = await request.json().catch(() => undefined)
    if (isRecord(body) && body.method === "common.server.version")
      return HttpResponse.json({ id: body.id ?? 0, result: state.version })
    if (isRecord(body) && body.method === "common.db.list") return html(403, "Forbidden")
    return html(404, "Not Found")
  }),
  http.post(`*/${state.database}/`, async ({ request }) => {
    const body: unknown = await request.json().catch(() => undefined)
    if (!isRecord(body) || typeof body.method !== "string" || !Array.isArray(body.params))
      return html(400, "Bad Request")
    const id = body.id ?? 0
    const params: ReadonlyArray<unknown> = body.params
    if (body.method === "common.db.login") {
      const [login, parameters] = params
      if (login !== state.login || !isRecord(parameters) || parameters.password !== state.password)
        return html(401, "Unauthorized")
      const key = state.newSessionKey()
      state.sessions.set(key, { login, userId: 1 })
      return HttpResponse.json({ id, result: [1, key] })
    }
    const user = sessionUser(state, request.headers.get("authorization"))
    if (user === undefined) return unauthorized()
    if (body.method === "common.db.logout") {
      for (const [key, session] of state.sessions) if (session.userId === user) state.sessions.delete(key)
      return HttpResponse.json({ id, result: null })
    }
    state.tick()
    try {
      return HttpResponse.json({ id, result: dispatch(state, body.method, params) ?? null })
    } catch (error) {
      if (error instanceof SandboxForbidden) return html(403, "Forbidden")
      if (error instanceof SandboxUserError)
        return HttpResponse.json({ id, error: ["UserError", [error.userMessage, "", null]] })
      const text = error instanceof SandboxServerError ? error.message : String(error)
      return HttpResponse.json({ id, error: [text, "Traceback (most recent call last):\n  (sandbox)"] })
    }
  }),
  http.post("*/:database/", ({ params }) => (params.database === state.database ? undefined : html(404, "Not Found"))),
]
