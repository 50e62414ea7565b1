/** Raw partner records (`res.partner`): customers, their contacts and addresses, and warehouses' addresses. */
import { Schema } from "effect"
import { Char, Many2one, OdooDatetime, OdooId } from "./fields.ts"

export const PARTNER_FIELDS = [
  "name",
  "ref",
  "email",
  "phone",
  "is_company",
  "type",
  "parent_id",
  "street",
  "street2",
  "city",
  "zip",
  "country_code",
  "vat",
  "lang",
  "active",
  "write_date",
] as const

/** `res.partner` as `search_read` returns PARTNER_FIELDS. */
export const PartnerRecord = Schema.Struct({
  id: OdooId,
  name: Char,
  ref: Char,
  email: Char,
  phone: Char,
  is_company: Schema.Boolean,
  /** `contact`, `invoice`, `delivery`, `other` (and `private` before Odoo 17). */
  type: Char,
  parent_id: Many2one,
  street: Char,
  street2: Char,
  city: Char,
  zip: Char,
  /** Related to `country_id.code` (since Odoo 14). */
  country_code: Char,
  vat: Char,
  lang: Char,
  active: Schema.Boolean,
  write_date: OdooDatetime,
})
export type PartnerRecord = typeof PartnerRecord.Type

/**
 * What the partners stream yields: a commercial partner (a company, or a person without one)
 * with its child contacts and addresses, and `changed_at`, the latest write_date among them.
 */
export const OdooCustomer = Schema.Struct({
  ...PartnerRecord.fields,
  children: Schema.Array(PartnerRecord),
  changed_at: OdooDatetime,
})
export type OdooCustomer = typeof OdooCustomer.Type

/** What `customer`'s write mapping produces and the partners sink writes. */
export const PartnerAddressPayload = Schema.Struct({
  type: Schema.Literal("invoice", "delivery"),
  name: Char,
  street: Schema.String,
  street2: Char,
  city: Schema.String,
  zip: Char,
  country_code: Schema.String,
  phone: Char,
})
export type PartnerAddressPayload = typeof PartnerAddressPayload.Type

/**
 * A customer as `res.partner` values, with the country as its code (the sink looks up
 * `country_id`) and further addresses as child partners to create.
 */
export const PartnerPayload = Schema.Struct({
  name: Schema.String,
  is_company: Schema.Boolean,
  ref: Char,
  email: Char,
  phone: Char,
  vat: Char,
  lang: Char,
  street: Char,
  street2: Char,
  city: Char,
  zip: Char,
  country_code: Char,
  addresses: Schema.Array(PartnerAddressPayload),
  /** When the hub last changed the customer (not sent to Odoo, which keeps its own write_date). */
  updated_at: Schema.String,
})
export type PartnerPayload = typeof PartnerPayload.Type
