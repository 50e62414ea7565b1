/**
 * SP-API notifications do not come over HTTP: Amazon puts them on an SQS queue or an EventBridge
 * bus. Whoever consumes that queue can turn an `ORDER_CHANGE` notification
 * (schemas/notifications/OrderChangeNotification.json) into the order ids to re-read with the
 * orders stream's `readByIds`.
 */
import { Either, Schema } from "effect"

const OrderChangeNotification = Schema.Struct({
  NotificationType: Schema.Literal("ORDER_CHANGE"),
  EventTime: Schema.String,
  Payload: Schema.Struct({
    OrderChangeNotification: Schema.Struct({
      SellerId: Schema.String,
      AmazonOrderId: Schema.String,
      OrderChangeType: Schema.String,
      Summary: Schema.Struct({ MarketplaceId: Schema.String, OrderStatus: Schema.String }),
    }),
  }),
  NotificationMetadata: Schema.Struct({ NotificationId: Schema.String }),
})

/** What an order change says: which order of which seller and marketplace changed, and when. */
export interface OrderChange {
  readonly notificationId: string
  readonly sellerId: string
  readonly marketplaceId: string
  readonly amazonOrderId: string
  readonly orderStatus: string
  readonly changeType: string
  readonly eventTime: string
}

/** Reads an `ORDER_CHANGE` notification (the SQS message body), or undefined when it is not one. */
export const parseOrderChangeNotification = (body: string): OrderChange | undefined => {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return undefined
  }
  const decoded = Schema.decodeUnknownEither(OrderChangeNotification)(json)
  if (Either.isLeft(decoded)) return undefined
  const { Payload, EventTime, NotificationMetadata } = decoded.right
  const change = Payload.OrderChangeNotification
  return {
    notificationId: NotificationMetadata.NotificationId,
    sellerId: change.SellerId,
    marketplaceId: change.Summary.MarketplaceId,
    amazonOrderId: change.AmazonOrderId,
    orderStatus: change.Summary.OrderStatus,
    changeType: change.OrderChangeType,
    eventTime: EventTime,
  }
}
