/**
 * An order as `GET /orders` returns it
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#order-properties). Amounts are
 * decimal strings; line `subtotal`/`total` exclude tax, whatever the shop's tax display setting.
 */
import { Schema } from "effect"
import { MetaData, WooAddress } from "./common.ts"

/** A tax on a line or shipping line: the rate id and the amount after (`total`) and before (`subtotal`) discounts. */
export const ItemTax = Schema.Struct({
  id: Schema.Number,
  total: Schema.String,
  subtotal: Schema.optional(Schema.String),
})

export const LineItem = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  product_id: Schema.Number,
  variation_id: Schema.Number,
  quantity: Schema.Number,
  tax_class: Schema.String,
  subtotal: Schema.String,
  subtotal_tax: Schema.String,
  total: Schema.String,
  total_tax: Schema.String,
  taxes: Schema.Array(ItemTax),
  sku: Schema.NullOr(Schema.String),
  price: Schema.Number,
})
export type LineItem = typeof LineItem.Type

/** An order's tax rate summary; `rate_percent` is the rate (19 for 19 %). */
export const TaxLine = Schema.Struct({
  id: Schema.Number,
  rate_code: Schema.String,
  rate_id: Schema.Number,
  label: Schema.String,
  compound: Schema.Boolean,
  tax_total: Schema.String,
  shipping_tax_total: Schema.String,
  // Since WooCommerce 5.7; older stores leave it out.
  rate_percent: Schema.optional(Schema.Number),
})
export type TaxLine = typeof TaxLine.Type

/** A shipping line; `method_id` `local_pickup` / `pickup_location` is click & collect. */
export const ShippingLine = Schema.Struct({
  id: Schema.Number,
  method_title: Schema.String,
  method_id: Schema.String,
  instance_id: Schema.optional(Schema.String),
  total: Schema.String,
  total_tax: Schema.String,
  taxes: Schema.Array(ItemTax),
  meta_data: Schema.Array(MetaData),
})
export type ShippingLine = typeof ShippingLine.Type

/** A coupon applied to the order: `discount` is the amount it took off, without tax. */
export const CouponLine = Schema.Struct({
  id: Schema.Number,
  code: Schema.String,
  discount: Schema.String,
  discount_tax: Schema.String,
})
export type CouponLine = typeof CouponLine.Type

export const OrderStatus = Schema.Literal(
  "pending",
  "processing",
  "on-hold",
  "completed",
  "cancelled",
  "refunded",
  "failed",
  "trash",
  "checkout-draft",
)

export const WooOrder = Schema.Struct({
  id: Schema.Number,
  number: Schema.String,
  status: OrderStatus,
  currency: Schema.String,
  prices_include_tax: Schema.Boolean,
  date_created_gmt: Schema.String,
  date_modified_gmt: Schema.String,
  date_paid_gmt: Schema.NullOr(Schema.String),
  discount_total: Schema.String,
  discount_tax: Schema.String,
  shipping_total: Schema.String,
  shipping_tax: Schema.String,
  cart_tax: Schema.String,
  total: Schema.String,
  total_tax: Schema.String,
  customer_id: Schema.Number,
  customer_note: Schema.String,
  billing: WooAddress,
  shipping: WooAddress,
  payment_method: Schema.String,
  payment_method_title: Schema.String,
  transaction_id: Schema.String,
  line_items: Schema.Array(LineItem),
  tax_lines: Schema.Array(TaxLine),
  shipping_lines: Schema.Array(ShippingLine),
  coupon_lines: Schema.Array(CouponLine),
})
export type WooOrder = typeof WooOrder.Type
