/**
 * How eBay's per-item errors become failed outcomes: the vendor's own error ids and messages,
 * and the field eBay names in `parameters` as the JSON path. A 4xx answer with eBay's error body
 * to a single-record call (an item group, a shipping fulfillment) is that record's rejection.
 */
import { Effect, Option, Schema } from "effect"
import {
  type ConnectorError,
  HttpStatusError,
  RecordRejected,
  type WriteOutcome,
} from "../../../core/connector/index.ts"
import { describeEbayErrors, type EbayError, ErrorBody, pathOfEbayErrors } from "../schemas/common.ts"

/** A failed outcome carrying eBay's errors. */
export const rejected = (
  system: string,
  entity: string,
  naturalKey: string,
  errors: ReadonlyArray<EbayError>,
  fallback = "eBay rejected the record",
): WriteOutcome => {
  const path = pathOfEbayErrors(errors)
  return {
    naturalKey,
    ok: false,
    error: new RecordRejected({
      system,
      entity,
      recordKey: naturalKey,
      reason: errors.length === 0 ? fallback : describeEbayErrors(errors),
      ...(path === undefined ? {} : { path }),
    }),
  }
}

/** A failed outcome with our own reason (no eBay call could be made for it). */
export const refused = (
  system: string,
  entity: string,
  naturalKey: string,
  reason: string,
  path?: string,
): WriteOutcome => ({
  naturalKey,
  ok: false,
  error: new RecordRejected({ system, entity, recordKey: naturalKey, reason, ...(path === undefined ? {} : { path }) }),
})

/** eBay's errors of a 4xx answer, when it is one; anything else stays a transport failure. */
export const vendorErrorsOf = (error: ConnectorError): Option.Option<ReadonlyArray<EbayError>> => {
  if (!(error instanceof HttpStatusError) || error.status < 400 || error.status >= 500) return Option.none()
  return Schema.decodeUnknownOption(ErrorBody)(error.body).pipe(Option.map((body) => body.errors))
}

/** Runs a single-record call; a 4xx with eBay's error body becomes `{ ok: false, errors }`, the record's rejection. */
export const orRejected = <A>(
  call: Effect.Effect<A, ConnectorError>,
): Effect.Effect<{ ok: true; value: A } | { ok: false; errors: ReadonlyArray<EbayError> }, ConnectorError> =>
  call.pipe(
    Effect.map((value) => ({ ok: true as const, value })),
    Effect.catchAll((error) =>
      Option.match(vendorErrorsOf(error), {
        onNone: () => Effect.fail(error),
        onSome: (errors) => Effect.succeed({ ok: false as const, errors }),
      }),
    ),
  )
