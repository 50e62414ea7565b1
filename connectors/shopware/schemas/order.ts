/** An order as the orders stream reads it: `POST /api/search/order` with its associations. */
import { Schema } from "effect"
import { CalculatedPrice, CalculatedTax, ShopwareAddress, StateMachineState, Timestamps } from "./common.ts"

export const OrderLineItem = Schema.Struct({
  id: Schema.String,
  identifier: Schema.String,
  type: Schema.String,
  label: Schema.String,
  quantity: Schema.Number,
  unitPrice: Schema.Number,
  totalPrice: Schema.Number,
  position: Schema.optional(Schema.Number),
  parentId: Schema.optional(Schema.NullOr(Schema.String)),
  referencedId: Schema.optional(Schema.NullOr(Schema.String)),
  promotionId: Schema.optional(Schema.NullOr(Schema.String)),
  /** `productNumber` for products, `code` for promotions. */
  payload: Schema.optional(
    Schema.NullOr(
      Schema.Struct({
        productNumber: Schema.optional(Schema.String),
        code: Schema.optional(Schema.NullOr(Schema.String)),
      }),
    ),
  ),
  price: CalculatedPrice,
})
export type OrderLineItem = typeof OrderLineItem.Type

export const OrderDelivery = Schema.Struct({
  id: Schema.String,
  shippingMethodId: Schema.String,
  shippingMethod: Schema.Struct({ name: Schema.String, technicalName: Schema.optional(Schema.NullOr(Schema.String)) }),
  shippingOrderAddressId: Schema.optional(Schema.NullOr(Schema.String)),
  trackingCodes: Schema.Array(Schema.String),
  stateMachineState: StateMachineState,
  shippingCosts: CalculatedPrice,
})
export type OrderDelivery = typeof OrderDelivery.Type

export const OrderTransaction = Schema.Struct({
  id: Schema.String,
  createdAt: Schema.String,
  amount: CalculatedPrice,
  paymentMethod: Schema.Struct({ name: Schema.String, technicalName: Schema.optional(Schema.NullOr(Schema.String)) }),
  stateMachineState: StateMachineState,
})
export type OrderTransaction = typeof OrderTransaction.Type

export const ShopwareOrder = Schema.Struct({
  id: Schema.String,
  orderNumber: Schema.String,
  orderDateTime: Schema.String,
  ...Timestamps,
  currency: Schema.Struct({ isoCode: Schema.String }),
  /** `gross` (prices include tax), `net` or `tax-free`. */
  taxStatus: Schema.optional(Schema.String),
  price: Schema.Struct({
    netPrice: Schema.Number,
    totalPrice: Schema.Number,
    positionPrice: Schema.Number,
    taxStatus: Schema.String,
    calculatedTaxes: Schema.Array(CalculatedTax),
  }),
  shippingTotal: Schema.Number,
  amountTotal: Schema.Number,
  stateMachineState: StateMachineState,
  customerComment: Schema.optional(Schema.NullOr(Schema.String)),
  orderCustomer: Schema.Struct({
    email: Schema.String,
    firstName: Schema.String,
    lastName: Schema.String,
    customerNumber: Schema.optional(Schema.NullOr(Schema.String)),
    company: Schema.optional(Schema.NullOr(Schema.String)),
  }),
  billingAddressId: Schema.String,
  addresses: Schema.Array(ShopwareAddress),
  lineItems: Schema.Array(OrderLineItem),
  deliveries: Schema.Array(OrderDelivery),
  transactions: Schema.Array(OrderTransaction),
})
export type ShopwareOrder = typeof ShopwareOrder.Type
