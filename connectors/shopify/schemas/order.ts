/**
 * Orders as the Admin GraphQL API returns them
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/objects/Order). Amounts are `*Set.shopMoney`:
 * the shop's currency, whatever the buyer paid in.
 */
import { Schema } from "effect"
import { Gid, MoneyBag } from "./common.ts"

/** `MailingAddress`, as orders and customers carry it. */
export const MailingAddressNode = Schema.Struct({
  firstName: Schema.NullOr(Schema.String),
  lastName: Schema.NullOr(Schema.String),
  company: Schema.NullOr(Schema.String),
  address1: Schema.NullOr(Schema.String),
  address2: Schema.NullOr(Schema.String),
  city: Schema.NullOr(Schema.String),
  zip: Schema.NullOr(Schema.String),
  provinceCode: Schema.NullOr(Schema.String),
  countryCodeV2: Schema.NullOr(Schema.String),
  phone: Schema.NullOr(Schema.String),
})
export type MailingAddressNode = typeof MailingAddressNode.Type

export const TaxLineNode = Schema.Struct({
  title: Schema.String,
  /** A fraction, 0.19 for 19 %. */
  rate: Schema.NullOr(Schema.Number),
  priceSet: MoneyBag,
})

/**
 * A discount's share of a line. `discountApplication` is an interface: codes carry `code`,
 * manual, automatic and script discounts a `title` (selected through inline fragments).
 */
export const DiscountAllocationNode = Schema.Struct({
  allocatedAmountSet: MoneyBag,
  discountApplication: Schema.Struct({
    code: Schema.optional(Schema.String),
    title: Schema.optional(Schema.String),
  }),
})
export type DiscountAllocationNode = typeof DiscountAllocationNode.Type

export const LineItemNode = Schema.Struct({
  id: Schema.optional(Gid),
  sku: Schema.NullOr(Schema.String),
  title: Schema.String,
  quantity: Schema.Int,
  originalUnitPriceSet: MoneyBag,
  discountAllocations: Schema.Array(DiscountAllocationNode),
  taxLines: Schema.Array(TaxLineNode),
})
export type LineItemNode = typeof LineItemNode.Type

export const ShippingLineNode = Schema.Struct({
  title: Schema.String,
  code: Schema.NullOr(Schema.String),
  originalPriceSet: MoneyBag,
  discountAllocations: Schema.Array(DiscountAllocationNode),
  taxLines: Schema.Array(TaxLineNode),
})
export type ShippingLineNode = typeof ShippingLineNode.Type

export const DeliveryMethodType = Schema.Literal("SHIPPING", "PICK_UP", "NONE", "RETAIL", "LOCAL", "PICKUP_POINT")

export const FulfillmentOrderNode = Schema.Struct({
  deliveryMethod: Schema.NullOr(Schema.Struct({ methodType: DeliveryMethodType })),
  assignedLocation: Schema.Struct({
    location: Schema.NullOr(Schema.Struct({ id: Schema.optional(Gid), name: Schema.String })),
  }),
})
export type FulfillmentOrderNode = typeof FulfillmentOrderNode.Type

export const OrderTransactionKind = Schema.Literal(
  "SALE",
  "CAPTURE",
  "AUTHORIZATION",
  "VOID",
  "REFUND",
  "CHANGE",
  "EMV_AUTHORIZATION",
  "SUGGESTED_REFUND",
)
export const OrderTransactionStatus = Schema.Literal(
  "SUCCESS",
  "FAILURE",
  "PENDING",
  "ERROR",
  "AWAITING_RESPONSE",
  "UNKNOWN",
)

export const OrderTransactionNode = Schema.Struct({
  gateway: Schema.NullOr(Schema.String),
  kind: OrderTransactionKind,
  status: OrderTransactionStatus,
  processedAt: Schema.NullOr(Schema.String),
  amountSet: MoneyBag,
})
export type OrderTransactionNode = typeof OrderTransactionNode.Type

/** An order as the order mapping reads it. */
export const OrderRecord = Schema.Struct({
  id: Schema.optional(Gid),
  /** `#1001`: the shop's order name, prefix and suffix included. */
  name: Schema.String,
  email: Schema.NullOr(Schema.String),
  processedAt: Schema.String,
  updatedAt: Schema.String,
  cancelledAt: Schema.NullOr(Schema.String),
  closed: Schema.Boolean,
  currencyCode: Schema.String,
  taxesIncluded: Schema.Boolean,
  displayFinancialStatus: Schema.NullOr(Schema.String),
  displayFulfillmentStatus: Schema.String,
  note: Schema.NullOr(Schema.String),
  subtotalPriceSet: Schema.NullOr(MoneyBag),
  totalDiscountsSet: Schema.NullOr(MoneyBag),
  totalShippingPriceSet: MoneyBag,
  totalTaxSet: Schema.NullOr(MoneyBag),
  totalPriceSet: MoneyBag,
  lineItems: Schema.Struct({ nodes: Schema.Array(LineItemNode) }),
  shippingLines: Schema.Struct({ nodes: Schema.Array(ShippingLineNode) }),
  fulfillmentOrders: Schema.Struct({ nodes: Schema.Array(FulfillmentOrderNode) }),
  transactions: Schema.Array(OrderTransactionNode),
  billingAddress: Schema.NullOr(MailingAddressNode),
  shippingAddress: Schema.NullOr(MailingAddressNode),
})
export type OrderRecord = typeof OrderRecord.Type

/** An order as the orders stream yields it. */
export const OrderNode = Schema.Struct({ ...OrderRecord.fields, id: Gid })
export type OrderNode = typeof OrderNode.Type

/** An order on a page of the orders query: its first line items and whether there are more. */
export const OrderPageNode = Schema.Struct({
  ...OrderNode.fields,
  lineItems: Schema.Struct({
    nodes: Schema.Array(LineItemNode),
    pageInfo: Schema.Struct({ hasNextPage: Schema.Boolean, endCursor: Schema.NullOr(Schema.String) }),
  }),
})
export type OrderPageNode = typeof OrderPageNode.Type
