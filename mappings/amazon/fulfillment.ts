/**
 * Canonical Fulfillment → Amazon shipment confirmation (confirmShipment's package). The
 * fulfilment id is the package reference, which Amazon wants as a positive number; the carrier
 * goes as the carrier code (Amazon's list, or `Other` with the name).
 */
import { createHash } from "node:crypto"
import { Effect, Schema } from "effect"
import { ShipmentPayload } from "../../connectors/amazon/sinks/shipments.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Problems } from "../../core/mapping/problems.ts"
import { Fulfillment, toInstant } from "../../core/model/index.ts"

/**
 * Amazon takes only positive numbers as package references, unique within the order; an ERP's
 * delivery is named like `WH/OUT/00042`. A numeric id goes as it is; any other becomes a stable
 * 12-hex-digit hash of it, so the same delivery always confirms as the same package.
 */
export const packageReferenceOf = (fulfillmentId: string): string =>
  /^[1-9]\d*$/.test(fulfillmentId)
    ? fulfillmentId
    : String(Number.parseInt(createHash("sha256").update(fulfillmentId).digest("hex").slice(0, 12), 16) || 1)

const FulfillmentToAmazon = Schema.transformOrFail(ShipmentPayload, Fulfillment, {
  strict: true,
  decode: (payload, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, payload)
      const [first, ...rest] = payload.lines
      if (first === undefined) problems.add(["lines"], "a package holds at least one line")
      const shippedAt = problems.attempt(["shipDate"], () => toInstant(payload.shipDate))
      const carrier = payload.carrierName ?? payload.carrierCode
      return yield* problems.result((): typeof Fulfillment.Encoded => ({
        channel: ctx.defaults.channel,
        orderNumber: payload.amazonOrderId,
        fulfillmentId: payload.packageReferenceId,
        lines: [first!, ...rest] as const,
        carrier,
        trackingNumber: payload.trackingNumber,
        status: "shipped" as const,
        shippedAt: shippedAt!,
        updatedAt: shippedAt!,
      }))
    }),
  encode: (fulfillment, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, fulfillment)
      if (fulfillment.channel !== ctx.defaults.channel) {
        problems.add(
          ["channel"],
          `only orders of channel ${ctx.defaults.channel} are shipped on this marketplace`,
          fulfillment.channel,
        )
      }
      if (fulfillment.status !== "shipped" && fulfillment.status !== "delivered") {
        problems.add(["status"], "only a shipped package can be confirmed to Amazon", fulfillment.status)
      }
      if (fulfillment.trackingNumber === undefined || fulfillment.trackingNumber.trim() === "") {
        problems.add(["trackingNumber"], "Amazon needs a tracking number to confirm a shipment")
      }
      return yield* problems.result(() => ({
        amazonOrderId: fulfillment.orderNumber,
        packageReferenceId: packageReferenceOf(fulfillment.fulfillmentId),
        carrierCode: fulfillment.carrier ?? "Other",
        ...(fulfillment.carrier === undefined ? {} : { carrierName: fulfillment.carrier }),
        trackingNumber: fulfillment.trackingNumber ?? "",
        shipDate: fulfillment.shippedAt ?? fulfillment.updatedAt,
        lines: fulfillment.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      }))
    }),
})

/** Canonical fulfilments → Amazon shipment confirmations. */
export const fulfillmentMapping = defineMapping({ entity: "fulfillment", write: FulfillmentToAmazon })
