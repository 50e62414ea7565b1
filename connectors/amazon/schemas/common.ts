/** Shapes every SP-API model shares: money and the error list. */
import { Schema } from "effect"

/** `Money` of the Orders API: a decimal string and its currency. */
export const AmazonMoney = Schema.Struct({
  CurrencyCode: Schema.String,
  Amount: Schema.String,
})
export type AmazonMoney = typeof AmazonMoney.Type

/** One entry of an SP-API `errors` list. */
export const AmazonError = Schema.Struct({
  code: Schema.String,
  message: Schema.String,
  details: Schema.optional(Schema.String),
})
export type AmazonError = typeof AmazonError.Type

/** The error body every SP-API operation answers with on 4xx/5xx. */
export const AmazonErrorList = Schema.Struct({ errors: Schema.Array(AmazonError) })
