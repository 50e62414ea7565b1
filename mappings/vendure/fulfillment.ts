/**
 * Canonical Fulfillment → a Vendure fulfilment (write: the fulfilments sink): the shipped lines
 * by SKU (the sink finds the order's line ids), the carrier and tracking number as the manual
 * handler's arguments, and the state to reach (pending → Pending, shipped → Shipped,
 * delivered → Delivered, cancelled → Cancelled). Only this channel's orders are fulfilled here.
 */
import { Clock, Effect, Schema } from "effect"
import { FulfillmentPayload } from "../../connectors/vendure/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { Fulfillment, toInstant } from "../../core/model/index.ts"

type Status = typeof Fulfillment.Type.status

const STATES = { pending: "Pending", shipped: "Shipped", delivered: "Delivered", cancelled: "Cancelled" } as const
const STATUSES: Readonly<Record<FulfillmentPayload["state"], Status>> = {
  Pending: "pending",
  Shipped: "shipped",
  Delivered: "delivered",
  Cancelled: "cancelled",
}

const FulfillmentToVendure = Schema.transformOrFail(FulfillmentPayload, Fulfillment, {
  strict: true,
  decode: (payload) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const now = yield* Clock.currentTimeMillis
      const [first, ...rest] = payload.lines
      return {
        channel: ctx.defaults.channel,
        orderNumber: payload.orderCode,
        fulfillmentId: payload.fulfillmentId,
        lines: [first, ...rest],
        ...optional("carrier", payload.carrier),
        ...optional("trackingNumber", payload.trackingCode),
        status: STATUSES[payload.state],
        updatedAt: toInstant(new Date(now)),
      }
    }),
  encode: (fulfillment, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, fulfillment)
      if (fulfillment.channel !== ctx.defaults.channel) {
        problems.add(
          ["channel"],
          `only ${ctx.defaults.channel} orders are fulfilled in this Vendure`,
          fulfillment.channel,
        )
      }
      const [first, ...rest] = fulfillment.lines
      return yield* problems.result(() => ({
        orderCode: fulfillment.orderNumber,
        fulfillmentId: fulfillment.fulfillmentId,
        lines: [first, ...rest] as const,
        ...optional("carrier", fulfillment.carrier),
        ...optional("trackingCode", fulfillment.trackingNumber),
        state: STATES[fulfillment.status],
      }))
    }),
})

/** Canonical shipments → Vendure fulfilments (write only). */
export const fulfillmentMapping = defineMapping({ entity: "fulfillment", write: FulfillmentToVendure })
