import { Schema } from "effect"
import { Address } from "./address.ts"
import { CustomerRef } from "./customer.ts"
import { CurrencyCode, Money, type Money as MoneyType } from "./money.ts"
import { Instant, Key, PositiveInt } from "./primitives.ts"

/** A tax on a line or a shipping line. `rate` is a fraction (0.19 for 19 %). */
export const TaxLine = Schema.Struct({
  title: Schema.String,
  rate: Schema.Number.pipe(Schema.between(0, 1)),
  amount: Money,
})

export const Discount = Schema.Struct({
  code: Schema.optional(Schema.String),
  title: Schema.String,
  amount: Money.pipe(
    Schema.filter(
      (m) =>
        m.amount >= 0 || { path: ["amount"], message: "a discount is the amount taken off; it cannot be negative" },
    ),
  ).annotations({ description: "positive amount taken off" }),
})

export const OrderLine = Schema.Struct({
  lineId: Schema.optional(Schema.String),
  sku: Key,
  title: Schema.optional(Schema.String),
  quantity: PositiveInt,
  unitPrice: Money,
  discounts: Schema.Array(Discount),
  taxLines: Schema.Array(TaxLine),
})
export type OrderLine = typeof OrderLine.Type

export const ShippingLine = Schema.Struct({
  title: Schema.String,
  code: Schema.optional(Schema.String),
  amount: Money,
  taxLines: Schema.Array(TaxLine),
})

export const PaymentStatus = Schema.Literal(
  "pending",
  "authorized",
  "partially_paid",
  "paid",
  "partially_refunded",
  "refunded",
  "voided",
)

export const Payment = Schema.Struct({
  gateway: Schema.String,
  amount: Money,
  status: Schema.Literal("pending", "authorized", "captured", "refunded", "failed", "voided"),
  reference: Schema.optional(Schema.String),
  processedAt: Schema.optional(Instant),
})

/** Ship to an address, or pick up in a store (click & collect) at a location. */
export const FulfillmentMethod = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("ship") }),
  Schema.Struct({ kind: Schema.Literal("pickup"), locationCode: Key }),
)

export const OrderStatus = Schema.Literal(
  "open",
  "confirmed",
  "partially_fulfilled",
  "fulfilled",
  "cancelled",
  "closed",
)

export const OrderTotals = Schema.Struct({
  subtotal: Money.annotations({ description: "Σ quantity × unit price, before discounts" }),
  discountTotal: Money,
  shippingTotal: Money,
  taxTotal: Money,
  grandTotal: Money,
})
export type OrderTotals = typeof OrderTotals.Type

/** What the totals must be, computed from the lines (all in minor units; no rounding anywhere). */
export const computeTotals = (order: {
  readonly currency: string
  readonly taxesIncluded: boolean
  readonly lines: ReadonlyArray<OrderLine>
  readonly shippingLines: ReadonlyArray<{
    readonly amount: MoneyType
    readonly taxLines: ReadonlyArray<{ readonly amount: MoneyType }>
  }>
  readonly discounts: ReadonlyArray<{ readonly amount: MoneyType }>
}): OrderTotals => {
  const m = (amount: number): MoneyType => ({ amount, currency: order.currency })
  let subtotal = 0
  let discounts = 0
  let taxes = 0
  let shipping = 0
  for (const line of order.lines) {
    subtotal += line.quantity * line.unitPrice.amount
    for (const d of line.discounts) discounts += d.amount.amount
    for (const t of line.taxLines) taxes += t.amount.amount
  }
  for (const d of order.discounts) discounts += d.amount.amount
  for (const s of order.shippingLines) {
    shipping += s.amount.amount
    for (const t of s.taxLines) taxes += t.amount.amount
  }
  const grand = subtotal - discounts + shipping + (order.taxesIncluded ? 0 : taxes)
  return {
    subtotal: m(subtotal),
    discountTotal: m(discounts),
    shippingTotal: m(shipping),
    taxTotal: m(taxes),
    grandTotal: m(grand),
  }
}

const allMoney = (order: OrderFields): Array<[ReadonlyArray<string | number>, MoneyType]> => {
  const out: Array<[ReadonlyArray<string | number>, MoneyType]> = []
  for (const [i, line] of order.lines.entries()) {
    out.push([["lines", i, "unitPrice"], line.unitPrice])
    for (const [j, d] of line.discounts.entries()) out.push([["lines", i, "discounts", j, "amount"], d.amount])
    for (const [j, t] of line.taxLines.entries()) out.push([["lines", i, "taxLines", j, "amount"], t.amount])
  }
  for (const [i, s] of order.shippingLines.entries()) {
    out.push([["shippingLines", i, "amount"], s.amount])
    for (const [j, t] of s.taxLines.entries()) out.push([["shippingLines", i, "taxLines", j, "amount"], t.amount])
  }
  for (const [i, d] of order.discounts.entries()) out.push([["discounts", i, "amount"], d.amount])
  for (const [i, p] of order.payments.entries()) out.push([["payments", i, "amount"], p.amount])
  for (const key of ["subtotal", "discountTotal", "shippingTotal", "taxTotal", "grandTotal"] as const) {
    out.push([["totals", key], order.totals[key]])
  }
  return out
}

const OrderFields = Schema.Struct({
  channel: Key.annotations({ description: "the sales channel the order came from: `shopify`, `amazon-de`, `store`" }),
  orderNumber: Key,
  customer: Schema.optional(CustomerRef),
  currency: CurrencyCode,
  taxesIncluded: Schema.Boolean,
  lines: Schema.NonEmptyArray(OrderLine),
  shippingLines: Schema.Array(ShippingLine),
  discounts: Schema.Array(Discount),
  totals: OrderTotals,
  paymentStatus: PaymentStatus,
  payments: Schema.Array(Payment),
  fulfillmentMethod: FulfillmentMethod,
  billingAddress: Schema.optional(Address),
  shippingAddress: Schema.optional(Address),
  placedAt: Instant,
  status: OrderStatus,
  note: Schema.optional(Schema.String),
  updatedAt: Instant,
})
type OrderFields = typeof OrderFields.Type

/**
 * An order. Natural key: channel + order number. Invariants: every amount is in the order's
 * currency, and the totals add up to the lines, shipping, discounts and taxes in minor units.
 */
export const Order = OrderFields.pipe(
  Schema.filter((order) => {
    for (const [path, amount] of allMoney(order)) {
      if (amount.currency !== order.currency) {
        return { path: [...path, "currency"], message: `must be the order's currency ${order.currency}` }
      }
    }
    const expected = computeTotals(order)
    for (const key of ["subtotal", "discountTotal", "shippingTotal", "taxTotal", "grandTotal"] as const) {
      if (order.totals[key].amount !== expected[key].amount) {
        return {
          path: ["totals", key, "amount"],
          message: `is ${order.totals[key].amount} but the lines add up to ${expected[key].amount}`,
        }
      }
    }
    return true
  }),
).annotations({ identifier: "Order" })
export type Order = typeof Order.Type
