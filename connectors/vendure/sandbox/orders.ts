/**
 * Orders, customers and fulfilments as Vendure's Admin API serves and changes them: the queries
 * `orders`, `order`, `customers`; the mutations `addFulfillmentToOrder` (manual handler) and
 * `transitionFulfillmentToState` with Vendure's default fulfilment process and its ErrorResults.
 * Stock leaves with a shipment as in Vendure: on hand and allocated both drop.
 */
import type { CustomerRecord } from "../schemas/customer.ts"
import { type Args, entityNotFound, isRecord, type Resolver, type SandboxContext, timestamp } from "./context.ts"
import { listOf } from "./listQuery.ts"
import { nextId, type SandboxFulfillment, type SandboxOrder } from "./state.ts"

const orderFields = {
  id: (o: SandboxOrder) => o.id,
  code: (o: SandboxOrder) => o.code,
  state: (o: SandboxOrder) => o.state,
  active: (o: SandboxOrder) => o.active,
  createdAt: (o: SandboxOrder) => o.createdAt,
  updatedAt: (o: SandboxOrder) => o.updatedAt,
  orderPlacedAt: (o: SandboxOrder) => o.orderPlacedAt,
  currencyCode: (o: SandboxOrder) => o.currencyCode,
  totalWithTax: (o: SandboxOrder) => o.totalWithTax,
}

const customerFields = {
  id: (c: CustomerRecord) => c.id,
  emailAddress: (c: CustomerRecord) => c.emailAddress,
  firstName: (c: CustomerRecord) => c.firstName,
  lastName: (c: CustomerRecord) => c.lastName,
  createdAt: (c: CustomerRecord) => c.createdAt,
  updatedAt: (c: CustomerRecord) => c.updatedAt,
}

// Vendure's default fulfilment process (config/fulfillment/default-fulfillment-process).
const TRANSITIONS: Readonly<Record<string, ReadonlyArray<string>>> = {
  Created: ["Pending"],
  Pending: ["Shipped", "Delivered", "Cancelled"],
  Shipped: ["Delivered", "Cancelled"],
  Delivered: ["Cancelled"],
  Cancelled: [],
}

const errorResult = (typename: string, errorCode: string, message: string, extra: Record<string, unknown> = {}) => ({
  __typename: typename,
  errorCode,
  message,
  ...extra,
})

const fulfilledQuantity = (order: SandboxOrder, lineId: string): number =>
  order.fulfillments
    .filter((f) => f.state !== "Cancelled")
    .flatMap((f) => f.lines)
    .filter((l) => l.orderLineId === lineId)
    .reduce((sum, l) => sum + l.quantity, 0)

/** The order state Vendure derives from its fulfilments. */
const orderStateAfter = (order: SandboxOrder): string => {
  const live = order.fulfillments.filter((f) => f.state !== "Cancelled")
  const all = order.lines.every((line) => fulfilledQuantity(order, line.id) >= line.quantity)
  const delivered = live.length > 0 && live.every((f) => f.state === "Delivered")
  const shipped = live.length > 0 && live.every((f) => f.state === "Shipped" || f.state === "Delivered")
  if (delivered) return all ? "Delivered" : "PartiallyDelivered"
  if (shipped) return all ? "Shipped" : "PartiallyShipped"
  return order.state
}

const moveStock = (ctx: SandboxContext, order: SandboxOrder, fulfillment: SandboxFulfillment, sign: 1 | -1) => {
  for (const line of fulfillment.lines) {
    const orderLine = order.lines.find((l) => l.id === line.orderLineId)
    const variant = ctx.state.variants.find((v) => v.id === orderLine?.productVariant.id)
    if (variant === undefined) continue
    variant.stockOnHand += sign * line.quantity
    variant.stockAllocated = Math.max(0, variant.stockAllocated + sign * line.quantity)
  }
}

