/** Raw sales (sale.sale with sale.line) and what the orders stream yields. */
import { Schema } from "effect"
import { AddressRecord } from "./party.ts"
import { Char, TrytonDate, TrytonDateTime, TrytonDecimal, TrytonId } from "./values.ts"

export const SALE_FIELDS = [
  "number",
  "reference",
  "description",
  "state",
  "shipment_state",
  "sale_date",
  "currency.code",
  "party",
  "party.code",
  "party.email",
  "invoice_address",
  "shipment_address",
  "comment",
  "create_date",
  "write_date",
] as const

/**
 * `sale.sale`: draft → quotation → confirmed → processing → done (or cancelled);
 * `shipment_state` none, waiting, partially shipped, sent or exception.
 */
export const SaleRecord = Schema.Struct({
  id: TrytonId,
  number: Char,
  reference: Char,
  description: Char,
  state: Schema.String,
  shipment_state: Schema.String,
  sale_date: Schema.NullOr(TrytonDate),
  "currency.": Schema.Struct({ id: TrytonId, code: Schema.String }),
  party: TrytonId,
  "party.": Schema.Struct({ id: TrytonId, code: Char, email: Char }),
  invoice_address: Schema.NullOr(TrytonId),
  shipment_address: Schema.NullOr(TrytonId),
  comment: Char,
  create_date: TrytonDateTime,
  write_date: Schema.NullOr(TrytonDateTime),
})
export type SaleRecord = typeof SaleRecord.Type

export const SALE_LINE_FIELDS = [
  "sale",
  "sequence",
  "type",
  "product",
  "product.code",
  "quantity",
  "unit_price",
  "description",
  "create_date",
  "write_date",
] as const

/** `sale.line`; `type` is `line` for what is sold (with or without product), else a subtotal, title or comment. */
export const SaleLineRecord = Schema.Struct({
  id: TrytonId,
  sale: TrytonId,
  sequence: Schema.NullOr(Schema.Int),
  type: Schema.String,
  product: Schema.NullOr(TrytonId),
  "product.": Schema.NullOr(Schema.Struct({ id: TrytonId, code: Char })),
  quantity: Schema.NullOr(Schema.Number),
  unit_price: Schema.NullOr(TrytonDecimal),
  description: Char,
  create_date: TrytonDateTime,
  write_date: Schema.NullOr(TrytonDateTime),
})
export type SaleLineRecord = typeof SaleLineRecord.Type

/** What the orders stream yields: a sale with its lines and addresses. */
export const TrytonSale = Schema.Struct({
  ...SaleRecord.fields,
  lines: Schema.Array(SaleLineRecord),
  invoice: Schema.NullOr(AddressRecord),
  shipment: Schema.NullOr(AddressRecord),
  /** The latest change of the sale and its lines (hub instant). */
  changed_at: Schema.String,
})
export type TrytonSale = typeof TrytonSale.Type
