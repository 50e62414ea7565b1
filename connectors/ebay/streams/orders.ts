/**
 * `orders` → canonical order: `getOrders` with `filter=lastmodifieddate:[<since>..]`, paged by
 * `offset`/`limit` (at most 200). eBay does not sort by modification date, so a read collects
 * the window and yields it in (lastModifiedDate, orderId) order. Without a cursor eBay returns
 * the orders created in the last 90 days. `readByIds` uses `orderIds` (at most 50 per call).
 * https://developer.ebay.com/api-docs/sell/fulfillment/resources/order/methods/getOrders
 */
import { Chunk, Effect, Stream } from "effect"
import { defineStream } from "../../../core/connector/index.ts"
import { offsetPages } from "../../../core/http/index.ts"
import { chunksOf, ebayRequest } from "../client.ts"
import type { EbayConfig } from "../config.ts"
import { type EbayOrder, OrderSearchPage } from "../schemas/order.ts"
import { comparePositionsOf } from "./position.ts"

/** getOrders' largest page. */
export const MAX_ORDER_PAGE = 200
/** getOrders' most order ids per call. */
export const MAX_ORDER_IDS = 50

const positionOf = (order: EbayOrder) => ({ at: new Date(order.lastModifiedDate).toISOString(), id: order.orderId })

export const ordersStream = defineStream<EbayConfig, EbayOrder>({
  entity: "order",
  description: "orders of the marketplace (getOrders), incremental by lastModifiedDate",
  incremental: true,
  idOf: (order) => order.orderId,
  positionOf,
  read: (ctx, options) => {
    const pageSize = Math.max(1, Math.min(MAX_ORDER_PAGE, Math.floor(options.pageSize ?? MAX_ORDER_PAGE)))
    const since = options.since === undefined ? undefined : new Date(options.since.at).toISOString()
    const pages = offsetPages({
      system: ctx.system,
      operation: "fulfillment.getOrders",
      pageSize,
      fetch: (offset, limit) =>
        ebayRequest(ctx, {
          operation: "fulfillment.getOrders",
          api: "fulfillment",
          method: "GET",
          path: "/order",
          query: {
            ...(since === undefined ? {} : { filter: `lastmodifieddate:[${since}..]` }),
            limit: String(limit),
            offset: String(offset),
          },
          answer: OrderSearchPage,
        }).pipe(Effect.map((page) => page.orders)),
    })
    return Stream.unwrap(
      Stream.runCollect(pages).pipe(
        Effect.map((collected) => {
          // An order modified while we paged can appear on two pages; keep its latest copy.
          const byId = new Map<string, EbayOrder>()
          for (const order of Chunk.toReadonlyArray(collected).flat()) byId.set(order.orderId, order)
          const orders = [...byId.values()].sort(comparePositionsOf(positionOf))
          return Stream.fromIterable(chunksOf(orders, pageSize))
        }),
      ),
    )
  },
  readByIds: (ctx, ids) =>
    Effect.forEach(chunksOf(ids, MAX_ORDER_IDS), (chunk) =>
      ebayRequest(ctx, {
        operation: "fulfillment.getOrders",
        api: "fulfillment",
        method: "GET",
        path: "/order",
        query: { orderIds: chunk.join(",") },
        answer: OrderSearchPage,
      }).pipe(Effect.map((page) => page.orders)),
    ).pipe(Effect.map((pages) => pages.flat())),
})
