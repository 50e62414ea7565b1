/**
 * A placed Vendure order as the orders stream reads it
 * (https://docs.vendure.io/reference/graphql-api/admin/object-types#order).
 */
import { Schema } from "effect"
import { MinorUnits, VendureId } from "./common.ts"

export const OrderAddress = Schema.Struct({
  fullName: Schema.NullOr(Schema.String),
  company: Schema.NullOr(Schema.String),
  streetLine1: Schema.NullOr(Schema.String),
  streetLine2: Schema.NullOr(Schema.String),
  city: Schema.NullOr(Schema.String),
  province: Schema.NullOr(Schema.String),
  postalCode: Schema.NullOr(Schema.String),
  countryCode: Schema.NullOr(Schema.String),
  phoneNumber: Schema.NullOr(Schema.String),
})
export type OrderAddress = typeof OrderAddress.Type

const Adjustment = Schema.Struct({
  adjustmentSource: Schema.String,
  amount: MinorUnits,
  amountWithTax: MinorUnits,
  description: Schema.String,
  type: Schema.String,
})

export const OrderLineRecord = Schema.Struct({
  id: VendureId,
  quantity: Schema.Number,
  /** What was ordered: Vendure zeroes `quantity` when a line is cancelled. */
  orderPlacedQuantity: Schema.optional(Schema.Number),
  unitPrice: MinorUnits,
  unitPriceWithTax: MinorUnits,
  linePrice: MinorUnits,
  linePriceWithTax: MinorUnits,
  proratedLinePrice: MinorUnits,
  proratedLinePriceWithTax: MinorUnits,
  taxLines: Schema.Array(Schema.Struct({ description: Schema.String, taxRate: Schema.Number })),
  discounts: Schema.Array(Adjustment),
  productVariant: Schema.Struct({ id: VendureId, sku: Schema.String, name: Schema.String }),
})
export type OrderLineRecord = typeof OrderLineRecord.Type

export const ShippingLineRecord = Schema.Struct({
  id: VendureId,
  shippingMethod: Schema.Struct({ id: VendureId, code: Schema.String, name: Schema.String }),
  price: MinorUnits,
  priceWithTax: MinorUnits,
  discountedPrice: MinorUnits,
  discountedPriceWithTax: MinorUnits,
})

export const PaymentRecord = Schema.Struct({
  id: VendureId,
  method: Schema.String,
  amount: MinorUnits,
  state: Schema.String,
  transactionId: Schema.NullOr(Schema.String),
  createdAt: Schema.String,
})

export const FulfillmentRecord = Schema.Struct({
  id: VendureId,
  state: Schema.String,
  method: Schema.String,
  trackingCode: Schema.NullOr(Schema.String),
  lines: Schema.Array(Schema.Struct({ orderLineId: VendureId, quantity: Schema.Number })),
})
export type FulfillmentRecord = typeof FulfillmentRecord.Type

export const OrderRecord = Schema.Struct({
  id: VendureId,
  code: Schema.String,
  state: Schema.String,
  active: Schema.Boolean,
  createdAt: Schema.String,
  updatedAt: Schema.String,
  orderPlacedAt: Schema.NullOr(Schema.String),
  currencyCode: Schema.String,
  couponCodes: Schema.Array(Schema.String),
  customer: Schema.NullOr(
    Schema.Struct({
      id: VendureId,
      emailAddress: Schema.String,
      firstName: Schema.String,
      lastName: Schema.String,
    }),
  ),
  shippingAddress: Schema.NullOr(OrderAddress),
  billingAddress: Schema.NullOr(OrderAddress),
  lines: Schema.Array(OrderLineRecord),
  shippingLines: Schema.Array(ShippingLineRecord),
  subTotal: MinorUnits,
  subTotalWithTax: MinorUnits,
  shipping: MinorUnits,
  shippingWithTax: MinorUnits,
  total: MinorUnits,
  totalWithTax: MinorUnits,
  payments: Schema.NullOr(Schema.Array(PaymentRecord)),
  fulfillments: Schema.NullOr(Schema.Array(FulfillmentRecord)),
})
export type OrderRecord = typeof OrderRecord.Type

/** Every order field the orders stream selects and the order mapping reads. */
export const ORDER_FIELDS = `
fragment OrderFields on Order {
  id code state active createdAt updatedAt orderPlacedAt currencyCode couponCodes
  customer { id emailAddress firstName lastName }
  shippingAddress { ...AddressFields }
  billingAddress { ...AddressFields }
  lines {
    id quantity orderPlacedQuantity unitPrice unitPriceWithTax linePrice linePriceWithTax proratedLinePrice proratedLinePriceWithTax
    taxLines { description taxRate }
    discounts { adjustmentSource amount amountWithTax description type }
    productVariant { id sku name }
  }
  shippingLines { id shippingMethod { id code name } price priceWithTax discountedPrice discountedPriceWithTax }
  subTotal subTotalWithTax shipping shippingWithTax total totalWithTax
  payments { id method amount state transactionId createdAt }
  fulfillments { id state method trackingCode lines { orderLineId quantity } }
}
fragment AddressFields on OrderAddress {
  fullName company streetLine1 streetLine2 city province postalCode countryCode phoneNumber
}`
