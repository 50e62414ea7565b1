/**
 * Shapes every Admin API answer shares. Vendure sends `null` for an empty nullable field, never
 * leaves a selected field out, so nullable fields are `NullOr`.
 */
import { Schema } from "effect"

/** A Vendure id: a string of digits with the default id strategy, any string with others (UUIDs). */
export const VendureId = Schema.String.pipe(Schema.minLength(1))

/**
 * An amount in minor units (`Money` scalar). Usually whole, but Vendure 3.7 sends a shipping
 * line's net `price` unrounded (`411.764705882353` for 4.90 gross at 19 %), so the mappings round.
 */
export const MinorUnits = Schema.Number

/** A `…List` answer: one page of items and how many there are in all. */
export const PaginatedList = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({ totalItems: Schema.Number, items: Schema.Array(item) })

/**
 * Vendure's `ErrorResult` interface: a business refusal answered with HTTP 200 inside the result
 * union (https://docs.vendure.io/guides/developer-guide/error-handling/). State transition
 * errors carry the readable text in `transitionError`; their `message` is an untranslated key
 * in 3.7 (`errorResult.FULFILLMENT_STATE_TRANSITION_ERROR`).
 */
export const ErrorResult = Schema.Struct({
  __typename: Schema.String,
  errorCode: Schema.String,
  message: Schema.String,
  transitionError: Schema.optional(Schema.String),
})
export type ErrorResult = typeof ErrorResult.Type

/** The GraphQL fragment that selects what `ErrorResult` needs, for every result union. */
export const ERROR_RESULT_FIELDS = "... on ErrorResult { errorCode message }"

/** Vendure's own words for an ErrorResult: its type and code, and the readable message. */
export const describeErrorResult = (error: ErrorResult): string =>
  `${error.transitionError ?? error.message} (${error.__typename} ${error.errorCode})`
