/**
 * Shapes every eBay REST API shares: `Amount` (decimal string + currency) and the `Error`
 * container of error bodies and of per-item results in 207 Multi-Status answers.
 */
import { Schema } from "effect"

/** A money amount as eBay sends it: `{ "value": "24.95", "currency": "EUR" }`. */
export const Amount = Schema.Struct({ value: Schema.String, currency: Schema.String })
export type Amount = typeof Amount.Type

export const ErrorParameter = Schema.Struct({ name: Schema.String, value: Schema.optional(Schema.String) })

/** One error or warning (sell_inventory_v1_oas3.json `Error`). */
export const EbayError = Schema.Struct({
  errorId: Schema.Number,
  domain: Schema.optional(Schema.String),
  subdomain: Schema.optional(Schema.String),
  category: Schema.optional(Schema.String),
  message: Schema.String,
  longMessage: Schema.optional(Schema.String),
  inputRefIds: Schema.optional(Schema.Array(Schema.String)),
  outputRefIds: Schema.optional(Schema.Array(Schema.String)),
  parameters: Schema.optional(Schema.Array(ErrorParameter)),
})
export type EbayError = typeof EbayError.Type

/** An error answer: `{ "errors": [ … ] }`. */
export const ErrorBody = Schema.Struct({ errors: Schema.Array(EbayError) })

/** How an eBay error reads in a DLQ entry: id, message, and the long message when it adds something. */
export const describeEbayErrors = (errors: ReadonlyArray<EbayError>): string =>
  errors
    .map((e) => {
      const long = e.longMessage !== undefined && e.longMessage !== e.message ? ` (${e.longMessage})` : ""
      const params = (e.parameters ?? []).map((p) => `${p.name}=${p.value ?? ""}`).join(", ")
      return `eBay error ${e.errorId}: ${e.message}${long}${params === "" ? "" : ` [${params}]`}`
    })
    .join("; ")

/** The JSON path an eBay error points at, from its `parameters` (eBay names the bad field there). */
export const pathOfEbayErrors = (errors: ReadonlyArray<EbayError>): string | undefined => {
  for (const e of errors) {
    const field = e.parameters?.find((p) => p.name !== "sku" && p.name !== "offerId" && p.value !== undefined)
    if (field !== undefined) return `$.${field.name}`
  }
  return undefined
}
