/** Raw sale orders (`sale.order`, `sale.order.line`) as the saleOrders stream yields them. */
import { Schema } from "effect"
import { Char, Many2one, Many2oneRef, OdooDatetime, OdooId, orFalse, X2many } from "./fields.ts"
import { PartnerRecord } from "./partner.ts"

export const ORDER_FIELDS = [
  "name",
  "partner_id",
  "partner_invoice_id",
  "partner_shipping_id",
  "client_order_ref",
  "origin",
  "date_order",
  "state",
  "delivery_status",
  "currency_id",
  "warehouse_id",
  "note",
  "amount_untaxed",
  "amount_tax",
  "amount_total",
  "order_line",
  "write_date",
] as const

/** `sale.order` as `search_read` returns ORDER_FIELDS. */
export const SaleOrderRecord = Schema.Struct({
  id: OdooId,
  name: Schema.String,
  partner_id: Many2oneRef,
  partner_invoice_id: Many2one,
  partner_shipping_id: Many2one,
  /** The customer's reference; esl stores `<channel>:<order number>` here for orders it brings in. */
  client_order_ref: Char,
  origin: Char,
  date_order: OdooDatetime,
  /** `draft`, `sent`, `sale`, `cancel` (and `done` before Odoo 17). */
  state: Schema.String,
  /** `pending`, `started`, `partial`, `full` (Odoo 16+), false without stock. */
  delivery_status: Char,
  currency_id: Many2one,
  warehouse_id: Many2one,
  /** HTML since Odoo 16. */
  note: Char,
  amount_untaxed: Schema.Number,
  amount_tax: Schema.Number,
  amount_total: Schema.Number,
  order_line: X2many,
  write_date: OdooDatetime,
})
export type SaleOrderRecord = typeof SaleOrderRecord.Type

/** The line fields every version has; taxes (`tax_ids`/`tax_id`) and `is_delivery` are asked for by name. */
export const LINE_FIELDS = [
  "order_id",
  "product_id",
  "name",
  "display_type",
  "product_uom_qty",
  "price_unit",
  "discount",
  "price_subtotal",
  "price_total",
] as const

/** `sale.order.line` as `search_read` returns LINE_FIELDS. */
export const SaleOrderLineRecord = Schema.Struct({
  id: OdooId,
  order_id: Many2oneRef,
  product_id: Many2one,
  name: Char,
  display_type: Char,
  product_uom_qty: Schema.Number,
  price_unit: Schema.Number,
  /** Percent. */
  discount: Schema.Number,
  price_subtotal: Schema.Number,
  price_total: Schema.Number,
  /** From the `delivery` module; missing without it. */
  is_delivery: Schema.optional(Schema.Boolean),
})
export type SaleOrderLineRecord = typeof SaleOrderLineRecord.Type

export const TAX_FIELDS = ["name", "amount", "amount_type", "price_include"] as const

/** `account.tax`: `amount` is a percent for `amount_type` `percent`. */
export const TaxRecord = Schema.Struct({
  id: OdooId,
  name: Schema.String,
  amount: Schema.Number,
  amount_type: Schema.String,
  price_include: Schema.Boolean,
})
export type TaxRecord = typeof TaxRecord.Type

/** A line with its product's SKU and its taxes read. */
export const OdooSaleOrderLine = Schema.Struct({
  id: OdooId,
  product_id: Many2one,
  default_code: Char,
  name: Char,
  product_uom_qty: Schema.Number,
  price_unit: Schema.Number,
  discount: Schema.Number,
  price_subtotal: Schema.Number,
  price_total: Schema.Number,
  is_delivery: Schema.Boolean,
  taxes: Schema.Array(TaxRecord),
})
export type OdooSaleOrderLine = typeof OdooSaleOrderLine.Type

/**
 * What the saleOrders stream yields: the order, its product lines (sections and notes left
 * out), the customer, the invoice and delivery addresses, and the warehouse with its address
 * partner (a delivery address equal to it means click & collect there).
 */
export const OdooSaleOrder = Schema.Struct({
  ...SaleOrderRecord.fields,
  lines: Schema.Array(OdooSaleOrderLine),
  partner: PartnerRecord,
  invoice_address: orFalse(PartnerRecord),
  shipping_address: orFalse(PartnerRecord),
  warehouse: orFalse(Schema.Struct({ id: OdooId, code: Char, partner_id: Many2one })),
})
export type OdooSaleOrder = typeof OdooSaleOrder.Type
