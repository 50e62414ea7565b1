/**
 * The orders stream: getOrders by `LastUpdatedAfter` with `NextToken` paging, then each order's
 * items (getOrderItems, its own usage plan, paged by `NextToken` too). Each page is yielded in
 * (LastUpdateDate, AmazonOrderId) order.
 */
import { Effect, Option, Stream } from "effect"
import { type ConnectorError, defineStream } from "../../../core/connector/index.ts"
import { paginate } from "../../../core/http/index.ts"
import { type AmazonContext, callAs } from "../client.ts"
import type { AmazonConfig } from "../config.ts"
import {
  type AmazonOrder,
  type AmazonOrderItem,
  type AmazonOrderWithItems,
  GetOrderItemsResponse,
  GetOrdersResponse,
} from "../schemas/order.ts"
import { byPosition, positionAt } from "./position.ts"

/** Where a full read starts: getOrders needs `CreatedAfter` or `LastUpdatedAfter`. */
export const FULL_READ_FROM = "2020-01-01T00:00:00Z"

/** Every item of one order. */
export const orderItemsOf = (
  ctx: AmazonContext,
  amazonOrderId: string,
): Effect.Effect<ReadonlyArray<AmazonOrderItem>, ConnectorError> =>
  paginate(
    Option.none<string>(),
    (nextToken) =>
      // https://developer-docs.amazon.com/sp-api/docs/orders-api-v0-reference#getorderitems
      callAs(
        ctx,
        "getOrderItems",
        {
          method: "GET",
          path: `orders/v0/orders/${encodeURIComponent(amazonOrderId)}/orderItems`,
          query: { NextToken: Option.getOrUndefined(nextToken) },
        },
        GetOrderItemsResponse,
      ).pipe(
        Effect.map(({ payload }) => ({
          items: payload.OrderItems,
          next: payload.NextToken === undefined ? Option.none() : Option.some(Option.some(payload.NextToken)),
        })),
      ),
    { system: ctx.system, operation: "getOrderItems" },
  ).pipe(
    Stream.runCollect,
    Effect.map((pages) => [...pages].flat()),
  )

const withItems = (ctx: AmazonContext, orders: ReadonlyArray<AmazonOrder>) =>
  Effect.forEach(orders, (order) =>
    orderItemsOf(ctx, order.AmazonOrderId).pipe(Effect.map((items): AmazonOrderWithItems => ({ order, items }))),
  )

const positionOf = (raw: AmazonOrderWithItems) => positionAt(raw.order.LastUpdateDate, raw.order.AmazonOrderId)

export const ordersStream = defineStream<AmazonConfig, AmazonOrderWithItems>({
  entity: "order",
  description: "Orders of the marketplace with their items, by LastUpdateDate",
  incremental: true,
  idOf: (raw) => raw.order.AmazonOrderId,
  positionOf,
  read: (ctx, { since, pageSize }) => {
    const { config } = ctx
    const filters = {
      MarketplaceIds: config.marketplaceId,
      LastUpdatedAfter: since?.at ?? FULL_READ_FROM,
      MaxResultsPerPage: Math.min(100, Math.max(1, pageSize ?? config.pageSize)),
      FulfillmentChannels: config.fulfillmentChannels?.join(","),
    }
    return paginate(
      Option.none<string>(),
      (nextToken) =>
        // https://developer-docs.amazon.com/sp-api/docs/orders-api-v0-reference#getorders
        callAs(
          ctx,
          "getOrders",
          {
            method: "GET",
            path: "orders/v0/orders",
            query: { ...filters, NextToken: Option.getOrUndefined(nextToken) },
          },
          GetOrdersResponse,
        ).pipe(
          Effect.map(({ payload }) => ({
            items: payload.Orders,
            next: payload.NextToken === undefined ? Option.none() : Option.some(Option.some(payload.NextToken)),
          })),
        ),
      { system: ctx.system, operation: "getOrders" },
    ).pipe(
      Stream.mapEffect((orders) => withItems(ctx, orders)),
      Stream.map((page) => [...page].sort((a, b) => byPosition(positionOf(a), positionOf(b)))),
    )
  },
  readByIds: (ctx, ids) =>
    Effect.gen(function* () {
      const orders: Array<AmazonOrder> = []
      // getOrders takes up to 50 AmazonOrderIds at once.
      for (let start = 0; start < ids.length; start += 50) {
        const chunk = ids.slice(start, start + 50)
        // https://developer-docs.amazon.com/sp-api/docs/orders-api-v0-reference#getorders
        const { payload } = yield* callAs(
          ctx,
          "getOrders",
          {
            method: "GET",
            path: "orders/v0/orders",
            query: { MarketplaceIds: ctx.config.marketplaceId, AmazonOrderIds: chunk.join(",") },
          },
          GetOrdersResponse,
        )
        orders.push(...payload.Orders)
      }
      return yield* withItems(ctx, orders)
    }),
})
