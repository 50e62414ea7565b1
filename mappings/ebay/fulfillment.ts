/**
 * Canonical Fulfillment → `createShippingFulfillment`: the shipped lines by SKU (the sink finds
 * eBay's line item ids), the carrier code, tracking number and shipped date. Only shipments of
 * this channel's orders go to eBay; a pending or cancelled one has nothing to report.
 */
import { Clock, Effect, Schema } from "effect"
import { ShipmentPayload } from "../../connectors/ebay/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { Fulfillment, toInstant } from "../../core/model/index.ts"

const FulfillmentToEbay = Schema.transformOrFail(ShipmentPayload, Fulfillment, {
  strict: true,
  decode: (payload) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const now = yield* Clock.currentTimeMillis
      const [first, ...rest] = payload.lines
      return {
        channel: ctx.defaults.channel,
        orderNumber: payload.orderId,
        fulfillmentId: payload.fulfillmentId,
        lines: [first, ...rest],
        ...optional("carrier", payload.shippingCarrierCode),
        ...optional("trackingNumber", payload.trackingNumber),
        status: "shipped" as const,
        ...optional("shippedAt", payload.shippedDate),
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
          `only ${ctx.defaults.channel} orders are fulfilled on this eBay system`,
          fulfillment.channel,
        )
      }
      if (fulfillment.status !== "shipped" && fulfillment.status !== "delivered") {
        problems.add(["status"], "eBay is told about shipments once they have shipped", fulfillment.status)
      }
      if ((fulfillment.trackingNumber === undefined) !== (fulfillment.carrier === undefined)) {
        problems.add(["carrier"], "eBay needs a carrier code with a tracking number, and the other way round")
      }
      const [first, ...rest] = fulfillment.lines
      return yield* problems.result(() => ({
        orderId: fulfillment.orderNumber,
        fulfillmentId: fulfillment.fulfillmentId,
        lines: [first, ...rest] as const,
        ...optional("shippedDate", fulfillment.shippedAt),
        ...optional("shippingCarrierCode", fulfillment.carrier),
        ...optional("trackingNumber", fulfillment.trackingNumber),
      }))
    }),
})

/** Canonical shipments → eBay shipping fulfillments (write only). */
export const fulfillmentMapping = defineMapping({ entity: "fulfillment", write: FulfillmentToEbay })
