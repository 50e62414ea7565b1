/**
 * Orders API v0 records (ordersV0.json: `Order`, `OrderItem`, `Address`, `BuyerInfo`), only the
 * fields the connector reads; Amazon's other fields pass through undecoded.
 */
import { Schema } from "effect"
import { AmazonMoney } from "./common.ts"

export const AmazonAddress = Schema.Struct({
  Name: Schema.optional(Schema.String),
  CompanyName: Schema.optional(Schema.String),
  AddressLine1: Schema.optional(Schema.String),
  AddressLine2: Schema.optional(Schema.String),
  AddressLine3: Schema.optional(Schema.String),
  City: Schema.optional(Schema.String),
  StateOrRegion: Schema.optional(Schema.String),
  PostalCode: Schema.optional(Schema.String),
  CountryCode: Schema.optional(Schema.String),
  Phone: Schema.optional(Schema.String),
})
export type AmazonAddress = typeof AmazonAddress.Type

export const OrderStatus = Schema.Literal(
  "Pending",
  "Unshipped",
  "PartiallyShipped",
  "Shipped",
  "Canceled",
  "Unfulfillable",
  "InvoiceUnconfirmed",
  "PendingAvailability",
)

/** `Order` as getOrders returns it. */
export const AmazonOrder = Schema.Struct({
  AmazonOrderId: Schema.String,
  SellerOrderId: Schema.optional(Schema.String),
  PurchaseDate: Schema.String,
  LastUpdateDate: Schema.String,
  OrderStatus,
  FulfillmentChannel: Schema.optional(Schema.Literal("MFN", "AFN")),
  SalesChannel: Schema.optional(Schema.String),
  ShipServiceLevel: Schema.optional(Schema.String),
  OrderTotal: Schema.optional(AmazonMoney),
  NumberOfItemsShipped: Schema.optional(Schema.Int),
  NumberOfItemsUnshipped: Schema.optional(Schema.Int),
  PaymentMethod: Schema.optional(Schema.String),
  MarketplaceId: Schema.optional(Schema.String),
  IsBusinessOrder: Schema.optional(Schema.Boolean),
  IsPrime: Schema.optional(Schema.Boolean),
  ShippingAddress: Schema.optional(AmazonAddress),
  BuyerInfo: Schema.optional(
    Schema.Struct({
      BuyerEmail: Schema.optional(Schema.String),
      BuyerName: Schema.optional(Schema.String),
    }),
  ),
})
export type AmazonOrder = typeof AmazonOrder.Type

/** `OrderItem` as getOrderItems returns it. Prices are for the whole quantity, not per unit. */
export const AmazonOrderItem = Schema.Struct({
  ASIN: Schema.String,
  SellerSKU: Schema.optional(Schema.String),
  OrderItemId: Schema.String,
  Title: Schema.optional(Schema.String),
  QuantityOrdered: Schema.Int,
  QuantityShipped: Schema.optional(Schema.Int),
  ItemPrice: Schema.optional(AmazonMoney),
  ShippingPrice: Schema.optional(AmazonMoney),
  ItemTax: Schema.optional(AmazonMoney),
  ShippingTax: Schema.optional(AmazonMoney),
  ShippingDiscount: Schema.optional(AmazonMoney),
  ShippingDiscountTax: Schema.optional(AmazonMoney),
  PromotionDiscount: Schema.optional(AmazonMoney),
  PromotionDiscountTax: Schema.optional(AmazonMoney),
  PromotionIds: Schema.optional(Schema.Array(Schema.String)),
})
export type AmazonOrderItem = typeof AmazonOrderItem.Type

/** What the orders stream yields: an order with all its items (getOrders + getOrderItems). */
export const AmazonOrderWithItems = Schema.Struct({
  order: AmazonOrder,
  items: Schema.Array(AmazonOrderItem),
})
export type AmazonOrderWithItems = typeof AmazonOrderWithItems.Type

/** `GetOrdersResponse`. */
export const GetOrdersResponse = Schema.Struct({
  payload: Schema.Struct({
    Orders: Schema.Array(AmazonOrder),
    NextToken: Schema.optional(Schema.String),
    LastUpdatedBefore: Schema.optional(Schema.String),
    CreatedBefore: Schema.optional(Schema.String),
  }),
})

/** `GetOrderItemsResponse`. */
export const GetOrderItemsResponse = Schema.Struct({
  payload: Schema.Struct({
    AmazonOrderId: Schema.String,
    OrderItems: Schema.Array(AmazonOrderItem),
    NextToken: Schema.optional(Schema.String),
  }),
})

/** `ConfirmShipmentRequest` (POST /orders/v0/orders/{orderId}/shipmentConfirmation). */
export const ConfirmShipmentRequest = Schema.Struct({
  marketplaceId: Schema.String,
  packageDetail: Schema.Struct({
    packageReferenceId: Schema.String,
    carrierCode: Schema.String,
    carrierName: Schema.optional(Schema.String),
    shippingMethod: Schema.optional(Schema.String),
    trackingNumber: Schema.String,
    shipDate: Schema.String,
    shipFromSupplySourceId: Schema.optional(Schema.String),
    orderItems: Schema.Array(
      Schema.Struct({
        orderItemId: Schema.String,
        quantity: Schema.Int,
        transparencyCodes: Schema.optional(Schema.Array(Schema.String)),
      }),
    ),
  }),
  codCollectionMethod: Schema.optional(Schema.Literal("DirectPayment")),
})
export type ConfirmShipmentRequest = typeof ConfirmShipmentRequest.Type
