/** What the `order` write mapping produces and the orders sink turns into a `sale.sale`. */
import { Schema } from "effect"
import { AddressPayload } from "./party.ts"
import { Char } from "./values.ts"

/** One sale line: a product by code, or a line without product (shipping, an order discount). */
export const SaleLinePayload = Schema.Struct({
  kind: Schema.Literal("product", "shipping", "discount"),
  /** The code (SKU) of the product.product; `null` for shipping and discount lines. */
  sku: Char,
  description: Char,
  quantity: Schema.Number,
  /** Decimal string in the order's currency, after the line's discounts, e.g. `"29.90"`. */
  unit_price: Schema.String,
})
export type SaleLinePayload = typeof SaleLinePayload.Type

/** A channel order as Tryton needs it, every reference by natural key. */
export const SalePayload = Schema.Struct({
  /** `<channel>:<order number>`: the natural key, kept in the sale's `reference`. */
  reference: Schema.String,
  /** The channel, as the sale's description. */
  description: Schema.String,
  /** When the order was placed (hub instant); its day becomes `sale_date`. */
  placed_at: Schema.String,
  currency: Schema.String,
  /** Whether the channel's unit prices include tax (kept to map back; Tryton takes them as they are). */
  prices_include_tax: Schema.Boolean,
  /** Found by code, then by e-mail; created with `name` and the addresses when absent. */
  customer: Schema.Struct({ code: Char, email: Char, name: Schema.String, phone: Char }),
  invoice_address: Schema.NullOr(AddressPayload),
  shipment_address: Schema.NullOr(AddressPayload),
  lines: Schema.NonEmptyArray(SaleLinePayload),
  comment: Char,
  /** Quote and confirm once created (a cancelled channel order is not). */
  confirm: Schema.Boolean,
  /** When the hub last changed the order (not sent to Tryton). */
  updated_at: Schema.String,
})
export type SalePayload = typeof SalePayload.Type
