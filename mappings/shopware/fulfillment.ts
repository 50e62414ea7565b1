/**
 * Canonical Fulfillment → the order delivery update the deliveries sink makes: `shipped` and
 * `delivered` fire the `ship` transition (Shopware's default delivery states end at shipped),
 * `cancelled` fires `cancel`, `pending` changes no state; the tracking number is added to the
 * delivery's `trackingCodes`. Fulfilments of other channels' orders fail here (to the DLQ).
 */
import { Clock, Effect, Schema } from "effect"
import { DeliveryPayload } from "../../connectors/shopware/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Fulfillment, toInstant } from "../../core/model/index.ts"
import { failAt } from "./values.ts"

export const fulfillmentWrite = Schema.transformOrFail(DeliveryPayload, Fulfillment, {
  strict: true,
  decode: (payload) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const now = yield* Clock.currentTimeMillis
      const [trackingNumber] = payload.trackingCodes
      return {
        channel: ctx.defaults.channel,
        orderNumber: payload.orderNumber,
        fulfillmentId: payload.fulfillmentId,
        lines: payload.lines,
        ...(trackingNumber === undefined ? {} : { trackingNumber }),
        status:
          payload.transition === "ship"
            ? ("shipped" as const)
            : payload.transition === "cancel"
              ? ("cancelled" as const)
              : ("pending" as const),
        updatedAt: toInstant(new Date(now)),
      }
    }),
  encode: (fulfillment, _options, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      if (fulfillment.channel !== ctx.defaults.channel) {
        return yield* failAt(
          ast,
          fulfillment,
          ["channel"],
          `order ${fulfillment.orderNumber} is from channel ${fulfillment.channel}, not ${ctx.defaults.channel}`,
        )
      }
      return {
        orderNumber: fulfillment.orderNumber,
        fulfillmentId: fulfillment.fulfillmentId,
        lines: fulfillment.lines,
        transition:
          fulfillment.status === "shipped" || fulfillment.status === "delivered"
            ? ("ship" as const)
            : fulfillment.status === "cancelled"
              ? ("cancel" as const)
              : null,
        trackingCodes: fulfillment.trackingNumber === undefined ? [] : [fulfillment.trackingNumber],
      }
    }),
})

/** `fulfillment`: written by the deliveries sink. */
export const fulfillmentMapping = defineMapping<"fulfillment", unknown, typeof DeliveryPayload.Encoded>({
  entity: "fulfillment",
  write: fulfillmentWrite,
})
