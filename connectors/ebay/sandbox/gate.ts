/**
 * What every eBay call goes through before its method runs: the application's call limit
 * (429 when used up), the bearer token (401 when missing, unknown or revoked), and a JSON body.
 */
import type { DefaultBodyType, HttpResponseResolver, PathParams } from "msw"
import { errorAnswer, invalidToken, malformedBody, type SandboxError, tooManyRequests } from "./errors.ts"
import type { EbaySandboxState } from "./state.ts"

const overLimit = (state: EbaySandboxState, now: number): boolean => {
  const throttle = state.throttle
  if (!throttle.enabled) return false
  while (throttle.sent.length > 0 && (throttle.sent[0] ?? 0) <= now - throttle.perMs) throttle.sent.shift()
  if (throttle.sent.length >= throttle.requests) return true
  throttle.sent.push(now)
  return false
}

const bearerOf = (request: Request): string | undefined => {
  const header = request.headers.get("authorization") ?? ""
  return header.startsWith("Bearer ") ? header.slice("Bearer ".length) : undefined
}

/** Wraps a method: throttle, then auth, then count the call under `operation`. */
export const guarded =
  <Params extends PathParams>(
    state: EbaySandboxState,
    operation: string,
    handle: HttpResponseResolver<Params, DefaultBodyType>,
  ): HttpResponseResolver<Params, DefaultBodyType> =>
  (info) => {
    if (overLimit(state, Date.now())) {
      state.stats.throttled++
      return tooManyRequests()
    }
    const token = bearerOf(info.request)
    if (token === undefined || !state.accessTokens.has(token)) return invalidToken()
    state.stats.calls.set(operation, (state.stats.calls.get(operation) ?? 0) + 1)
    return handle(info)
  }

/** The JSON body, or the 400 eBay answers for one that is not JSON. */
export const readJson = async (
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; answer: Response }> => {
  const text = await request.text()
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, answer: malformedBody() }
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** The first field of `value` that is not one of `allowed`. */
export const unknownField = (value: Record<string, unknown>, allowed: ReadonlyArray<string>): string | undefined =>
  Object.keys(value).find((key) => !allowed.includes(key))

/** The `requests` array of a bulk call body, or undefined. */
const requestsOf = (body: unknown): ReadonlyArray<unknown> | undefined =>
  isRecord(body) && Array.isArray(body.requests) ? body.requests : undefined

/**
 * The `requests` of a bulk call, or eBay's 400: for a body that is not JSON, one without
 * requests (`none`), or one with more than `limit` (`tooMany`, worded per call as eBay does).
 */
export const bulkRequests = async (
  request: Request,
  rules: { readonly limit: number; readonly none: SandboxError; readonly tooMany: (count: number) => SandboxError },
): Promise<{ ok: true; requests: ReadonlyArray<unknown> } | { ok: false; answer: Response }> => {
  const body = await readJson(request)
  if (!body.ok) return body
  const requests = requestsOf(body.value)
  if (requests === undefined || requests.length === 0) return { ok: false, answer: errorAnswer(400, rules.none) }
  if (requests.length > rules.limit) return { ok: false, answer: errorAnswer(400, rules.tooMany(requests.length)) }
  return { ok: true, requests }
}
