/** Shopware's error bodies: `{ errors: [{ status, code, title, detail, source: { pointer } }] }`. */
import { HttpResponse } from "msw"

export interface SandboxError {
  readonly status: string
  readonly code: string
  readonly title: string
  readonly detail: string
  readonly source?: { readonly pointer: string }
  readonly meta?: Record<string, unknown>
}

export const errorResponse = (
  status: number,
  errors: ReadonlyArray<SandboxError>,
  headers: Record<string, string> = {},
) => HttpResponse.json({ errors }, { status, headers })

/** League OAuth's answer to a missing, unknown or expired access token. */
export const unauthorized = () =>
  errorResponse(401, [
    {
      status: "401",
      code: "9",
      title: "Unauthorized",
      detail: "The resource owner or authorization server denied the request.",
      meta: { parameters: { hint: "Access token could not be verified" } },
    },
  ])

/** League OAuth's answer to wrong client credentials. */
export const invalidClient = () =>
  errorResponse(401, [{ status: "401", code: "4", title: "Unauthorized", detail: "Client authentication failed" }])

/** A NotBlank violation (Symfony's constraint code), as the DAL reports a missing required field. */
export const notBlank = (pointer: string): SandboxError => ({
  status: "400",
  code: "c1051bb4-d103-4f74-8988-acbcafc7fdc3",
  title: "Constraint violation error",
  detail: "This value should not be blank.",
  source: { pointer },
})

/** A Type violation (Symfony's constraint code). */
export const wrongType = (pointer: string, type: string): SandboxError => ({
  status: "400",
  code: "ba785a8c-82cb-4283-967c-3cf342181b40",
  title: "Constraint violation error",
  detail: `This value should be of type ${type}.`,
  source: { pointer },
})

/** A field the entity does not have. */
export const unexpectedField = (pointer: string, field: string): SandboxError => ({
  status: "400",
  code: "FRAMEWORK__WRITE_UNEXPECTED_FIELD_ERROR",
  title: "Bad Request",
  detail: `Unexpected field: ${field}`,
  source: { pointer },
})
