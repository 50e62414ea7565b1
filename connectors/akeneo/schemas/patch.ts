/**
 * The products sink's payload and Akeneo's answer to `PATCH /api/rest/v1/products`
 * (https://api.akeneo.com/api-reference.html#patch_products): the request is NDJSON
 * (`application/vnd.akeneo.collection+json`), one product per line, at most 100; the answer
 * has one status line per request line.
 */
import { Schema } from "effect"

/** One value as written: `data` is text, a number, a boolean or a metric. */
export const PatchValue = Schema.Struct({
  locale: Schema.NullOr(Schema.String),
  scope: Schema.NullOr(Schema.String),
  data: Schema.Union(
    Schema.String,
    Schema.Number,
    Schema.Boolean,
    Schema.Struct({ amount: Schema.Union(Schema.String, Schema.Number), unit: Schema.String }),
  ),
})
export type PatchValue = typeof PatchValue.Type

/** One line of the PATCH list: the product by identifier, and only the fields being set. */
export const PatchLine = Schema.Struct({
  identifier: Schema.String,
  enabled: Schema.optional(Schema.Boolean),
  values: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(PatchValue) })),
})
export type PatchLine = typeof PatchLine.Type

/** What the products sink writes for one canonical product: a line per variant (SKU). */
export const AkeneoProductPatch = Schema.Struct({
  productNumber: Schema.String,
  lines: Schema.Array(PatchLine),
})
export type AkeneoProductPatch = typeof AkeneoProductPatch.Type

/** A violation in a 422 line (`Validation failed.`). */
export const LineError = Schema.Struct({
  property: Schema.optional(Schema.NullOr(Schema.String)),
  message: Schema.String,
  attribute: Schema.optional(Schema.NullOr(Schema.String)),
  locale: Schema.optional(Schema.NullOr(Schema.String)),
  scope: Schema.optional(Schema.NullOr(Schema.String)),
})
export type LineError = typeof LineError.Type

/** One status line of the answer: 201 created, 204 updated, 4xx refused. */
export const PatchStatusLine = Schema.Struct({
  line: Schema.Int,
  identifier: Schema.optional(Schema.String),
  code: Schema.optional(Schema.String),
  status_code: Schema.Int,
  message: Schema.optional(Schema.String),
  errors: Schema.optional(Schema.Array(LineError)),
})
export type PatchStatusLine = typeof PatchStatusLine.Type

/** Akeneo's error body: `{ code, message }`, with `errors` on validation failures. */
export const AkeneoErrorBody = Schema.Struct({
  code: Schema.Int,
  message: Schema.String,
  errors: Schema.optional(Schema.Array(LineError)),
})
