/**
 * `fulfillments` ← canonical fulfillment: `createShippingFulfillment` per shipment, lines mapped
 * from SKU to the order's `lineItemId` (`getOrder`). eBay has no bulk call for it. A shipment
 * whose tracking number eBay already has for the order is linked, not sent twice. The vendor id
 * is eBay's fulfillment id (from the `Location` header).
 * https://developer.ebay.com/api-docs/sell/fulfillment/resources/order/shipping_fulfillment/methods/createShippingFulfillment
 */
import { Effect, Option } from "effect"
import { type ConnectorError, defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { type EbayContext, ebayRequest } from "../client.ts"
import { basePaths, type EbayConfig } from "../config.ts"
import { EbayOrder, ShippingFulfillmentPage } from "../schemas/order.ts"
import type { ShipmentPayload } from "../schemas/payloads.ts"
import { orRejected, refused, rejected, vendorErrorsOf } from "./rejection.ts"

/** Shipments per write; each is its own call, so a batch only bounds the work per commit. */
const BATCH = 10

const fulfillmentsOf = (ctx: EbayContext, orderId: string) =>
  ebayRequest(ctx, {
    operation: "fulfillment.getShippingFulfillments",
    api: "fulfillment",
    method: "GET",
    path: `/order/${encodeURIComponent(orderId)}/shipping_fulfillment`,
    answer: ShippingFulfillmentPage,
  }).pipe(
    Effect.map(Option.some),
    // An order eBay does not know answers 400/404 with error 32100.
    Effect.catchAll((error) =>
      Option.isSome(vendorErrorsOf(error)) ? Effect.succeed(Option.none()) : Effect.fail(error),
    ),
  )

const parseKey = (key: string): { channel: string; orderNumber: string; fulfillmentId: string } => {
  const first = key.indexOf(":")
  const last = key.lastIndexOf(":")
  return { channel: key.slice(0, first), orderNumber: key.slice(first + 1, last), fulfillmentId: key.slice(last + 1) }
}

const writeOne = (
  ctx: EbayContext,
  naturalKey: string,
  payload: ShipmentPayload,
): Effect.Effect<WriteOutcome, ConnectorError> =>
  Effect.gen(function* () {
    const order = yield* orRejected(
      ebayRequest(ctx, {
        operation: "fulfillment.getOrder",
        api: "fulfillment",
        method: "GET",
        path: `/order/${encodeURIComponent(payload.orderId)}`,
        answer: EbayOrder,
      }),
    )
    if (!order.ok) return rejected(ctx.system, "fulfillment", naturalKey, order.errors)
    const lineItems: Array<{ lineItemId: string; quantity: number }> = []
    for (const [i, line] of payload.lines.entries()) {
      const match = order.value.lineItems.find((l) => l.sku === line.sku)
      if (match === undefined) {
        return refused(
          ctx.system,
          "fulfillment",
          naturalKey,
          `order ${payload.orderId} has no line with SKU ${line.sku}`,
          `$.lines[${i}].sku`,
        )
      }
      lineItems.push({ lineItemId: match.lineItemId, quantity: line.quantity })
    }
    // A retry must not ship twice: eBay already has this tracking number, or (a hand-over without
    // one) every line is fulfilled already by a fulfillment holding them.
    const shippedAlready = lineItems.every(
      (l) =>
        order.value.lineItems.find((line) => line.lineItemId === l.lineItemId)?.lineItemFulfillmentStatus ===
        "FULFILLED",
    )
    if (payload.trackingNumber !== undefined || shippedAlready) {
      const existing = yield* fulfillmentsOf(ctx, payload.orderId)
      const same = Option.flatMap(existing, (page) =>
        Option.fromNullable(
          page.fulfillments.find((f) =>
            payload.trackingNumber !== undefined
              ? f.shipmentTrackingNumber === payload.trackingNumber
              : lineItems.every((l) => f.lineItems.some((x) => x.lineItemId === l.lineItemId)),
          ),
        ),
      )
      if (Option.isSome(same)) return { naturalKey, ok: true, externalId: same.value.fulfillmentId, action: "updated" }
    }
    const created = yield* orRejected(
      ctx.http.request({
        method: "POST",
        path: `${basePaths.fulfillment}/order/${encodeURIComponent(payload.orderId)}/shipping_fulfillment`,
        headers: { "Content-Type": "application/json" },
        body: {
          lineItems,
          ...(payload.shippedDate === undefined ? {} : { shippedDate: payload.shippedDate }),
          ...(payload.shippingCarrierCode === undefined ? {} : { shippingCarrierCode: payload.shippingCarrierCode }),
          ...(payload.trackingNumber === undefined ? {} : { trackingNumber: payload.trackingNumber }),
        },
      }),
    )
    if (!created.ok) return rejected(ctx.system, "fulfillment", naturalKey, created.errors)
    const location = created.value.headers.location ?? ""
    const fulfillmentId = decodeURIComponent(location.slice(location.lastIndexOf("/") + 1)) || payload.fulfillmentId
    return { naturalKey, ok: true, externalId: fulfillmentId, action: "created" }
  })

export const fulfillmentsSink = defineSink<EbayConfig, ShipmentPayload>({
  entity: "fulfillment",
  description: "shipments of eBay orders (createShippingFulfillment)",
  maxBatchSize: BATCH,
  operations: ["create"],
  lookup: (ctx, keys) =>
    Effect.gen(function* () {
      const found = new Map<string, string>()
      for (const key of keys) {
        const { channel, orderNumber, fulfillmentId } = parseKey(key)
        if (channel !== ctx.config.channel) continue
        const page = yield* fulfillmentsOf(ctx, orderNumber)
        if (Option.isSome(page) && page.value.fulfillments.some((f) => f.fulfillmentId === fulfillmentId))
          found.set(key, fulfillmentId)
      }
      return found
    }),
  write: (ctx, batch) => Effect.forEach(batch, (item) => writeOne(ctx, item.naturalKey, item.payload)),
})
