/** Akeneo's error bodies (https://api.akeneo.com/documentation/responses.html): `{ code, message }`. */
import { HttpResponse } from "msw"

/** An error answer in Akeneo's shape. */
export const akeneoError = (status: number, message: string, headers: Record<string, string> = {}): Response =>
  HttpResponse.json({ code: status, message }, { status, headers })

export const notFound = (what: string): Response => akeneoError(404, `Resource \`${what}\` does not exist.`)

export const unauthorized = (expired: boolean): Response =>
  akeneoError(401, expired ? "The access token provided has expired." : "The access token provided is invalid.")
