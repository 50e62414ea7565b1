/** Raw stock records: warehouses, and the stock level of a product in one as the inventory stream yields it. */
import { Schema } from "effect"
import { Char, TrytonId } from "./values.ts"

/** `stock.location` of type `warehouse`. */
export const WarehouseRecord = Schema.Struct({
  id: TrytonId,
  name: Schema.String,
  code: Char,
  storage_location: Schema.NullOr(TrytonId),
})
export type WarehouseRecord = typeof WarehouseRecord.Type

/**
 * `product.product` read with context `locations: [warehouse]`: `quantity` is what the
 * warehouse's locations hold now, `forecast_quantity` that plus planned incoming minus planned
 * outgoing moves (a confirmed sale's waiting shipment lowers it). Floats: Tryton keeps
 * quantities in the product's unit.
 */
export const QuantityRecord = Schema.Struct({
  id: TrytonId,
  code: Char,
  quantity: Schema.Number,
  forecast_quantity: Schema.Number,
})
export type QuantityRecord = typeof QuantityRecord.Type

/** What the inventory stream yields: one product in one warehouse. */
export const TrytonStockLevel = Schema.Struct({
  product: TrytonId,
  code: Char,
  warehouse: TrytonId,
  warehouse_code: Schema.String,
  quantity: Schema.Number,
  forecast_quantity: Schema.Number,
  /** When the quantities were read (hub instant): stock has no write_date of its own. */
  read_at: Schema.String,
})
export type TrytonStockLevel = typeof TrytonStockLevel.Type
