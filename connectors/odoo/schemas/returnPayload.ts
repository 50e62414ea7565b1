/** What `return`'s write mapping produces and the returns sink turns into an incoming return transfer. */
import { Schema } from "effect"
import { Char, OdooDatetime } from "./fields.ts"

/** The states of a return the sink acts on: received and refunded returns are booked into stock. */
export const ReturnStatus = Schema.Literal("requested", "received", "refunded", "rejected")

/** One returned product. */
export const ReturnLinePayload = Schema.Struct({
  /** The `default_code` of the product.product that comes back. */
  sku: Schema.String,
  /** Units; Odoo keeps floats, the canonical model whole numbers. */
  product_uom_qty: Schema.Number,
})

/** A return as a transfer to be: where to, from which sale order, what, and how far along it is. */
export const ReturnPickingPayload = Schema.Struct({
  /** The return's natural key `<channel>:<return id>`, kept in `origin` for link-before-create. */
  origin: Schema.String,
  /** The returned order's natural key, which esl writes as the sale order's `client_order_ref`. */
  sale_order_ref: Schema.String,
  /** The short name of the warehouse the goods come back to; `false`: the main warehouse (mail returns). */
  warehouse_code: Char,
  lines: Schema.NonEmptyArray(ReturnLinePayload),
  /** The return's reason, as the transfer's note. */
  note: Char,
  /** When the return was registered, as the transfer's scheduled date. */
  scheduled_date: OdooDatetime,
  status: ReturnStatus,
})
export type ReturnPickingPayload = typeof ReturnPickingPayload.Type
