/**
 * Login with Amazon, as far as SP-API apps use it: the refresh-token grant on `/auth/o2/token`
 * (form-encoded, client id and secret in the body) answering an access token for 3600 s; and
 * the `x-amz-access-token` check every SP-API call passes first.
 * https://developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api
 */
import { HttpResponse, http } from "msw"
import { amazonError } from "./responses.ts"
import type { AmazonSandboxState } from "./state.ts"

/** The credentials the sandbox accepts; unset ones accept any non-empty value. */
export interface SandboxCredentials {
  readonly clientId?: string
  readonly clientSecret?: string
  readonly refreshToken?: string
}

const lwaError = (status: number, error: string, description: string) =>
  HttpResponse.json({ error, error_description: description }, { status })

/** The LWA token endpoint, on any origin. */
export const tokenEndpoint = (
  state: AmazonSandboxState,
  credentials: SandboxCredentials,
  lifetimeSeconds: () => number,
) =>
  http.post("*/auth/o2/token", async ({ request }) => {
    const form = new URLSearchParams(await request.text())
    const grant = form.get("grant_type")
    if (grant !== "refresh_token") {
      return lwaError(400, "unsupported_grant_type", `The authorization grant type ${grant ?? ""} is not supported`)
    }
    const clientId = form.get("client_id") ?? ""
    const clientSecret = form.get("client_secret") ?? ""
    const accepts = (expected: string | undefined, given: string) =>
      given !== "" && (expected === undefined || expected === given)
    if (!accepts(credentials.clientId, clientId) || !accepts(credentials.clientSecret, clientSecret)) {
      return lwaError(401, "invalid_client", "Client authentication failed")
    }
    const refreshToken = form.get("refresh_token") ?? ""
    if (!accepts(credentials.refreshToken, refreshToken)) {
      return lwaError(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token")
    }
    const lifetime = lifetimeSeconds()
    const accessToken = `Atza|${crypto.randomUUID().replaceAll("-", "")}`
    state.accessTokens.set(accessToken, Date.now() + lifetime * 1000)
    state.tokenGrants += 1
    return HttpResponse.json({
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: "bearer",
      expires_in: lifetime,
    })
  })

/** Undefined when the request's access token is valid, else the answer SP-API gives. */
export const refuseUnauthorized = (state: AmazonSandboxState, request: Request): Response | undefined => {
  const token = request.headers.get("x-amz-access-token")
  const expiresAt = token === null ? undefined : state.accessTokens.get(token)
  if (expiresAt === undefined) {
    return amazonError(
      401,
      "Unauthorized",
      "Access to requested resource is denied.",
      "The access token you provided is revoked, malformed or invalid.",
    )
  }
  if (expiresAt <= Date.now()) {
    return amazonError(
      403,
      "Unauthorized",
      "Access to requested resource is denied.",
      "The access token you provided has expired.",
    )
  }
  return undefined
}
