/** Raw transfer records (`stock.picking`, `stock.move`) and the delivery the deliveries stream builds from them. */
import { Schema } from "effect"
import { Char, Many2one, Many2oneRef, OdooDatetime, OdooId, orFalse } from "./fields.ts"

export const PICKING_FIELDS = [
  "name",
  "origin",
  "state",
  "picking_type_id",
  "sale_id",
  "carrier_id",
  "carrier_tracking_ref",
  "date_done",
  "write_date",
] as const

/** `stock.picking` as `search_read` returns PICKING_FIELDS. */
export const PickingRecord = Schema.Struct({
  id: OdooId,
  /** `WH/OUT/00012`: the warehouse's code, the operation's prefix, a sequence number. */
  name: Schema.String,
  /** The source document: the sale order's name for deliveries. */
  origin: Char,
  state: Schema.String,
  picking_type_id: Many2oneRef,
  /** `sale_stock`: the sale order the transfer delivers. */
  sale_id: Many2one,
  /** `stock_delivery`: the shipping method, `[id, "DHL Paket"]`. */
  carrier_id: Many2one,
  carrier_tracking_ref: Char,
  date_done: orFalse(OdooDatetime),
  write_date: OdooDatetime,
})
export type PickingRecord = typeof PickingRecord.Type

export const MOVE_FIELDS = ["picking_id", "product_id", "product_uom_qty", "quantity", "state"] as const

/** `stock.move` as `search_read` returns MOVE_FIELDS; `quantity` is what was moved (Odoo 17+). */
export const MoveRecord = Schema.Struct({
  id: OdooId,
  picking_id: Many2oneRef,
  product_id: Many2oneRef,
  product_uom_qty: Schema.Number,
  quantity: Schema.Number,
  state: Schema.String,
})

/** The sale order a delivery belongs to: its name and the channel reference esl wrote. */
export const DeliverySaleOrder = Schema.Struct({ id: OdooId, name: Schema.String, client_order_ref: Char })

/**
 * What the deliveries stream yields: a done outgoing transfer with its moves' SKUs and
 * quantities, its sale order (`false` when it has none) and its warehouse's code.
 */
export const OdooDelivery = Schema.Struct({
  ...PickingRecord.fields,
  moves: Schema.Array(
    Schema.Struct({ id: OdooId, product_id: Many2oneRef, default_code: Char, quantity: Schema.Number }),
  ),
  sale_order: orFalse(DeliverySaleOrder),
  warehouse_code: Char,
})
export type OdooDelivery = typeof OdooDelivery.Type
