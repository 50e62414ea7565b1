/**
 * Customers as the Admin GraphQL API returns them
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/objects/Customer).
 *
 * `email` and `emailMarketingConsent` are deprecated in 2025-01 in favour of
 * `defaultEmailAddress`, but that replacement has no consent timestamp in this version, and a
 * consent without its timestamp is no proof of consent; so we read the deprecated fields.
 */
import { Schema } from "effect"
import { Gid } from "./common.ts"
import { MailingAddressNode } from "./order.ts"

export const CustomerMarketingOptInLevel = Schema.Literal("SINGLE_OPT_IN", "CONFIRMED_OPT_IN", "UNKNOWN")
export const CustomerEmailMarketingState = Schema.Literal(
  "NOT_SUBSCRIBED",
  "PENDING",
  "SUBSCRIBED",
  "UNSUBSCRIBED",
  "REDACTED",
  "INVALID",
)
export const CustomerSmsMarketingState = Schema.Literal(
  "NOT_SUBSCRIBED",
  "PENDING",
  "SUBSCRIBED",
  "UNSUBSCRIBED",
  "REDACTED",
)

export const EmailMarketingConsentNode = Schema.Struct({
  marketingState: CustomerEmailMarketingState,
  marketingOptInLevel: Schema.NullOr(CustomerMarketingOptInLevel),
  consentUpdatedAt: Schema.NullOr(Schema.String),
})

export const SmsMarketingConsentNode = Schema.Struct({
  marketingState: CustomerSmsMarketingState,
  marketingOptInLevel: CustomerMarketingOptInLevel,
  consentUpdatedAt: Schema.NullOr(Schema.String),
  consentCollectedFrom: Schema.NullOr(Schema.Literal("SHOPIFY", "OTHER")),
})

export const CustomerAddressNode = Schema.Struct({ ...MailingAddressNode.fields, id: Schema.optional(Gid) })
export type CustomerAddressNode = typeof CustomerAddressNode.Type

/** A B2B contact's company (Shopify Plus B2B). */
export const CompanyContactNode = Schema.Struct({
  company: Schema.Struct({ name: Schema.String, externalId: Schema.NullOr(Schema.String) }),
})

/** A customer as the customer mapping reads it. */
export const CustomerRecord = Schema.Struct({
  id: Schema.optional(Gid),
  email: Schema.NullOr(Schema.String),
  firstName: Schema.NullOr(Schema.String),
  lastName: Schema.NullOr(Schema.String),
  phone: Schema.NullOr(Schema.String),
  note: Schema.NullOr(Schema.String),
  tags: Schema.Array(Schema.String),
  updatedAt: Schema.String,
  emailMarketingConsent: Schema.NullOr(EmailMarketingConsentNode),
  smsMarketingConsent: Schema.NullOr(SmsMarketingConsentNode),
  defaultAddress: Schema.NullOr(CustomerAddressNode),
  addresses: Schema.Array(CustomerAddressNode),
  companyContactProfiles: Schema.Array(CompanyContactNode),
})
export type CustomerRecord = typeof CustomerRecord.Type

/** A customer as the customers stream yields it. */
export const CustomerNode = Schema.Struct({ ...CustomerRecord.fields, id: Gid })
export type CustomerNode = typeof CustomerNode.Type

/** `CustomerInput`: what `customerCreate`/`customerUpdate` take (the customer write mapping's output). */
export const CustomerInput = Schema.Struct({
  email: Schema.optional(Schema.String),
  firstName: Schema.optional(Schema.String),
  lastName: Schema.optional(Schema.String),
  phone: Schema.optional(Schema.String),
  note: Schema.optional(Schema.String),
  tags: Schema.Array(Schema.String),
  addresses: Schema.Array(
    Schema.Struct({
      firstName: Schema.optional(Schema.String),
      lastName: Schema.optional(Schema.String),
      company: Schema.optional(Schema.String),
      address1: Schema.String,
      address2: Schema.optional(Schema.String),
      city: Schema.String,
      zip: Schema.optional(Schema.String),
      provinceCode: Schema.optional(Schema.String),
      countryCode: Schema.String,
      phone: Schema.optional(Schema.String),
    }),
  ),
  emailMarketingConsent: Schema.optional(
    Schema.Struct({
      marketingState: CustomerEmailMarketingState,
      marketingOptInLevel: CustomerMarketingOptInLevel,
      consentUpdatedAt: Schema.String,
    }),
  ),
  smsMarketingConsent: Schema.optional(
    Schema.Struct({
      marketingState: CustomerSmsMarketingState,
      marketingOptInLevel: CustomerMarketingOptInLevel,
      consentUpdatedAt: Schema.String,
    }),
  ),
})
export type CustomerInput = typeof CustomerInput.Type
