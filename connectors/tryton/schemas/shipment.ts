/** Raw customer shipments (stock.shipment.out), their moves, and what the fulfillments stream yields. */
import { Schema } from "effect"
import { Char, TrytonDate, TrytonDateTime, TrytonId } from "./values.ts"

export const SHIPMENT_FIELDS = [
  "number",
  "reference",
  "state",
  "effective_date",
  "warehouse",
  "warehouse.code",
  "outgoing_moves",
  "create_date",
  "write_date",
] as const

/** `stock.shipment.out`: draft → waiting → assigned → picked → packed → done (or cancelled). */
export const ShipmentRecord = Schema.Struct({
  id: TrytonId,
  number: Char,
  reference: Char,
  state: Schema.String,
  effective_date: Schema.NullOr(TrytonDate),
  warehouse: TrytonId,
  "warehouse.": Schema.NullOr(Schema.Struct({ id: TrytonId, code: Char })),
  outgoing_moves: Schema.Array(TrytonId),
  create_date: TrytonDateTime,
  write_date: Schema.NullOr(TrytonDateTime),
})
export type ShipmentRecord = typeof ShipmentRecord.Type

export const MOVE_FIELDS = ["product", "product.code", "quantity", "state", "origin", "shipment"] as const

/** `stock.move`; `origin` is a reference `"sale.line,<id>"` for moves a sale created. */
export const MoveRecord = Schema.Struct({
  id: TrytonId,
  product: TrytonId,
  "product.": Schema.NullOr(Schema.Struct({ id: TrytonId, code: Char })),
  quantity: Schema.Number,
  state: Schema.String,
  origin: Char,
  shipment: Char,
})
export type MoveRecord = typeof MoveRecord.Type

/** What the fulfillments stream yields: a done shipment with what it shipped and the sales it ships. */
export const TrytonShipment = Schema.Struct({
  id: TrytonId,
  number: Char,
  reference: Char,
  state: Schema.String,
  effective_date: Schema.NullOr(TrytonDate),
  warehouse_code: Char,
  moves: Schema.Array(
    Schema.Struct({ id: TrytonId, product: TrytonId, code: Char, quantity: Schema.Number, state: Schema.String }),
  ),
  /** The sales its moves come from: `number` is Tryton's, `reference` the channel's order key. */
  sales: Schema.Array(Schema.Struct({ id: TrytonId, number: Char, reference: Char })),
  /** `write_date ?? create_date` (hub instant). */
  changed_at: Schema.String,
})
export type TrytonShipment = typeof TrytonShipment.Type
