/** Shapes Shopware entities share: calculated prices with their taxes, addresses, state machine states. */
import { Schema } from "effect"

/** One entry of `calculatedTaxes`: the tax amount, its rate in percent and the price it was taken of. */
export const CalculatedTax = Schema.Struct({ tax: Schema.Number, taxRate: Schema.Number, price: Schema.Number })
export type CalculatedTax = typeof CalculatedTax.Type

/** A `CalculatedPrice` as order line items, deliveries and transactions carry it. */
export const CalculatedPrice = Schema.Struct({
  unitPrice: Schema.Number,
  totalPrice: Schema.Number,
  quantity: Schema.Number,
  calculatedTaxes: Schema.Array(CalculatedTax),
})
export type CalculatedPrice = typeof CalculatedPrice.Type

/** A state machine state (`order.state`, `order_delivery.state`, `order_transaction.state`). */
export const StateMachineState = Schema.Struct({ technicalName: Schema.String })

/** An order or customer address with its country association. */
export const ShopwareAddress = Schema.Struct({
  id: Schema.String,
  firstName: Schema.String,
  lastName: Schema.String,
  company: Schema.optional(Schema.NullOr(Schema.String)),
  street: Schema.String,
  additionalAddressLine1: Schema.optional(Schema.NullOr(Schema.String)),
  zipcode: Schema.optional(Schema.NullOr(Schema.String)),
  city: Schema.String,
  phoneNumber: Schema.optional(Schema.NullOr(Schema.String)),
  country: Schema.Struct({ iso: Schema.String }),
  countryState: Schema.optional(Schema.NullOr(Schema.Struct({ name: Schema.String }))),
})
export type ShopwareAddress = typeof ShopwareAddress.Type

/** The sortable position of a Shopware record: `updatedAt`, which is null until a row is first updated, else `createdAt`. */
export const Timestamps = {
  createdAt: Schema.String,
  updatedAt: Schema.NullOr(Schema.String),
}
