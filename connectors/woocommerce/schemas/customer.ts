/**
 * A customer as `GET /customers` returns it
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#customer-properties).
 */
import { Schema } from "effect"
import { WooAddress } from "./common.ts"

export const WooCustomer = Schema.Struct({
  id: Schema.Number,
  date_created_gmt: Schema.String,
  date_modified_gmt: Schema.NullOr(Schema.String),
  email: Schema.String,
  first_name: Schema.String,
  last_name: Schema.String,
  role: Schema.String,
  username: Schema.String,
  billing: WooAddress,
  shipping: WooAddress,
  is_paying_customer: Schema.Boolean,
})
export type WooCustomer = typeof WooCustomer.Type
