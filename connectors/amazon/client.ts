/**
 * SP-API transport quirks: every call names its operation (each has its own usage plan), error
 * bodies are `{ errors: [{ code, message, details }] }`, and feed documents travel to and from
 * presigned S3 URLs that must not carry the access token.
 */

import { Effect, Schema } from "effect"
import type { ConnectorContext } from "../../core/connector/define.ts"
import type { ConnectorError, VendorResponseError } from "../../core/connector/errors.ts"
import { decodeVendorAnswer } from "../../core/connector/vendorAnswer.ts"
import { type HttpClient, type HttpRequest, makeHttpClient } from "../../core/http/index.ts"
import type { AmazonConfig } from "./config.ts"
import { type AmazonError, AmazonErrorList } from "./schemas/common.ts"
import type { AmazonOperation } from "./usagePlans.ts"

export type AmazonContext = ConnectorContext<AmazonConfig>

/** Decodes an answer, or fails naming the operation and the JSON path that did not fit. */
export const decodeAnswer =
  <A, I>(schema: Schema.Schema<A, I>, system: string, operation: string) =>
  (answer: unknown): Effect.Effect<A, VendorResponseError> =>
    decodeVendorAnswer(schema, answer, { system, operation })

/** Calls one operation (paced by its usage plan) and decodes its answer. */
export const callAs = <A, I>(
  ctx: AmazonContext,
  operation: AmazonOperation,
  request: Omit<HttpRequest, "operation">,
  schema: Schema.Schema<A, I>,
): Effect.Effect<A, ConnectorError> =>
  ctx.http
    .request({ ...request, operation })
    .pipe(Effect.flatMap((response) => decodeAnswer(schema, ctx.system, operation)(response.body)))

/** The `errors` of an SP-API error body, or none when the body is something else. */
export const amazonErrorsOf = (body: unknown): ReadonlyArray<AmazonError> => {
  const decoded = Schema.decodeUnknownOption(AmazonErrorList)(body)
  return decoded._tag === "Some" ? decoded.value.errors : []
}

/** Amazon's own words for a refusal: `message (code): details` for each error. */
export const describeAmazonErrors = (errors: ReadonlyArray<AmazonError>): string =>
  errors
    .map((e) => `${e.message} (${e.code})${e.details === undefined || e.details === "" ? "" : `: ${e.details}`}`)
    .join("; ")

// One token-less client per system for presigned document URLs: an S3 presigned URL is the
// credential, and an unsigned `x-amz-*` header would make S3 refuse the request.
const documentClients = new WeakMap<HttpClient, HttpClient>()

/** The client for presigned feed document URLs (no LWA token, no usage plan). */
export const documentClient = (ctx: AmazonContext): HttpClient => {
  const known = documentClients.get(ctx.http)
  if (known !== undefined) return known
  const client = makeHttpClient({ system: ctx.system, baseUrl: ctx.http.baseUrl, userAgent: "eslayer-amazon" })
  documentClients.set(ctx.http, client)
  return client
}
