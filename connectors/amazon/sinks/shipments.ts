/**
 * The shipments sink: a canonical fulfilment of a seller-fulfilled order becomes a
 * confirmShipment call (one package per call, the vendor's only batch size). Lines name SKUs;
 * Amazon wants its order item ids, so the order's items are read first (getOrderItems).
 */
import { Effect, Schema } from "effect"
import {
  type ConnectorError,
  defineSink,
  RecordRejected,
  type WriteItem,
  type WriteOutcome,
} from "../../../core/connector/index.ts"
import { type AmazonContext, amazonErrorsOf, callAs, describeAmazonErrors } from "../client.ts"
import type { AmazonConfig } from "../config.ts"
import { type ConfirmShipmentRequest, GetOrdersResponse } from "../schemas/order.ts"
import { orderItemsOf } from "../streams/orders.ts"

/** What the fulfilment mapping produces: the package of one order, lines by SKU. */
export const ShipmentPayload = Schema.Struct({
  amazonOrderId: Schema.String,
  packageReferenceId: Schema.String,
  carrierCode: Schema.String,
  carrierName: Schema.optional(Schema.String),
  trackingNumber: Schema.String,
  shipDate: Schema.String,
  lines: Schema.Array(Schema.Struct({ sku: Schema.String, quantity: Schema.Int })),
})
export type ShipmentPayload = typeof ShipmentPayload.Type

const rejected = (
  ctx: AmazonContext,
  item: WriteItem<ShipmentPayload>,
  reason: string,
  path?: string,
): WriteOutcome => ({
  naturalKey: item.naturalKey,
  ok: false,
  error: new RecordRejected({
    system: ctx.system,
    entity: "fulfillment",
    recordKey: item.naturalKey,
    reason,
    ...(path === undefined ? {} : { path }),
  }),
})

const confirmOne = (
  ctx: AmazonContext,
  item: WriteItem<ShipmentPayload>,
): Effect.Effect<WriteOutcome, ConnectorError> =>
  Effect.gen(function* () {
    const shipment = item.payload
    // Already confirmed (the order is Shipped): Amazon takes no second confirmation of a package.
    if (item.externalId !== undefined) {
      return { naturalKey: item.naturalKey, ok: true, externalId: item.externalId, action: "updated" } as const
    }
    const items = yield* orderItemsOf(ctx, shipment.amazonOrderId).pipe(
      Effect.map((found) => ({ ok: true as const, found })),
      Effect.catchTag("HttpStatusError", (error) =>
        error.status === 404 || error.status === 400
          ? Effect.succeed({ ok: false as const, reason: describeAmazonErrors(amazonErrorsOf(error.body)) })
          : Effect.fail(error),
      ),
    )
    if (!items.ok) return rejected(ctx, item, items.reason)
    const orderItems: Array<{ orderItemId: string; quantity: number }> = []
    for (const [index, line] of shipment.lines.entries()) {
      const match = items.found.find((i) => i.SellerSKU === line.sku)
      if (match === undefined) {
        return rejected(
          ctx,
          item,
          `order ${shipment.amazonOrderId} has no item with SKU ${line.sku}`,
          `$.lines[${index}].sku`,
        )
      }
      orderItems.push({ orderItemId: match.OrderItemId, quantity: line.quantity })
    }
    const body: ConfirmShipmentRequest = {
      marketplaceId: ctx.config.marketplaceId,
      packageDetail: {
        packageReferenceId: shipment.packageReferenceId,
        carrierCode: shipment.carrierCode,
        ...(shipment.carrierName === undefined ? {} : { carrierName: shipment.carrierName }),
        trackingNumber: shipment.trackingNumber,
        shipDate: shipment.shipDate,
        orderItems,
      },
    }
    // https://developer-docs.amazon.com/sp-api/docs/orders-api-v0-reference#confirmshipment
    return yield* ctx.http
      .request({
        method: "POST",
        path: `orders/v0/orders/${encodeURIComponent(shipment.amazonOrderId)}/shipmentConfirmation`,
        body,
        operation: "confirmShipment",
      })
      .pipe(
        Effect.as<WriteOutcome>({
          naturalKey: item.naturalKey,
          ok: true,
          externalId: `${shipment.amazonOrderId}:${shipment.packageReferenceId}`,
          action: "created",
        }),
        Effect.catchTag("HttpStatusError", (error) =>
          error.status === 400 || error.status === 404
            ? Effect.succeed(rejected(ctx, item, describeAmazonErrors(amazonErrorsOf(error.body))))
            : Effect.fail(error),
        ),
      )
  })

/** `amazon:302-…:1` → the order id, when the key is this channel's. */
const orderIdOf = (channel: string, naturalKey: string): string | undefined => {
  if (!naturalKey.startsWith(`${channel}:`)) return undefined
  const rest = naturalKey.slice(channel.length + 1)
  const cut = rest.lastIndexOf(":")
  return cut <= 0 ? undefined : rest.slice(0, cut)
}

export const shipmentsSink = defineSink<AmazonConfig, ShipmentPayload>({
  entity: "fulfillment",
  description: "Shipment confirmations of seller-fulfilled orders (confirmShipment), one package per call",
  maxBatchSize: 1,
  operations: ["create"],
  // A fulfilment is already on Amazon when its order is Shipped in full.
  lookup: (ctx, naturalKeys) =>
    Effect.gen(function* () {
      const ids = new Map<string, string>()
      for (const key of naturalKeys) {
        const id = orderIdOf(ctx.config.channel, key)
        if (id !== undefined) ids.set(key, id)
      }
      const unique = [...new Set(ids.values())]
      const shipped = new Set<string>()
      for (let start = 0; start < unique.length; start += 50) {
        // https://developer-docs.amazon.com/sp-api/docs/orders-api-v0-reference#getorders
        const { payload } = yield* callAs(
          ctx,
          "getOrders",
          {
            method: "GET",
            path: "orders/v0/orders",
            query: {
              MarketplaceIds: ctx.config.marketplaceId,
              AmazonOrderIds: unique.slice(start, start + 50).join(","),
            },
          },
          GetOrdersResponse,
        )
        for (const order of payload.Orders) if (order.OrderStatus === "Shipped") shipped.add(order.AmazonOrderId)
      }
      const out = new Map<string, string>()
      for (const [key, id] of ids) if (shipped.has(id)) out.set(key, key.slice(ctx.config.channel.length + 1))
      return out
    }),
  write: (ctx, items) => Effect.forEach(items, (item) => confirmOne(ctx, item)),
})
