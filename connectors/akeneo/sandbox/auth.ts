/**
 * `POST /api/oauth/v1/token` (https://api.akeneo.com/api-reference.html#post_token): Basic
 * client id/secret, then `grant_type=password` (username, password) or `grant_type=refresh_token`,
 * as JSON or a form. Refusals are 422 with Akeneo's messages; access tokens live an hour.
 */
import { randomBytes } from "node:crypto"
import { HttpResponse } from "msw"
import { akeneoError, unauthorized } from "./errors.ts"
import type { AkeneoSandboxState, SandboxClient } from "./state.ts"

const basicClient = (state: AkeneoSandboxState, header: string | null): SandboxClient | undefined => {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "")
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  if (colon < 0) return undefined
  const clientId = decoded.slice(0, colon)
  const secret = decoded.slice(colon + 1)
  return state.clients.find((c) => c.clientId === clientId && c.secret === secret)
}

const readGrant = async (request: Request): Promise<Record<string, string> | "bad-json" | "bad-type"> => {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase()
  const text = await request.text()
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text))
  if (type !== "application/json") return "bad-type"
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "bad-json"
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]))
  } catch {
    return "bad-json"
  }
}

const issue = (state: AkeneoSandboxState): Response => {
  const token = {
    accessToken: randomBytes(32).toString("base64url"),
    refreshToken: randomBytes(32).toString("base64url"),
    expiresAt: state.now() + state.tokenLifetimeSeconds * 1000,
  }
  state.tokens.set(token.accessToken, token)
  return HttpResponse.json({
    access_token: token.accessToken,
    expires_in: state.tokenLifetimeSeconds,
    token_type: "bearer",
    scope: null,
    refresh_token: token.refreshToken,
  })
}

/** Answers a token request. */
export const tokenRequest = async (state: AkeneoSandboxState, request: Request): Promise<Response> => {
  const grant = await readGrant(request)
  if (grant === "bad-type") {
    const given = request.headers.get("content-type") ?? ""
    return akeneoError(
      415,
      `‘${given}’ in ‘Content-type’ header is not valid.  Only ‘application/json’ or ‘application/x-www-form-urlencoded’ is allowed.`,
    )
  }
  if (grant === "bad-json") return akeneoError(400, "Invalid json message received")
  state.grants.push(grant.grant_type ?? "")
  const client = basicClient(state, request.headers.get("authorization"))
  if (client === undefined) {
    return akeneoError(422, 'Parameter "client_id" is missing or does not match any client, or secret is invalid')
  }
  if (grant.grant_type === "password") {
    if (!grant.username || !grant.password) {
      return akeneoError(422, 'Parameter "grant_type", "username" or "password" is missing, empty or invalid')
    }
    if (grant.username !== client.username || grant.password !== client.password) {
      return akeneoError(422, "No user found for the given username and password")
    }
    return issue(state)
  }
  if (grant.grant_type === "refresh_token") {
    if (!grant.refresh_token) return akeneoError(422, 'Parameter "grant_type" or "refresh_token" is missing or empty')
    const previous = [...state.tokens.values()].find((t) => t.refreshToken === grant.refresh_token)
    if (previous === undefined) return akeneoError(422, "Refresh token is invalid or has expired")
    state.tokens.delete(previous.accessToken)
    return issue(state)
  }
  return akeneoError(422, "This grant type is not authorized for this client")
}

/** Undefined when the request carries a live bearer token; else Akeneo's 401. */
export const unauthenticated = (state: AkeneoSandboxState, request: Request): Response | undefined => {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")
  if (!match?.[1]) return HttpResponse.json({ code: 401, message: "Authentication is required" }, { status: 401 })
  const token = state.tokens.get(match[1])
  if (token === undefined) return unauthorized(false)
  if (state.now() >= token.expiresAt) return unauthorized(true)
  return undefined
}
