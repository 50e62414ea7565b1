import { Schema } from "effect"
import { CountryCode } from "./primitives.ts"

/** A postal address. `countryCode` is ISO 3166-1 alpha-2. */
export const Address = Schema.Struct({
  firstName: Schema.optional(Schema.String),
  lastName: Schema.optional(Schema.String),
  company: Schema.optional(Schema.String),
  line1: Schema.String,
  line2: Schema.optional(Schema.String),
  city: Schema.String,
  postalCode: Schema.optional(Schema.String),
  region: Schema.optional(Schema.String),
  countryCode: CountryCode,
  phone: Schema.optional(Schema.String),
}).annotations({ identifier: "Address" })
export type Address = typeof Address.Type
