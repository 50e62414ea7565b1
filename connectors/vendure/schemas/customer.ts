/**
 * A Vendure customer as the customers stream reads it
 * (https://docs.vendure.io/reference/graphql-api/admin/object-types#customer).
 */
import { Schema } from "effect"
import { VendureId } from "./common.ts"

export const CustomerAddressRecord = Schema.Struct({
  id: VendureId,
  fullName: Schema.NullOr(Schema.String),
  company: Schema.NullOr(Schema.String),
  streetLine1: Schema.String,
  streetLine2: Schema.NullOr(Schema.String),
  city: Schema.NullOr(Schema.String),
  province: Schema.NullOr(Schema.String),
  postalCode: Schema.NullOr(Schema.String),
  country: Schema.Struct({ code: Schema.String }),
  phoneNumber: Schema.NullOr(Schema.String),
  defaultShippingAddress: Schema.NullOr(Schema.Boolean),
  defaultBillingAddress: Schema.NullOr(Schema.Boolean),
})
export type CustomerAddressRecord = typeof CustomerAddressRecord.Type

export const CustomerRecord = Schema.Struct({
  id: VendureId,
  createdAt: Schema.String,
  updatedAt: Schema.String,
  title: Schema.NullOr(Schema.String),
  firstName: Schema.String,
  lastName: Schema.String,
  emailAddress: Schema.String,
  phoneNumber: Schema.NullOr(Schema.String),
  addresses: Schema.NullOr(Schema.Array(CustomerAddressRecord)),
  groups: Schema.Array(Schema.Struct({ id: VendureId, name: Schema.String })),
})
export type CustomerRecord = typeof CustomerRecord.Type

/** Every customer field the customers stream selects. */
export const CUSTOMER_FIELDS = `
fragment CustomerFields on Customer {
  id createdAt updatedAt title firstName lastName emailAddress phoneNumber
  addresses {
    id fullName company streetLine1 streetLine2 city province postalCode country { code } phoneNumber
    defaultShippingAddress defaultBillingAddress
  }
  groups { id name }
}`
