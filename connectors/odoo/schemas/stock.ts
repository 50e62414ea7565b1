/** Raw stock records: quants, and the stock level per product and warehouse built from them. */
import { Schema } from "effect"
import { Char, Many2one, Many2oneRef, OdooDatetime, OdooId, orFalse, X2many } from "./fields.ts"

export const QUANT_FIELDS = [
  "product_id",
  "location_id",
  "warehouse_id",
  "quantity",
  "reserved_quantity",
  "write_date",
] as const

/** `stock.quant`: what one location holds of one product (per lot and package). */
export const StockQuantRecord = Schema.Struct({
  id: OdooId,
  product_id: Many2oneRef,
  location_id: Many2oneRef,
  warehouse_id: Many2one,
  quantity: Schema.Number,
  reserved_quantity: Schema.Number,
  write_date: OdooDatetime,
})
export type StockQuantRecord = typeof StockQuantRecord.Type

/**
 * What the stock stream yields: the sum of a product's quants in a warehouse's internal
 * locations. `write_date` is the latest of those quants; `changed_at`/`changed_quant_id` name
 * the quant change that brought the level into this read (its place in the stream).
 */
export const OdooStockLevel = Schema.Struct({
  product_id: OdooId,
  default_code: Char,
  warehouse_id: orFalse(OdooId),
  warehouse_code: Char,
  quantity: Schema.Number,
  reserved_quantity: Schema.Number,
  quant_ids: X2many,
  write_date: OdooDatetime,
  changed_at: OdooDatetime,
  changed_quant_id: OdooId,
})
export type OdooStockLevel = typeof OdooStockLevel.Type
