/** HubSpot's error answers (the `Error` schema of every CRM spec), as the sandbox gives them. */
import { HttpResponse } from "msw"

/** One invalid property value, as HubSpot lists them inside a validation message. */
export interface PropertyProblem {
  readonly name: string
  readonly error: string
  readonly message: string
}

/** `{ status: "error", message, correlationId, category, … }` with an HTTP status. */
export const errorResponse = (
  status: number,
  category: string,
  message: string,
  extra: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {},
) =>
  HttpResponse.json(
    { status: "error", message, correlationId: crypto.randomUUID(), category, ...extra },
    { status, headers },
  )

/** HubSpot's message for invalid property values: the problems as a JSON list. */
export const propertyMessage = (problems: ReadonlyArray<PropertyProblem>): string =>
  `Property values were not valid: ${JSON.stringify(
    problems.map((p) => ({ isValid: false, message: p.message, error: p.error, name: p.name })),
  )}`

/** A 400 VALIDATION_ERROR for invalid property values. */
export const invalidProperties = (problems: ReadonlyArray<PropertyProblem>) =>
  errorResponse(400, "VALIDATION_ERROR", propertyMessage(problems), {
    errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })),
  })

/** A 400 VALIDATION_ERROR about the request itself. */
export const badRequest = (message: string) => errorResponse(400, "VALIDATION_ERROR", message)

/** The 401 for a missing or unknown token. */
export const unauthorized = () =>
  errorResponse(
    401,
    "INVALID_AUTHENTICATION",
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
  )
