import { Effect, ParseResult, Schema } from "effect"
import { VendorResponseError } from "./errors.ts"

/**
 * Checks a vendor's answer against the connector's schema of it. A mismatch becomes a
 * VendorResponseError naming the system, the operation and the JSON path (under `at`) that did
 * not fit, so a changed vendor API is reported where it changed. Unknown fields are ignored:
 * vendors add fields without a new API version.
 */
export const decodeVendorAnswer = <A, I>(
  schema: Schema.Schema<A, I>,
  answer: unknown,
  where: { readonly system: string; readonly operation: string; readonly at?: string },
): Effect.Effect<A, VendorResponseError> =>
  Schema.decodeUnknown(schema, { errors: "first", onExcessProperty: "ignore" })(answer).pipe(
    Effect.mapError((error) => {
      const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
      const path = (issue?.path ?? []).map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("")
      return new VendorResponseError({
        system: where.system,
        operation: where.operation,
        detail: issue?.message ?? String(error),
        path: `${where.at ?? "$"}${path}`,
      })
    }),
  )
