import { Schema } from "effect"
import { Address } from "./address.ts"
import { Instant, Key } from "./primitives.ts"

export const LocationKind = Schema.Literal("warehouse", "store", "dropship")

/** A place stock is kept. Natural key: location code. `pickupEnabled` means click & collect. */
export const Location = Schema.Struct({
  code: Key,
  name: Schema.String,
  kind: LocationKind,
  address: Schema.optional(Address),
  pickupEnabled: Schema.Boolean,
  shipFromEnabled: Schema.Boolean,
  updatedAt: Instant,
}).annotations({ identifier: "Location" })
export type Location = typeof Location.Type
