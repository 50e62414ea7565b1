/** Raw warehouse records (`stock.warehouse`) with their address. */
import { Schema } from "effect"
import { Char, Many2one, OdooDatetime, OdooId, orFalse } from "./fields.ts"
import { PartnerRecord } from "./partner.ts"

export const WAREHOUSE_FIELDS = ["name", "code", "partner_id", "lot_stock_id", "active", "write_date"] as const

/** `stock.warehouse` as `search_read` returns WAREHOUSE_FIELDS. */
export const WarehouseRecord = Schema.Struct({
  id: OdooId,
  name: Schema.String,
  /** The short name (up to 5 characters) Odoo prefixes the warehouse's locations with: `WH`. */
  code: Char,
  partner_id: Many2one,
  lot_stock_id: Many2one,
  active: Schema.Boolean,
  write_date: OdooDatetime,
})

/** What the warehouses stream yields: a warehouse and its address partner. */
export const OdooWarehouse = Schema.Struct({
  ...WarehouseRecord.fields,
  address: orFalse(PartnerRecord),
})
export type OdooWarehouse = typeof OdooWarehouse.Type
