/** What `order`'s write mapping produces and the saleOrders sink turns into `sale.order` values. */
import { Schema } from "effect"
import { Char, OdooDatetime } from "./fields.ts"
import { PartnerAddressPayload, PartnerPayload } from "./partner.ts"

/** A tax of a line as the channel computed it; the sink finds Odoo's sale tax of the same rate. */
export const PayloadTax = Schema.Struct({
  title: Schema.String,
  /** Percent, e.g. 19. */
  rate: Schema.Number,
  /** The channel's amount in major units, kept so the payload maps back exactly. */
  amount: Schema.Number,
})

/** One line to create: a product, a delivery or an order-level discount. */
export const SaleOrderLinePayload = Schema.Struct({
  /** `product`, `shipping` (a delivery line, `is_delivery`) or `discount` (an order-level discount). */
  kind: Schema.Literal("product", "shipping", "discount"),
  /** The `default_code` of the product.product the line sells. */
  sku: Schema.String,
  name: Char,
  /** The channel's line id or shipping code, kept to map back. */
  ref: Char,
  product_uom_qty: Schema.Number,
  price_unit: Schema.Number,
  /** Percent, as Odoo takes it. */
  discount: Schema.Number,
  /** The channel's discounts in major units, kept to map back exactly (Odoo rounds the percent to 2 decimals). */
  discounts: Schema.Array(Schema.Struct({ title: Schema.String, code: Char, amount: Schema.Number })),
  taxes: Schema.Array(PayloadTax),
})
export type SaleOrderLinePayload = typeof SaleOrderLinePayload.Type

/** A channel order as Odoo needs it, with every reference by natural key (SKU, customer number, warehouse code). */
export const SaleOrderPayload = Schema.Struct({
  /** `<channel>:<order number>`: the natural key, and how link-before-create finds the order. */
  client_order_ref: Schema.String,
  /** The channel, as Odoo's "Source Document". */
  origin: Schema.String,
  date_order: OdooDatetime,
  currency: Schema.String,
  prices_include_tax: Schema.Boolean,
  /** Found by `ref`, then by e-mail; created from `partner` when absent. */
  customer: Schema.Struct({ ref: Char, email: Char, partner: PartnerPayload }),
  invoice_address: Schema.Union(PartnerAddressPayload, Schema.Literal(false)),
  shipping_address: Schema.Union(PartnerAddressPayload, Schema.Literal(false)),
  /** Click & collect: the code of the store's warehouse; its address becomes the delivery address. */
  pickup_warehouse_code: Char,
  lines: Schema.NonEmptyArray(SaleOrderLinePayload),
  note: Char,
  /** Confirm the quotation into a sales order (`action_confirm`) once created. */
  confirm: Schema.Boolean,
  /** When the hub last changed the order (not sent to Odoo). */
  updated_at: Schema.String,
})
export type SaleOrderPayload = typeof SaleOrderPayload.Type
