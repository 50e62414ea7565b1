import { Schema } from "effect"
import { Address } from "./address.ts"
import { Attributes } from "./attributes.ts"
import { Instant, Key } from "./primitives.ts"

/**
 * Normalises an e-mail address: trimmed, domain lower-cased. The local part keeps its case
 * because RFC 5321 lets a mail server treat it as case-sensitive.
 */
export const normalizeEmail = (email: string): string => {
  const trimmed = email.trim()
  const at = trimmed.lastIndexOf("@")
  if (at < 0) return trimmed
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`
}

/** An e-mail address in the hub's normal form (trimmed, lower-case domain). */
export const Email = Schema.String.pipe(
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => "must be an e-mail address" }),
  Schema.filter((e) => normalizeEmail(e) === e || `must be normalized (${normalizeEmail(e)})`),
  Schema.annotations({ identifier: "Email" }),
)

export const CustomerAddress = Schema.Struct({
  ...Address.fields,
  kind: Schema.Literal("billing", "shipping"),
  isDefault: Schema.Boolean,
})

/** A marketing consent on one channel, with when and where it was given or withdrawn. */
export const Consent = Schema.Struct({
  channel: Schema.Literal("email", "sms", "phone", "post"),
  purpose: Schema.Literal("marketing", "transactional", "profiling"),
  granted: Schema.Boolean,
  at: Instant,
  /** Where it was collected: `shopify:checkout`, `store:BER-01`, `crm:import`. A consent without a source proves nothing. */
  source: Key,
})
export type Consent = typeof Consent.Type

export const Phone = Schema.Struct({
  number: Schema.String,
  kind: Schema.optional(Schema.Literal("mobile", "landline", "work")),
})

/** The company of a B2B customer. */
export const Company = Schema.Struct({
  name: Schema.String,
  vatId: Schema.optional(Schema.String),
  companyNumber: Schema.optional(Schema.String),
})

/**
 * A customer. Natural key: customer number, else the normalized e-mail (the match of last
 * resort, never the only key when a customer number exists).
 */
export const Customer = Schema.Struct({
  customerNumber: Schema.optional(Key),
  email: Schema.optional(Email),
  additionalEmails: Schema.Array(Email),
  firstName: Schema.optional(Schema.String),
  lastName: Schema.optional(Schema.String),
  phones: Schema.Array(Phone),
  addresses: Schema.Array(CustomerAddress),
  company: Schema.optional(Company),
  consents: Schema.Array(Consent),
  segments: Schema.Array(Schema.String),
  loyaltyId: Schema.optional(Schema.String),
  attributes: Attributes,
  updatedAt: Instant,
})
  .pipe(
    Schema.filter(
      (c) =>
        c.customerNumber !== undefined ||
        c.email !== undefined || { path: ["email"], message: "a customer needs a customer number or an e-mail" },
    ),
  )
  .annotations({ identifier: "Customer" })
export type Customer = typeof Customer.Type

/** How other entities point at a customer: by its natural keys, never by a vendor id. */
export const CustomerRef = Schema.Struct({
  customerNumber: Schema.optional(Key),
  email: Schema.optional(Email),
})
export type CustomerRef = typeof CustomerRef.Type

/**
 * The natural key of a customer: customer number first, e-mail as last resort. The e-mail is
 * normalized here too, so a key built from a record that skipped the schema still matches.
 */
export const customerKey = (c: { customerNumber?: string | undefined; email?: string | undefined }): string =>
  c.customerNumber !== undefined ? `no:${c.customerNumber}` : `email:${normalizeEmail(c.email ?? "")}`
