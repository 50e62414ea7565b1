/**
 * SP-API answers: JSON with `x-amzn-RequestId` and the operation's `x-amzn-RateLimit-Limit`, and
 * errors as `{ errors: [{ code, message, details }] }`.
 * https://developer-docs.amazon.com/sp-api/docs/response-format
 */
import { HttpResponse } from "msw"

/** The headers every SP-API answer carries. */
export const amazonHeaders = (rate?: number): Record<string, string> => ({
  "Content-Type": "application/json",
  "x-amzn-RequestId": crypto.randomUUID(),
  ...(rate === undefined ? {} : { "x-amzn-RateLimit-Limit": String(rate) }),
})

/** A JSON answer. */
export const amazonJson = (body: unknown, status = 200, rate?: number): Response =>
  HttpResponse.json(body as Record<string, unknown>, { status, headers: amazonHeaders(rate) })

/** An error answer in SP-API's shape. */
export const amazonError = (status: number, code: string, message: string, details = "", rate?: number): Response =>
  amazonJson({ errors: [{ code, message, details }] }, status, rate)

/** 400 InvalidInput, the answer to a request that does not fit the model. */
export const invalidInput = (message: string, details = "", rate?: number): Response =>
  amazonError(400, "InvalidInput", message, details, rate)
