/**
 * The answer of a batch endpoint (`POST /products/batch`, `/products/{id}/variations/batch`,
 * https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-products): one entry
 * per object in request order, either the saved object or `{ id, error: { code, message, data } }`.
 */
import { Schema } from "effect"
import { WooError } from "./common.ts"

export const BatchEntry = Schema.Struct({
  id: Schema.Number,
  error: Schema.optional(WooError),
})
export type BatchEntry = typeof BatchEntry.Type

export const BatchAnswer = Schema.Struct({
  create: Schema.optional(Schema.Array(BatchEntry)),
  update: Schema.optional(Schema.Array(BatchEntry)),
  delete: Schema.optional(Schema.Array(BatchEntry)),
})
export type BatchAnswer = typeof BatchAnswer.Type
