/**
 * The returns stream: refunds that took goods back (line items restocked with `restockType:
 * RETURN`), read through their orders (https://shopify.dev/docs/api/admin-graphql/2025-01/queries/orders,
 * `Order.refunds`), since refunds have no query of their own. Incremental on the order's
 * `updated_at`, which a refund moves; a refund sits at its order's position, ties broken by its id.
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorError, defineStream } from "../../../core/connector/index.ts"
import { toInstant } from "../../../core/model/index.ts"
import { clampPageSize, pageSizeWithinCost, type ShopifyContext } from "../client.ts"
import type { ShopifyConfig } from "../config.ts"
import { Connection, Gid } from "../schemas/common.ts"
import { RefundLineItemNode, RefundNode, type RefundRecord } from "../schemas/refund.ts"
import { connectionPages, nodesByIds, remainingNodes } from "./connection.ts"
import { comparePositions, isAfter, updatedSince } from "./position.ts"

const MONEY = "shopMoney { amount currencyCode }"
// `Order.refunds` is a list, cheap in query cost; a refund's line items are a connection whose
// page size multiplies each order's cost. Most refunds have a few lines: ten per page keeps a
// page at ~16 orders, and a refund with more gets the rest in follow-up pages of its own.
const REFUNDS_PER_ORDER = 50
const LINES_PER_REFUND = 10

const REFUND_LINE_FIELDS = `
fragment RefundLineFields on RefundLineItem {
  quantity
  restockType
  location { id name }
  lineItem { id sku }
  subtotalSet { ${MONEY} }
}`

const ORDER_REFUNDS = `
fragment OrderRefunds on Order {
  id
  name
  updatedAt
  refunds(first: ${REFUNDS_PER_ORDER}) {
    id
    createdAt
    updatedAt
    note
    totalRefundedSet { ${MONEY} }
    return { id name }
    refundLineItems(first: ${LINES_PER_REFUND}) { nodes { ...RefundLineFields } pageInfo { hasNextPage endCursor } }
  }
}
${REFUND_LINE_FIELDS}`

const REFUNDS_QUERY = `
query OrderRefundsPage($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ...OrderRefunds }
    pageInfo { hasNextPage endCursor }
  }
}
${ORDER_REFUNDS}`

const REFUND_LINES_QUERY = `
query RefundLineItemsPage($id: ID!, $first: Int!, $after: String) {
  node(id: $id) {
    ... on Refund { refundLineItems(first: $first, after: $after) { nodes { ...RefundLineFields } pageInfo { hasNextPage endCursor } } }
  }
}
${REFUND_LINE_FIELDS}`

const REFUNDS_BY_IDS_QUERY = `
query RefundsByIds($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on Refund {
      id
      createdAt
      updatedAt
      note
      totalRefundedSet { ${MONEY} }
      return { id name }
      refundLineItems(first: ${LINES_PER_REFUND}) { nodes { ...RefundLineFields } pageInfo { hasNextPage endCursor } }
      order { id name updatedAt }
    }
  }
}
${REFUND_LINE_FIELDS}`

const OrderRefunds = Schema.Struct({
  id: Gid,
  name: Schema.String,
  updatedAt: Schema.String,
  refunds: Schema.Array(RefundNode),
})
type OrderRefunds = typeof OrderRefunds.Type
const RefundsPage = Schema.Struct({ orders: Connection(OrderRefunds) })
const RefundLinesPage = Schema.Struct({
  node: Schema.NullOr(Schema.Struct({ refundLineItems: Schema.optional(Connection(RefundLineItemNode)) })),
})
const RefundWithOrder = Schema.Struct({
  ...RefundNode.fields,
  order: Schema.Struct({ id: Gid, name: Schema.String, updatedAt: Schema.String }),
})

const linesPerPage = pageSizeWithinCost(REFUND_LINES_QUERY, (first) => ({ id: "", first }), 250)

/** True for a refund that took goods back: at least one line restocked as a return. */
const isReturn = (refund: RefundNode): boolean => refund.refundLineItems.nodes.some((l) => l.restockType === "RETURN")

/** A refund with every line item: the first page it came with, and the rest fetched. */
const withAllLines = (
  ctx: ShopifyContext,
  refund: RefundNode,
  order: RefundRecord["order"],
): Effect.Effect<RefundRecord, ConnectorError> =>
  // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/node
  remainingNodes(ctx, refund.refundLineItems, {
    operation: "returns.refundLineItems",
    query: REFUND_LINES_QUERY,
    variables: (after) => ({ id: refund.id, first: linesPerPage, after }),
    data: RefundLinesPage,
    select: (data) => data.node?.refundLineItems ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
  }).pipe(Effect.map((lines) => ({ ...refund, refundLineItems: { nodes: lines }, order })))

/** Where a return sits: its order's `updatedAt`, ties broken by the refund's id. */
const positionOfRefund = (refund: RefundRecord) => ({ at: toInstant(refund.order.updatedAt), id: refund.id })

export const returnsStream = defineStream<ShopifyConfig, RefundRecord>({
  entity: "return",
  description: "Refunds with line items restocked as returns (store and online returns), by their order's updatedAt",
  incremental: true,
  idOf: (refund) => refund.id,
  positionOf: positionOfRefund,
  read: (ctx, { since, pageSize }) => {
    const query = updatedSince(since)
    const first = pageSizeWithinCost(REFUNDS_QUERY, (n) => ({ first: n, query }), clampPageSize(pageSize))
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/orders
    return connectionPages(ctx, {
      operation: "returns.list",
      query: REFUNDS_QUERY,
      variables: (after) => ({ first, after, query }),
      data: RefundsPage,
      select: (data) => data.orders,
    }).pipe(
      Stream.mapEffect((orders: ReadonlyArray<OrderRefunds>) =>
        Effect.forEach(
          orders.flatMap((order) =>
            order.refunds
              .filter(isReturn)
              .map((refund) => ({ refund, order: { id: order.id, name: order.name, updatedAt: order.updatedAt } })),
          ),
          ({ refund, order }) => withAllLines(ctx, refund, order),
        ).pipe(
          Effect.map((refunds) =>
            refunds
              .filter((refund) => isAfter(positionOfRefund(refund), since))
              .sort((a, b) => comparePositions(positionOfRefund(a), positionOfRefund(b))),
          ),
        ),
      ),
      Stream.filter((page) => page.length > 0),
    )
  },
  readByIds: (ctx, ids) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/nodes
    nodesByIds(ctx, {
      operation: "returns.byIds",
      query: REFUNDS_BY_IDS_QUERY,
      typename: "Refund",
      node: RefundWithOrder,
      ids,
    }).pipe(
      Effect.flatMap((refunds) =>
        Effect.forEach(refunds.filter(isReturn), (refund) => withAllLines(ctx, refund, refund.order)),
      ),
    ),
})
