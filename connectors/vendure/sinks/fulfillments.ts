/**
 * The fulfilments sink: a shipment of an order's lines, by SKU, through
 * `addFulfillmentToOrder` with the `manual-fulfillment` handler (its `method` and
 * `trackingCode` arguments), then `transitionFulfillmentToState` to Shipped, Delivered or
 * Cancelled (https://docs.vendure.io/reference/graphql-api/admin/mutations#addfulfillmenttoorder).
 *
 * The `method` argument carries the canonical fulfilment id (`DHL (SHP-1001)`), so a retry after
 * a crash finds the fulfilment it created instead of shipping the lines twice. Every
 * ErrorResult (ItemsAlreadyFulfilledError, InsufficientStockOnHandError,
 * FulfillmentStateTransitionError, …) is the record's rejection with Vendure's message.
 */
import { Effect, Option, Schema } from "effect"
import { type ConnectorError, defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { asVendorError, type VendureCallError, type VendureContext, vendureRequest } from "../client.ts"
import type { VendureConfig } from "../config.ts"
import { ERROR_RESULT_FIELDS, ErrorResult, PaginatedList, VendureId } from "../schemas/common.ts"
import { FulfillmentRecord } from "../schemas/order.ts"
import { type FulfillmentPayload, fulfillmentMethod, isMethodFor } from "../schemas/payloads.ts"
import { perRecord, type Refused, refuse, refuseErrorResult } from "./rejection.ts"

/** Shipments per write; each is a few calls of its own, so a batch only bounds the work per commit. */
const BATCH = 20

const ORDER_BY_CODE_QUERY = `
query OrderForFulfillment($code: String!) {
  orders(options: { filter: { code: { eq: $code } }, take: 1 }) {
    totalItems
    items {
      id code state
      lines { id quantity productVariant { sku } }
      fulfillments { id state method trackingCode lines { orderLineId quantity } }
    }
  }
}`

const ADD_FULFILLMENT_MUTATION = `
mutation AddFulfillment($input: FulfillOrderInput!) {
  addFulfillmentToOrder(input: $input) {
    __typename
    ... on Fulfillment { id state method trackingCode lines { orderLineId quantity } }
    ${ERROR_RESULT_FIELDS}
  }
}`

const TRANSITION_MUTATION = `
mutation TransitionFulfillment($id: ID!, $state: String!) {
  transitionFulfillmentToState(id: $id, state: $state) {
    __typename
    ... on Fulfillment { id state method trackingCode lines { orderLineId quantity } }
    ${ERROR_RESULT_FIELDS}
    ... on FulfillmentStateTransitionError { transitionError }
  }
}`

const OrderForFulfillment = Schema.Struct({
  id: VendureId,
  code: Schema.String,
  state: Schema.String,
  lines: Schema.Array(
    Schema.Struct({ id: VendureId, quantity: Schema.Number, productVariant: Schema.Struct({ sku: Schema.String }) }),
  ),
  fulfillments: Schema.NullOr(Schema.Array(FulfillmentRecord)),
})
type OrderForFulfillment = typeof OrderForFulfillment.Type

const OrderByCode = Schema.Struct({ orders: PaginatedList(OrderForFulfillment) })

const FulfillmentResult = Schema.Union(
  Schema.Struct({ __typename: Schema.Literal("Fulfillment"), ...FulfillmentRecord.fields }),
  ErrorResult,
)
const AddFulfillment = Schema.Struct({ addFulfillmentToOrder: FulfillmentResult })
const Transition = Schema.Struct({ transitionFulfillmentToState: FulfillmentResult })

const orderByCode = (ctx: VendureContext, code: string) =>
  vendureRequest(ctx, {
    operation: "orders.byCode",
    query: ORDER_BY_CODE_QUERY,
    variables: { code },
    data: OrderByCode,
  }).pipe(Effect.map(({ orders }) => Option.fromNullable(orders.items.find((o) => o.code === code))))

// Vendure's default fulfilment process: Pending → Shipped → Delivered, any of them → Cancelled.
const PROGRESS: Readonly<Record<string, number>> = { Created: 0, Pending: 1, Shipped: 2, Delivered: 3 }

/** Moves a fulfilment on to `target`, through Shipped when it must; never backwards. */
const reach = (
  ctx: VendureContext,
  fulfillment: { readonly id: string; readonly state: string },
  target: FulfillmentPayload["state"],
): Effect.Effect<void, VendureCallError | Refused> =>
  Effect.gen(function* () {
    if (fulfillment.state === target) return
    if (target !== "Cancelled" && (PROGRESS[fulfillment.state] ?? 0) >= (PROGRESS[target] ?? 0)) return
    const answer = yield* vendureRequest(ctx, {
      operation: "fulfillments.transition",
      query: TRANSITION_MUTATION,
      variables: { id: fulfillment.id, state: target },
      data: Transition,
    })
    const result = answer.transitionFulfillmentToState
    if ("errorCode" in result) return yield* refuseErrorResult(result, "$.state")
  })

/** The order's lines for the payload's SKUs, or the first SKU the order does not have. */
const orderLinesFor = (order: OrderForFulfillment, payload: FulfillmentPayload) =>
  Effect.forEach(payload.lines, (line, i) => {
    const match = order.lines.find((l) => l.productVariant.sku === line.sku)
    return match === undefined
      ? refuse(`order ${order.code} has no line with SKU ${line.sku}`, `$.lines[${i}].sku`)
      : Effect.succeed({ orderLineId: match.id, quantity: line.quantity })
  })

const writeOne = (
  ctx: VendureContext,
  naturalKey: string,
  payload: FulfillmentPayload,
): Effect.Effect<WriteOutcome, ConnectorError> =>
  perRecord(
    ctx.system,
    "fulfillment",
    naturalKey,
    Effect.gen(function* () {
      const found = yield* orderByCode(ctx, payload.orderCode)
      if (Option.isNone(found)) return yield* refuse(`Vendure has no order ${payload.orderCode}`, "$.orderNumber")
      const order = found.value
      const existing = (order.fulfillments ?? []).find((f) => isMethodFor(f.method, payload.fulfillmentId))
      if (existing !== undefined) {
        yield* reach(ctx, existing, payload.state)
        return { naturalKey, ok: true, externalId: existing.id, action: "updated" } as const
      }
      const lines = yield* orderLinesFor(order, payload)
      const added = yield* vendureRequest(ctx, {
        operation: "fulfillments.add",
        query: ADD_FULFILLMENT_MUTATION,
        variables: {
          input: {
            lines,
            handler: {
              code: "manual-fulfillment",
              arguments: [
                { name: "method", value: fulfillmentMethod(payload.carrier, payload.fulfillmentId) },
                { name: "trackingCode", value: payload.trackingCode ?? "" },
              ],
            },
          },
        },
        data: AddFulfillment,
      })
      const result = added.addFulfillmentToOrder
      if ("errorCode" in result) return yield* refuseErrorResult(result, "$.lines")
      yield* reach(ctx, result, payload.state)
      return { naturalKey, ok: true, externalId: result.id, action: "created" } as const
    }),
  )

/** `vendure:ORDERCODE:SHP-1` → its parts; the fulfilment id may itself contain `:`. */
const parseKey = (key: string) => {
  const first = key.indexOf(":")
  const second = key.indexOf(":", first + 1)
  if (first < 0 || second < 0) return undefined
  return { channel: key.slice(0, first), orderCode: key.slice(first + 1, second), fulfillmentId: key.slice(second + 1) }
}

export const fulfillmentsSink = defineSink<VendureConfig, FulfillmentPayload>({
  entity: "fulfillment",
  description: "Ships order lines by SKU (addFulfillmentToOrder, manual handler) and moves the fulfilment on",
  maxBatchSize: BATCH,
  operations: ["create", "update", "upsert"],
  lookup: (ctx, keys) =>
    Effect.gen(function* () {
      const found = new Map<string, string>()
      for (const key of keys) {
        const parts = parseKey(key)
        if (parts === undefined || parts.channel !== ctx.config.channel) continue
        const order = yield* asVendorError(orderByCode(ctx, parts.orderCode))
        const fulfillment = Option.getOrUndefined(order)?.fulfillments?.find((f) =>
          isMethodFor(f.method, parts.fulfillmentId),
        )
        if (fulfillment !== undefined) found.set(key, fulfillment.id)
      }
      return found
    }),
  write: (ctx, items) => Effect.forEach(items, (item) => writeOne(ctx, item.naturalKey, item.payload)),
})