const addFulfillmentToOrder: Resolver = (_source, args: Args, ctx) => {
  const input = isRecord(args.input) ? args.input : {}
  const lines = (Array.isArray(input.lines) ? input.lines.filter(isRecord) : []).map((l) => ({
    orderLineId: String(l.orderLineId),
    quantity: typeof l.quantity === "number" ? l.quantity : 0,
  }))
  if (lines.length === 0 || lines.reduce((sum, l) => sum + l.quantity, 0) === 0) {
    return errorResult(
      "EmptyOrderLineSelectionError",
      "EMPTY_ORDER_LINE_SELECTION_ERROR",
      "At least one OrderLine must be specified",
    )
  }
  const handler = isRecord(input.handler) ? input.handler : {}
  const order = ctx.state.orders.find((o) => o.lines.some((l) => l.id === lines[0]?.orderLineId))
  const exceeds =
    order === undefined ||
    lines.some((l) => {
      const line = order.lines.find((x) => x.id === l.orderLineId)
      return line === undefined || fulfilledQuantity(order, line.id) + l.quantity > line.quantity
    })
  if (order === undefined || exceeds) {
    return errorResult(
      "ItemsAlreadyFulfilledError",
      "ITEMS_ALREADY_FULFILLED_ERROR",
      "One or more OrderItems are already part of a Fulfillment",
    )
  }
  if (handler.code !== "manual-fulfillment") {
    // Vendure 3.7 answers this one with its untranslated message key.
    return errorResult(
      "InvalidFulfillmentHandlerError",
      "INVALID_FULFILLMENT_HANDLER_ERROR",
      "errorResult.INVALID_FULFILLMENT_HANDLER_ERROR",
    )
  }
  const argument = (name: string): string => {
    const found = (Array.isArray(handler.arguments) ? handler.arguments.filter(isRecord) : []).find(
      (a) => a.name === name,
    )
    return typeof found?.value === "string" ? found.value : ""
  }
  const at = timestamp(ctx.now)
  const fulfillment: SandboxFulfillment = {
    id: nextId(ctx.state, "fulfillment"),
    state: "Pending",
    method: argument("method"),
    trackingCode: argument("trackingCode"),
    lines,
    createdAt: at,
    updatedAt: at,
  }
  order.fulfillments.push(fulfillment)
  return { __typename: "Fulfillment", ...fulfillment }
}

const transitionFulfillmentToState: Resolver = (_source, args, ctx) => {
  const id = String(args.id)
  const order = ctx.state.orders.find((o) => o.fulfillments.some((f) => f.id === id))
  const fulfillment = order?.fulfillments.find((f) => f.id === id)
  if (order === undefined || fulfillment === undefined) {
    throw entityNotFound("Fulfillment", id)
  }
  const to = String(args.state)
  if (!(TRANSITIONS[fulfillment.state] ?? []).includes(to)) {
    const text = `Cannot transition Fulfillment from "${fulfillment.state}" to "${to}"`
    return errorResult(
      "FulfillmentStateTransitionError",
      "FULFILLMENT_STATE_TRANSITION_ERROR",
      "errorResult.FULFILLMENT_STATE_TRANSITION_ERROR",
      {
        transitionError: text,
        fromState: fulfillment.state,
        toState: to,
      },
    )
  }
  const wasShipped = fulfillment.state === "Shipped" || fulfillment.state === "Delivered"
  const isShipped = to === "Shipped" || to === "Delivered"
  if (!wasShipped && isShipped) moveStock(ctx, order, fulfillment, -1)
  fulfillment.state = to
  fulfillment.updatedAt = timestamp(ctx.now)
  // Seen on Vendure 3.7.3: the order's state follows, its updatedAt does not.
  order.state = orderStateAfter(order)
  return { __typename: "Fulfillment", ...fulfillment }
}

/** The order and customer resolvers, by `Type.field`. */
export const orderResolvers: Readonly<Record<string, Resolver>> = {
  "Query.orders": (_s, args, ctx) => listOf(ctx.state.orders, args.options, orderFields),
  "Query.order": (_s, args, ctx) => ctx.state.orders.find((o) => o.id === String(args.id)) ?? null,
  "Query.customers": (_s, args, ctx) => listOf(ctx.state.customers, args.options, customerFields),
  "Mutation.addFulfillmentToOrder": addFulfillmentToOrder,
  "Mutation.transitionFulfillmentToState": transitionFulfillmentToState,
}
