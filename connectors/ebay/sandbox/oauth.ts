/**
 * `POST /identity/v1/oauth2/token`: eBay's token endpoint. The app authenticates with HTTP Basic
 * `base64(client_id:client_secret)`; `grant_type=refresh_token` trades the seller's refresh token
 * for a user access token (2 hours), `client_credentials` gives an application token.
 * https://developer.ebay.com/api-docs/static/oauth-refresh-token-request.html
 */
import { randomBytes } from "node:crypto"
import { HttpResponse, http } from "msw"
import type { EbaySandboxState } from "./state.ts"

const oauthError = (status: number, error: string, description: string) =>
  HttpResponse.json({ error, error_description: description }, { status })

const clientOf = (request: Request): { id: string; secret: string } | undefined => {
  const header = request.headers.get("authorization") ?? ""
  if (!header.startsWith("Basic ")) return undefined
  const decoded = Buffer.from(header.slice("Basic ".length), "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

export const oauthHandlers = (state: EbaySandboxState) => [
  http.post("*/identity/v1/oauth2/token", async ({ request }) => {
    const client = clientOf(request)
    if (client?.id !== state.credentials.clientId || client.secret !== state.credentials.clientSecret) {
      return oauthError(401, "invalid_client", "client authentication failed")
    }
    if (!(request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
      return oauthError(400, "invalid_request", "request is missing a required parameter or malformed")
    }
    const form = new URLSearchParams(await request.text())
    const grant = form.get("grant_type")
    const token = `v^1.1#i^1#p^3#I^3#f^0#r^0#t^${randomBytes(24).toString("base64url")}`
    if (grant === "client_credentials") {
      state.accessTokens.add(token)
      state.stats.tokenGrants++
      return HttpResponse.json({
        access_token: token,
        expires_in: state.tokenLifetimeSeconds,
        token_type: "Application Access Token",
      })
    }
    if (grant !== "refresh_token")
      return oauthError(
        400,
        "unsupported_grant_type",
        "grant type in request is not supported by the authorization server",
      )
    if (form.get("refresh_token") !== state.credentials.refreshToken) {
      return oauthError(
        400,
        "invalid_grant",
        "the provided authorization refresh token is invalid or was issued to another client",
      )
    }
    const scopes = (form.get("scope") ?? "").split(" ").filter((s) => s !== "")
    const unknown = scopes.find((s) => !s.startsWith("https://api.ebay.com/oauth/api_scope"))
    if (unknown !== undefined)
      return oauthError(
        400,
        "invalid_scope",
        "the requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client",
      )
    state.accessTokens.add(token)
    state.stats.tokenGrants++
    return HttpResponse.json({
      access_token: token,
      expires_in: state.tokenLifetimeSeconds,
      token_type: "User Access Token",
    })
  }),
]
