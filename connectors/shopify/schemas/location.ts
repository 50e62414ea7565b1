/**
 * Locations as the Admin GraphQL API returns them
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/objects/Location).
 */
import { Schema } from "effect"
import { Gid } from "./common.ts"

export const LocationAddressNode = Schema.Struct({
  address1: Schema.NullOr(Schema.String),
  address2: Schema.NullOr(Schema.String),
  city: Schema.NullOr(Schema.String),
  zip: Schema.NullOr(Schema.String),
  provinceCode: Schema.NullOr(Schema.String),
  countryCode: Schema.NullOr(Schema.String),
  phone: Schema.NullOr(Schema.String),
})

/** A location as the location mapping reads it. */
export const LocationRecord = Schema.Struct({
  id: Schema.optional(Gid),
  name: Schema.String,
  isActive: Schema.Boolean,
  isFulfillmentService: Schema.Boolean,
  fulfillsOnlineOrders: Schema.Boolean,
  address: LocationAddressNode,
  /** Present when the location offers local pickup (click & collect). */
  localPickupSettingsV2: Schema.NullOr(Schema.Struct({ instructions: Schema.String })),
  updatedAt: Schema.String,
})
export type LocationRecord = typeof LocationRecord.Type

/** A location as the locations stream yields it. */
export const LocationNode = Schema.Struct({ ...LocationRecord.fields, id: Gid })
export type LocationNode = typeof LocationNode.Type
