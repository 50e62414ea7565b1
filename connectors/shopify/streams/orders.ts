/**
 * The orders stream, in (updatedAt, id) order
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/queries/orders). A page asks for each
 * order's first 10 lines; an order with more gets the rest in follow-up pages of its own.
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorError, defineStream } from "../../../core/connector/index.ts"
import { clampPageSize, pageSizeWithinCost, type ShopifyContext } from "../client.ts"
import type { ShopifyConfig } from "../config.ts"
import { Connection } from "../schemas/common.ts"
import { LineItemNode, type OrderNode, OrderPageNode } from "../schemas/order.ts"
import { connectionPages, nodesByIds, remainingNodes } from "./connection.ts"
import { isAfter, positionOf, updatedSince } from "./position.ts"

const MONEY = "shopMoney { amount currencyCode }"
const TAX_LINES = `taxLines { title rate priceSet { ${MONEY} } }`
const DISCOUNT_ALLOCATIONS = `discountAllocations {
  allocatedAmountSet { ${MONEY} }
  discountApplication {
    ... on DiscountCodeApplication { code }
    ... on ManualDiscountApplication { title }
    ... on AutomaticDiscountApplication { title }
    ... on ScriptDiscountApplication { title }
  }
}`
const ADDRESS = "firstName lastName company address1 address2 city zip provinceCode countryCodeV2 phone"

const LINE_ITEM_FIELDS = `
fragment LineItemFields on LineItem {
  id
  sku
  title
  quantity
  originalUnitPriceSet { ${MONEY} }
  ${DISCOUNT_ALLOCATIONS}
  ${TAX_LINES}
}`

/** Every order field the order mapping reads. */
export const ORDER_FIELDS = `
fragment OrderFields on Order {
  id
  name
  email
  processedAt
  updatedAt
  cancelledAt
  closed
  currencyCode
  taxesIncluded
  displayFinancialStatus
  displayFulfillmentStatus
  note
  subtotalPriceSet { ${MONEY} }
  totalDiscountsSet { ${MONEY} }
  totalShippingPriceSet { ${MONEY} }
  totalTaxSet { ${MONEY} }
  totalPriceSet { ${MONEY} }
  lineItems(first: 10) { nodes { ...LineItemFields } pageInfo { hasNextPage endCursor } }
  shippingLines(first: 5) {
    nodes { title code originalPriceSet { ${MONEY} } ${DISCOUNT_ALLOCATIONS} ${TAX_LINES} }
  }
  fulfillmentOrders(first: 5) {
    nodes { deliveryMethod { methodType } assignedLocation { location { id name } } }
  }
  transactions(first: 20) { gateway kind status processedAt amountSet { ${MONEY} } }
  billingAddress { ${ADDRESS} }
  shippingAddress { ${ADDRESS} }
}
${LINE_ITEM_FIELDS}`

const ORDERS_QUERY = `
query OrdersPage($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ...OrderFields }
    pageInfo { hasNextPage endCursor }
  }
}
${ORDER_FIELDS}`

const LINE_ITEMS_QUERY = `
query OrderLineItemsPage($id: ID!, $first: Int!, $after: String) {
  order(id: $id) {
    lineItems(first: $first, after: $after) { nodes { ...LineItemFields } pageInfo { hasNextPage endCursor } }
  }
}
${LINE_ITEM_FIELDS}`

const ORDERS_BY_IDS_QUERY = `
query OrdersByIds($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on Order { ...OrderFields } }
}
${ORDER_FIELDS}`

const OrdersPage = Schema.Struct({ orders: Connection(OrderPageNode) })
const LineItemsPage = Schema.Struct({
  order: Schema.NullOr(Schema.Struct({ lineItems: Connection(LineItemNode) })),
})

const linesPerPage = pageSizeWithinCost(LINE_ITEMS_QUERY, (first) => ({ id: "", first }), 250)

/** An order with every line: the first page it came with, and the rest fetched. */
const withAllLines = (ctx: ShopifyContext, order: OrderPageNode): Effect.Effect<OrderNode, ConnectorError> =>
  // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/order
  remainingNodes(ctx, order.lineItems, {
    operation: "orders.lineItems",
    query: LINE_ITEMS_QUERY,
    variables: (after) => ({ id: order.id, first: linesPerPage, after }),
    data: LineItemsPage,
    select: (data) => data.order?.lineItems ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
  }).pipe(Effect.map((lines) => ({ ...order, lineItems: { nodes: lines } })))

export const ordersStream = defineStream<ShopifyConfig, OrderNode>({
  entity: "order",
  description: "Orders with all lines, ordered by updatedAt",
  incremental: true,
  idOf: (order) => order.id,
  positionOf,
  read: (ctx, { since, pageSize }) => {
    const query = updatedSince(since)
    const first = pageSizeWithinCost(ORDERS_QUERY, (n) => ({ first: n, query }), clampPageSize(pageSize))
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/orders
    return connectionPages(ctx, {
      operation: "orders.list",
      query: ORDERS_QUERY,
      variables: (after) => ({ first, after, query }),
      data: OrdersPage,
      select: (data) => data.orders,
    }).pipe(
      Stream.mapEffect((page) =>
        Effect.forEach(
          page.filter((order) => isAfter(positionOf(order), since)),
          (order) => withAllLines(ctx, order),
        ),
      ),
      Stream.filter((page) => page.length > 0),
    )
  },
  readByIds: (ctx, ids) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/nodes
    nodesByIds(ctx, {
      operation: "orders.byIds",
      query: ORDERS_BY_IDS_QUERY,
      typename: "Order",
      node: OrderPageNode,
      ids,
    }).pipe(Effect.flatMap((orders) => Effect.forEach(orders, (order) => withAllLines(ctx, order)))),
})
