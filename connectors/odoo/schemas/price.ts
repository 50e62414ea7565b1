/** Raw price records: a variant's sales price, and fixed-price pricelist rules. */
import { Schema } from "effect"
import { Char, Many2one, Many2oneRef, OdooDatetime, OdooId } from "./fields.ts"

export const LIST_PRICE_FIELDS = ["default_code", "lst_price", "currency_id", "write_date"] as const

/**
 * What the listPrices stream yields: `product.product` with its sales price (`lst_price`: the
 * template's price plus attribute extras), `changed_at` (the latest write_date of variant and
 * template: a price change is written on the template) and whether prices include tax.
 */
export const OdooListPrice = Schema.Struct({
  id: OdooId,
  default_code: Char,
  lst_price: Schema.Number,
  currency_id: Many2one,
  write_date: OdooDatetime,
  changed_at: OdooDatetime,
  tax_included: Schema.Boolean,
})
export type OdooListPrice = typeof OdooListPrice.Type

export const PRICELIST_ITEM_FIELDS = [
  "pricelist_id",
  "applied_on",
  "product_tmpl_id",
  "product_id",
  "compute_price",
  "fixed_price",
  "min_quantity",
  "date_start",
  "date_end",
  "currency_id",
  "write_date",
] as const

/** `product.pricelist.item` as `search_read` returns PRICELIST_ITEM_FIELDS. */
export const PricelistItemRecord = Schema.Struct({
  id: OdooId,
  pricelist_id: Many2oneRef,
  applied_on: Schema.String,
  product_tmpl_id: Many2one,
  product_id: Many2one,
  compute_price: Schema.String,
  fixed_price: Schema.Number,
  min_quantity: Schema.Number,
  /** A datetime since Odoo 16, a date before. */
  date_start: Char,
  date_end: Char,
  currency_id: Many2one,
  write_date: OdooDatetime,
})
export type PricelistItemRecord = typeof PricelistItemRecord.Type

/**
 * What the pricelistItems stream yields: one fixed-price rule for one variant. A rule on a
 * template is yielded once per variant, so every record has one SKU.
 */
export const OdooPricelistPrice = Schema.Struct({
  ...PricelistItemRecord.fields,
  pricelist_name: Schema.String,
  variant_id: OdooId,
  default_code: Char,
  tax_included: Schema.Boolean,
})
export type OdooPricelistPrice = typeof OdooPricelistPrice.Type
