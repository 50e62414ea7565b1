/**
 * `fulfillment` ⇄ a done delivery (the deliveries stream's record). The order is the sale
 * order's: `client_order_ref` `<channel>:<order number>` for channel orders esl wrote, else the
 * system's channel and the sale order's name. Fulfilment id: the transfer's reference
 * (`WH/OUT/00012`); lines: what its moves shipped, per SKU; location: its warehouse's code.
 */
import { Effect, Schema } from "effect"
import { OdooDelivery } from "../../connectors/odoo/schemas/picking.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Fulfillment } from "../../core/model/index.ts"
import { failAt, instantOf, odooDatetimeOf, textOf, wholeNumber } from "./odooValues.ts"
import { splitRef } from "./orderRead.ts"

/** OdooDelivery ⇄ Fulfillment. */
export const fulfillmentRead = Schema.transformOrFail(OdooDelivery, Fulfillment, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      if (raw.sale_order === false) {
        return yield* failAt(
          ast,
          raw,
          ["sale_order"],
          `delivery ${raw.name} belongs to no sale order (neither sale_id nor an origin naming one)`,
        )
      }
      const quantities = new Map<string, number>()
      for (const [i, move] of raw.moves.entries()) {
        if (move.quantity === 0) continue
        const sku = textOf(move.default_code)
        if (sku === undefined) {
          return yield* failAt(
            ast,
            raw,
            ["moves", i, "default_code"],
            `product ${move.product_id[1]} has no Internal Reference (default_code); set one in Odoo, it is the SKU`,
          )
        }
        const quantity = wholeNumber(move.quantity)
        if (quantity === undefined || quantity < 0) {
          return yield* failAt(ast, raw, ["moves", i, "quantity"], `${move.quantity} is not a whole, positive quantity`)
        }
        quantities.set(sku, (quantities.get(sku) ?? 0) + quantity)
      }
      const [first, ...rest] = [...quantities].map(([sku, quantity]) => ({ sku, quantity }))
      if (first === undefined) return yield* failAt(ast, raw, ["moves"], `delivery ${raw.name} moved nothing`)
      const key = splitRef(raw.sale_order.client_order_ref)
      const carrier = raw.carrier_id === false ? undefined : raw.carrier_id[1]
      const trackingNumber = textOf(raw.carrier_tracking_ref)
      const locationCode = textOf(raw.warehouse_code)
      return {
        channel: key?.[0] ?? defaults.channel,
        orderNumber: key?.[1] ?? raw.sale_order.name,
        fulfillmentId: raw.name,
        lines: [first, ...rest],
        ...(carrier === undefined ? {} : { carrier }),
        ...(trackingNumber === undefined ? {} : { trackingNumber }),
        ...(locationCode === undefined ? {} : { locationCode }),
        status: "shipped" as const,
        ...(raw.date_done === false ? {} : { shippedAt: instantOf(raw.date_done) }),
        updatedAt: instantOf(raw.write_date),
      }
    }),
  encode: (fulfillment) =>
    Effect.succeed({
      id: 0,
      name: fulfillment.fulfillmentId,
      origin: fulfillment.orderNumber,
      state: "done",
      picking_type_id: [0, "Delivery Orders"] as const,
      sale_id: false as const,
      carrier_id: fulfillment.carrier === undefined ? (false as const) : ([0, fulfillment.carrier] as const),
      carrier_tracking_ref: fulfillment.trackingNumber ?? false,
      date_done: fulfillment.shippedAt === undefined ? (false as const) : odooDatetimeOf(fulfillment.shippedAt),
      write_date: odooDatetimeOf(fulfillment.updatedAt),
      moves: fulfillment.lines.map((line) => ({
        id: 0,
        product_id: [0, line.sku] as const,
        default_code: line.sku,
        quantity: line.quantity,
      })),
      sale_order: {
        id: 0,
        name: fulfillment.orderNumber,
        client_order_ref: `${fulfillment.channel}:${fulfillment.orderNumber}`,
      },
      warehouse_code: fulfillment.locationCode ?? false,
    }),
})

/** `fulfillment`: read from the deliveries stream. */
export const fulfillmentMapping = defineMapping<"fulfillment", typeof OdooDelivery.Encoded, unknown>({
  entity: "fulfillment",
  read: fulfillmentRead,
})
