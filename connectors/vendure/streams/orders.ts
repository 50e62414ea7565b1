/**
 * The orders stream: placed orders (not drafts, not carts), in the order of the later of
 * `updatedAt` and `orderPlacedAt` (see position.ts), which Vendure cannot sort by. So a read
 * first lists the matching orders' ids and timestamps only, sorts them here, then fetches the
 * full orders a page at a time in that order
 * (https://docs.vendure.io/reference/graphql-api/admin/queries#orders).
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorError, defineStream, type StreamCursor } from "../../../core/connector/index.ts"
import { offsetPages } from "../../../core/http/index.ts"
import { asVendorError, chunksOf, clampPageSize, MAX_TAKE, type VendureContext, vendureRequest } from "../client.ts"
import type { VendureConfig } from "../config.ts"
import { PaginatedList, VendureId } from "../schemas/common.ts"
import { ORDER_FIELDS, OrderRecord } from "../schemas/order.ts"
import { comparePositions, isAfter, orderPosition, windowStart } from "./position.ts"

const ORDER_INDEX_QUERY = `
query OrderIndex($filter: OrderFilterParameter!, $skip: Int!, $take: Int!) {
  orders(options: { filter: $filter, sort: { id: ASC }, skip: $skip, take: $take }) {
    totalItems
    items { id updatedAt orderPlacedAt }
  }
}`

const ORDERS_BY_IDS_QUERY = `
query OrdersByIds($ids: [String!]!, $take: Int!) {
  orders(options: { filter: { id: { in: $ids } }, take: $take }) {
    totalItems
    items { ...OrderFields }
  }
}
${ORDER_FIELDS}`

const OrderIndex = Schema.Struct({
  orders: PaginatedList(
    Schema.Struct({ id: VendureId, updatedAt: Schema.String, orderPlacedAt: Schema.NullOr(Schema.String) }),
  ),
})
const OrdersByIds = Schema.Struct({ orders: PaginatedList(OrderRecord) })

/** Placed orders only: a cart or draft is `active` or has no `orderPlacedAt`. */
const placedSince = (since: StreamCursor | undefined): Record<string, unknown> => {
  const placed = { active: { eq: false }, orderPlacedAt: { isNull: false } }
  if (since === undefined) return placed
  const after = windowStart(since)
  return { ...placed, _or: [{ updatedAt: { after } }, { orderPlacedAt: { after } }] }
}

/** The positions of the placed orders in the window, in stream order. */
const orderIndex = (ctx: VendureContext, since: StreamCursor | undefined) =>
  offsetPages({
    pageSize: MAX_TAKE,
    system: ctx.system,
    operation: "orders.index",
    fetch: (skip, take) =>
      asVendorError(
        vendureRequest(ctx, {
          operation: "orders.index",
          query: ORDER_INDEX_QUERY,
          variables: { filter: placedSince(since), skip, take },
          data: OrderIndex,
        }),
      ).pipe(Effect.map((data) => data.orders.items)),
  }).pipe(
    Stream.runCollect,
    Effect.map((pages) =>
      [...pages]
        .flat()
        .map(orderPosition)
        .filter((position) => isAfter(position, since))
        .sort(comparePositions),
    ),
  )

/** The full orders with these ids, in the order of `ids`; unknown ids are left out. */
export const ordersByIds = (
  ctx: VendureContext,
  ids: ReadonlyArray<string>,
): Effect.Effect<ReadonlyArray<OrderRecord>, ConnectorError> =>
  Effect.forEach(chunksOf([...new Set(ids)], MAX_TAKE), (chunk) =>
    asVendorError(
      vendureRequest(ctx, {
        operation: "orders.byIds",
        query: ORDERS_BY_IDS_QUERY,
        variables: { ids: chunk, take: chunk.length },
        data: OrdersByIds,
      }),
    ).pipe(
      Effect.map(({ orders }) => {
        const byId = new Map(orders.items.map((order) => [order.id, order]))
        return chunk.flatMap((id) => {
          const order = byId.get(id)
          return order === undefined ? [] : [order]
        })
      }),
    ),
  ).pipe(Effect.map((chunks) => chunks.flat()))

export const ordersStream = defineStream<VendureConfig, OrderRecord>({
  entity: "order",
  description: "Placed orders with lines, totals, addresses and payments, by placement or update",
  incremental: true,
  idOf: (order) => order.id,
  positionOf: orderPosition,
  read: (ctx, { since, pageSize }) =>
    Stream.fromEffect(orderIndex(ctx, since)).pipe(
      Stream.flatMap((positions) => Stream.fromIterable(chunksOf(positions, clampPageSize(pageSize)))),
      Stream.mapEffect((page) =>
        ordersByIds(
          ctx,
          page.map((p) => p.id),
        ),
      ),
      Stream.filter((page) => page.length > 0),
    ),
  readByIds: ordersByIds,
})
