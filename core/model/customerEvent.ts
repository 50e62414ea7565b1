import { Schema } from "effect"
import { CustomerRef } from "./customer.ts"
import { Instant, Key } from "./primitives.ts"

/** Something a customer did on a channel. Natural key: event id. */
export const CustomerEvent = Schema.Struct({
  eventId: Key,
  customer: CustomerRef,
  channel: Key,
  type: Schema.Literal("viewed", "carted", "abandoned_checkout", "purchased", "returned"),
  subject: Schema.optional(Schema.Struct({ sku: Schema.optional(Key), orderNumber: Schema.optional(Key) })),
  occurredAt: Instant,
  updatedAt: Instant,
}).annotations({ identifier: "CustomerEvent" })
export type CustomerEvent = typeof CustomerEvent.Type
