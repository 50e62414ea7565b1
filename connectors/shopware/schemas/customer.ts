/**
 * A customer as the customers stream reads it: `POST /api/search/customer` with addresses and
 * group, plus the shop's `newsletter_recipient` for the customer's e-mail (a separate entity in
 * Shopware 6.5+, attached by the stream under `newsletterRecipient`).
 */
import { Schema } from "effect"
import { ShopwareAddress, Timestamps } from "./common.ts"

/** `newsletter_recipient`: `status` is `notSet` (double opt-in pending), `optIn`, `direct` or `optOut`. */
export const NewsletterRecipient = Schema.Struct({
  id: Schema.String,
  email: Schema.String,
  status: Schema.String,
  confirmedAt: Schema.optional(Schema.NullOr(Schema.String)),
  ...Timestamps,
})
export type NewsletterRecipient = typeof NewsletterRecipient.Type

export const ShopwareCustomer = Schema.Struct({
  id: Schema.String,
  customerNumber: Schema.String,
  email: Schema.String,
  firstName: Schema.String,
  lastName: Schema.String,
  accountType: Schema.optional(Schema.String),
  company: Schema.optional(Schema.NullOr(Schema.String)),
  vatIds: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
  defaultBillingAddressId: Schema.String,
  defaultShippingAddressId: Schema.String,
  addresses: Schema.Array(ShopwareAddress),
  group: Schema.optional(Schema.NullOr(Schema.Struct({ name: Schema.String }))),
  ...Timestamps,
  newsletterRecipient: Schema.optional(Schema.NullOr(NewsletterRecipient)),
})
export type ShopwareCustomer = typeof ShopwareCustomer.Type
