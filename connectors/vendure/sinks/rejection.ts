/**
 * Vendure's refusals as rejected records: an `ErrorResult` (HTTP 200, inside the result union)
 * or GraphQL `errors` (USER_INPUT_ERROR, ENTITY_NOT_FOUND, a variable that does not fit) become
 * that record's failure with Vendure's own message, so it goes to the DLQ and the run goes on.
 * Transport failures stay failures of the batch.
 */
import { Data, Effect, Either } from "effect"
import { type ConnectorError, RecordRejected, type WriteOutcome } from "../../../core/connector/index.ts"
import type { VendureCallError } from "../client.ts"
import { describeErrorResult, type ErrorResult } from "../schemas/common.ts"

/** A rejected outcome for one record. */
export const rejected = (
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

/** Stops one record's write with Vendure's reason; `perRecord` turns it into the record's rejection. */
export class Refused extends Data.TaggedError("VendureRecordRefused")<{
  readonly reason: string
  readonly path?: string
}> {}

/** Fails the record's write with an ErrorResult's message. */
export const refuseErrorResult = (error: ErrorResult, path?: string): Effect.Effect<never, Refused> =>
  Effect.fail(new Refused({ reason: describeErrorResult(error), ...(path === undefined ? {} : { path }) }))

/** Fails the record's write with a reason of our own (a SKU the order does not have). */
export const refuse = (reason: string, path?: string): Effect.Effect<never, Refused> =>
  Effect.fail(new Refused({ reason, ...(path === undefined ? {} : { path }) }))

/**
 * Runs one record's write: Vendure refusing a call (GraphQL errors) or the record (ErrorResult,
 * `refuse`) is that record's rejection; a transport failure fails the batch.
 */
export const perRecord = (
  system: string,
  entity: string,
  naturalKey: string,
  write: Effect.Effect<WriteOutcome, VendureCallError | Refused>,
): Effect.Effect<WriteOutcome, ConnectorError> =>
  write.pipe(
    Effect.either,
    Effect.flatMap((result) => {
      if (Either.isRight(result)) return Effect.succeed(result.right)
      const error = result.left
      if (error instanceof Refused)
        return Effect.succeed(rejected(system, entity, naturalKey, error.reason, error.path))
      if (error._tag === "VendureGraphqlError")
        return Effect.succeed(rejected(system, entity, naturalKey, error.reason))
      return Effect.fail(error)
    }),
  )
