/**
 * eBay's error answers: `{ "errors": [ { errorId, domain, category, message, longMessage,
 * parameters } ] }`, with the ids the OpenAPI documents list per method (`x-response-codes`).
 */
import { HttpResponse } from "msw"

export interface SandboxError {
  readonly errorId: number
  readonly domain: string
  readonly category: "REQUEST" | "APPLICATION" | "BUSINESS"
  readonly message: string
  readonly longMessage?: string
  readonly parameters?: ReadonlyArray<{ readonly name: string; readonly value: string }>
}

const INVENTORY = "API_INVENTORY"
const FULFILLMENT = "API_FULFILLMENT"

/** An Inventory API error (sell_inventory_v1_oas3.json). */
export const inventoryError = (
  errorId: number,
  message: string,
  parameters: ReadonlyArray<{ readonly name: string; readonly value: string }> = [],
): SandboxError => ({
  errorId,
  domain: INVENTORY,
  category: "REQUEST",
  message,
  longMessage: message,
  ...(parameters.length === 0 ? {} : { parameters }),
})

/** A Fulfillment API error (sell_fulfillment_v1_oas3.json). */
export const fulfillmentError = (
  errorId: number,
  message: string,
  parameters: ReadonlyArray<{ readonly name: string; readonly value: string }> = [],
): SandboxError => ({
  errorId,
  domain: FULFILLMENT,
  category: "REQUEST",
  message,
  ...(parameters.length === 0 ? {} : { parameters }),
})

/** `Invalid value for {fieldName}. {additionalInfo}` (25709), the Inventory API's validation error. */
export const invalidValue = (field: string, info: string, value = ""): SandboxError =>
  inventoryError(25709, `Invalid value for ${field}. ${info}`, [{ name: field, value }])

/** An answer with eBay's headers. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  HttpResponse.json(body as Record<string, unknown>, {
    status,
    headers: { "Content-Type": "application/json", "X-EBAY-C-REQUEST-ID": crypto.randomUUID(), ...headers },
  })

export const errorAnswer = (status: number, ...errors: ReadonlyArray<SandboxError>) => json(status, { errors })

/** 401 for a missing, unknown or expired access token. */
export const invalidToken = () =>
  errorAnswer(401, {
    errorId: 1001,
    domain: "OAuth",
    category: "REQUEST",
    message: "Invalid access token",
    longMessage: "Invalid access token. Check the value of the Authorization HTTP request header.",
  })

/** 429 once the application's call limit is used up. */
export const tooManyRequests = () =>
  errorAnswer(429, {
    errorId: 2001,
    domain: "ACCESS",
    category: "REQUEST",
    message: "Too many requests. The request limit has been reached for the resource.",
  })

/** A body that is not JSON. */
export const malformedBody = () =>
  errorAnswer(400, {
    errorId: 2004,
    domain: "ACCESS",
    category: "REQUEST",
    message: "Request had bad syntax or the inherent request body was not valid JSON.",
  })

/**
 * The status of a bulk answer: 200 when every item succeeded, 207 Multi-Status otherwise
 * (eBay answers 207 as soon as one item's `statusCode` is not 2xx).
 */
export const bulkStatus = (codes: ReadonlyArray<number>): number =>
  codes.every((code) => code >= 200 && code < 300) ? 200 : 207
