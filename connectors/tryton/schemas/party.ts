/** Raw party records (party.party, party.address, party.contact_mechanism) and what the customers stream yields. */
import { Schema } from "effect"
import { Char, Many2one, TrytonBoolean, TrytonDateTime, TrytonId } from "./values.ts"

export const PARTY_FIELDS = ["code", "name", "active", "create_date", "write_date"] as const

/** `party.party`: a customer, supplier or company; `code` comes from a sequence unless given. */
export const PartyRecord = Schema.Struct({
  id: TrytonId,
  code: Char,
  name: Schema.String,
  active: TrytonBoolean,
  create_date: TrytonDateTime,
  write_date: Schema.NullOr(TrytonDateTime),
})
export type PartyRecord = typeof PartyRecord.Type

export const ADDRESS_FIELDS = [
  "party",
  "name",
  "street",
  "postal_code",
  "city",
  "country",
  "country.code",
  "active",
  "sequence",
  "create_date",
  "write_date",
] as const

/** `party.address` (Tryton 6.0: one multi-line `street`, `postal_code`); dotted reads come back under `"country."`. */
export const AddressRecord = Schema.Struct({
  id: TrytonId,
  party: TrytonId,
  name: Char,
  street: Char,
  postal_code: Char,
  city: Char,
  country: Many2one,
  "country.": Schema.NullOr(Schema.Struct({ id: TrytonId, code: Schema.String })),
  active: TrytonBoolean,
  sequence: Schema.NullOr(Schema.Int),
  create_date: TrytonDateTime,
  write_date: Schema.NullOr(TrytonDateTime),
})
export type AddressRecord = typeof AddressRecord.Type

export const MECHANISM_FIELDS = ["party", "type", "value", "active", "sequence", "create_date", "write_date"] as const

/** `party.contact_mechanism`: `email`, `phone`, `mobile`, `fax`, `website`, … with its value. */
export const MechanismRecord = Schema.Struct({
  id: TrytonId,
  party: TrytonId,
  type: Schema.String,
  value: Char,
  active: TrytonBoolean,
  sequence: Schema.NullOr(Schema.Int),
  create_date: TrytonDateTime,
  write_date: Schema.NullOr(TrytonDateTime),
})
export type MechanismRecord = typeof MechanismRecord.Type

/** What the customers stream yields: a party with its addresses and contact mechanisms. */
export const TrytonParty = Schema.Struct({
  ...PartyRecord.fields,
  addresses: Schema.Array(AddressRecord),
  contact_mechanisms: Schema.Array(MechanismRecord),
  /** The latest change of the party, its addresses and mechanisms (hub instant). */
  changed_at: Schema.String,
})
export type TrytonParty = typeof TrytonParty.Type

/** An address as the customers sink and the orders sink write it. */
export const AddressPayload = Schema.Struct({
  name: Char,
  street: Schema.String,
  postal_code: Char,
  city: Schema.String,
  country_code: Schema.String,
})
export type AddressPayload = typeof AddressPayload.Type

/** A customer as the customers sink writes it: a party found by code, then by e-mail. */
export const PartyPayload = Schema.Struct({
  /** The customer number; Tryton's sequence assigns one when `null`. */
  code: Char,
  name: Schema.String,
  email: Char,
  phone: Char,
  addresses: Schema.Array(AddressPayload),
  /** When the hub last changed the customer (not sent to Tryton). */
  updated_at: Schema.String,
})
export type PartyPayload = typeof PartyPayload.Type
