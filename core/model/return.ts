import { Schema } from "effect"
import { Money } from "./money.ts"
import { Instant, Key, PositiveInt } from "./primitives.ts"

/** Where goods came back: at a store counter (return in store) or by mail. */
export const ReturnedAt = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("store"), locationCode: Key }),
  Schema.Struct({ kind: Schema.Literal("mail") }),
)

/** A return. Natural key: channel + return id. */
export const Return = Schema.Struct({
  channel: Key,
  returnId: Key,
  orderChannel: Key,
  orderNumber: Key,
  lines: Schema.NonEmptyArray(
    Schema.Struct({ sku: Key, quantity: PositiveInt, reason: Schema.optional(Schema.String) }),
  ),
  reason: Schema.optional(Schema.String),
  returnedAt: ReturnedAt,
  refundAmount: Schema.optional(Money),
  status: Schema.Literal("requested", "received", "refunded", "rejected"),
  updatedAt: Instant,
}).annotations({ identifier: "Return" })
export type Return = typeof Return.Type
