/**
 * The orders stream, in (date_modified, id) order
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders):
 * `orderby=modified&order=asc`, incremental through `modified_after` with `dates_are_gmt`.
 */
import { Effect, Schema, Stream } from "effect"
import { defineStream } from "../../../core/connector/index.ts"
import { chunksOf, clampPerPage, collectionPages, MAX_PER_PAGE, wooRequest } from "../client.ts"
import type { WooCommerceConfig } from "../config.ts"
import { WooOrder } from "../schemas/order.ts"
import { comparePositions, isAfter, modifiedAfter, positionAt } from "./position.ts"

const positionOf = (order: WooOrder) => positionAt(order.date_modified_gmt, order.id)

export const ordersStream = defineStream<WooCommerceConfig, WooOrder>({
  entity: "order",
  description: "Orders with line items, taxes, coupons and shipping lines, ordered by date_modified",
  incremental: true,
  idOf: (order) => String(order.id),
  positionOf,
  read: (ctx, { since, pageSize }) =>
    collectionPages(ctx, {
      operation: "orders.list",
      path: "orders",
      query: {
        per_page: clampPerPage(pageSize),
        orderby: "modified",
        order: "asc",
        ...(since === undefined ? {} : { modified_after: modifiedAfter(since), dates_are_gmt: true }),
      },
      item: WooOrder,
    }).pipe(
      // WooCommerce does not promise an order among orders modified in the same second.
      Stream.map((page) =>
        page
          .filter((order) => isAfter(positionOf(order), since))
          .sort((a, b) => comparePositions(positionOf(a), positionOf(b))),
      ),
      Stream.filter((page) => page.length > 0),
    ),
  readByIds: (ctx, ids) =>
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders (`include`)
    Effect.forEach(chunksOf(ids, MAX_PER_PAGE), (chunk) =>
      wooRequest(
        ctx,
        "orders.byIds",
        { method: "GET", path: "orders", query: { include: chunk.join(","), per_page: MAX_PER_PAGE } },
        Schema.Array(WooOrder),
      ),
    ).pipe(Effect.map((pages) => pages.flat())),
})
