/**
 * The eBay order as `getOrders`/`getOrder` return it (sell_fulfillment_v1_oas3.json `Order`),
 * with the fields the mapping uses. eBay omits absent containers rather than sending null.
 */
import { Schema } from "effect"
import { Amount } from "./common.ts"

export const EbayAddress = Schema.Struct({
  addressLine1: Schema.optional(Schema.String),
  addressLine2: Schema.optional(Schema.String),
  city: Schema.optional(Schema.String),
  countryCode: Schema.optional(Schema.String),
  county: Schema.optional(Schema.String),
  postalCode: Schema.optional(Schema.String),
  stateOrProvince: Schema.optional(Schema.String),
})
export type EbayAddress = typeof EbayAddress.Type

export const ExtendedContact = Schema.Struct({
  companyName: Schema.optional(Schema.String),
  contactAddress: Schema.optional(EbayAddress),
  email: Schema.optional(Schema.String),
  fullName: Schema.optional(Schema.String),
  primaryPhone: Schema.optional(Schema.Struct({ phoneNumber: Schema.optional(Schema.String) })),
})
export type ExtendedContact = typeof ExtendedContact.Type

export const FulfillmentStartInstruction = Schema.Struct({
  ebaySupportedFulfillment: Schema.optional(Schema.Boolean),
  fulfillmentInstructionsType: Schema.String,
  minEstimatedDeliveryDate: Schema.optional(Schema.String),
  maxEstimatedDeliveryDate: Schema.optional(Schema.String),
  pickupStep: Schema.optional(Schema.Struct({ merchantLocationKey: Schema.String })),
  shippingStep: Schema.optional(
    Schema.Struct({
      shippingCarrierCode: Schema.optional(Schema.String),
      shippingServiceCode: Schema.optional(Schema.String),
      shipTo: Schema.optional(ExtendedContact),
    }),
  ),
})
export type FulfillmentStartInstruction = typeof FulfillmentStartInstruction.Type

export const AppliedPromotion = Schema.Struct({
  description: Schema.optional(Schema.String),
  discountAmount: Amount,
  promotionId: Schema.optional(Schema.String),
})

export const EbayCollectAndRemitTax = Schema.Struct({
  amount: Amount,
  taxType: Schema.String,
  collectionMethod: Schema.optional(Schema.String),
})

export const LineItem = Schema.Struct({
  lineItemId: Schema.String,
  legacyItemId: Schema.optional(Schema.String),
  sku: Schema.optional(Schema.String),
  title: Schema.optional(Schema.String),
  quantity: Schema.Number,
  lineItemCost: Amount,
  discountedLineItemCost: Schema.optional(Amount),
  total: Schema.optional(Amount),
  appliedPromotions: Schema.Array(AppliedPromotion),
  deliveryCost: Schema.optional(
    Schema.Struct({ shippingCost: Schema.optional(Amount), discountAmount: Schema.optional(Amount) }),
  ),
  taxes: Schema.Array(Schema.Struct({ amount: Amount, taxType: Schema.optional(Schema.String) })),
  ebayCollectAndRemitTaxes: Schema.optional(Schema.Array(EbayCollectAndRemitTax)),
  lineItemFulfillmentStatus: Schema.String,
  listingMarketplaceId: Schema.optional(Schema.String),
  purchaseMarketplaceId: Schema.optional(Schema.String),
  soldFormat: Schema.optional(Schema.String),
  variationAspects: Schema.optional(Schema.Array(Schema.Struct({ name: Schema.String, value: Schema.String }))),
})
export type LineItem = typeof LineItem.Type

export const PricingSummary = Schema.Struct({
  priceSubtotal: Amount,
  priceDiscount: Schema.optional(Amount),
  deliveryCost: Schema.optional(Amount),
  deliveryDiscount: Schema.optional(Amount),
  tax: Schema.optional(Amount),
  adjustment: Schema.optional(Amount),
  fee: Schema.optional(Amount),
  total: Amount,
})

export const EbayPayment = Schema.Struct({
  amount: Amount,
  paymentDate: Schema.optional(Schema.String),
  paymentMethod: Schema.String,
  paymentReferenceId: Schema.optional(Schema.String),
  paymentStatus: Schema.String,
})

/** An order. `orderId` is eBay's order number (`12-34567-89012`). */
export const EbayOrder = Schema.Struct({
  orderId: Schema.String,
  legacyOrderId: Schema.optional(Schema.String),
  creationDate: Schema.String,
  lastModifiedDate: Schema.String,
  orderFulfillmentStatus: Schema.String,
  orderPaymentStatus: Schema.String,
  sellerId: Schema.optional(Schema.String),
  buyer: Schema.Struct({
    username: Schema.String,
    buyerRegistrationAddress: Schema.optional(ExtendedContact),
  }),
  buyerCheckoutNotes: Schema.optional(Schema.String),
  cancelStatus: Schema.optional(Schema.Struct({ cancelState: Schema.String })),
  ebayCollectAndRemitTax: Schema.optional(Schema.Boolean),
  fulfillmentStartInstructions: Schema.Array(FulfillmentStartInstruction),
  fulfillmentHrefs: Schema.optional(Schema.Array(Schema.String)),
  lineItems: Schema.Array(LineItem),
  pricingSummary: PricingSummary,
  paymentSummary: Schema.optional(
    Schema.Struct({ payments: Schema.Array(EbayPayment), totalDueSeller: Schema.optional(Amount) }),
  ),
  salesRecordReference: Schema.optional(Schema.String),
})
export type EbayOrder = typeof EbayOrder.Type

/** One page of `getOrders` (OrderSearchPagedCollection). */
export const OrderSearchPage = Schema.Struct({
  href: Schema.optional(Schema.String),
  limit: Schema.Number,
  offset: Schema.Number,
  next: Schema.optional(Schema.String),
  prev: Schema.optional(Schema.String),
  total: Schema.Number,
  orders: Schema.Array(EbayOrder),
})

/** A shipping fulfillment as `getShippingFulfillments` returns it. */
export const ShippingFulfillment = Schema.Struct({
  fulfillmentId: Schema.String,
  lineItems: Schema.Array(Schema.Struct({ lineItemId: Schema.String, quantity: Schema.optional(Schema.Number) })),
  shipmentTrackingNumber: Schema.optional(Schema.String),
  shippingCarrierCode: Schema.optional(Schema.String),
  shippedDate: Schema.optional(Schema.String),
})

export const ShippingFulfillmentPage = Schema.Struct({
  fulfillments: Schema.Array(ShippingFulfillment),
  total: Schema.optional(Schema.Number),
})
