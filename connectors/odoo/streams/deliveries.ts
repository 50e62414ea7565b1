/**
 * `deliveries` → canonical `fulfillment`: done outgoing transfers (`stock.picking` whose
 * operation type is `outgoing`) with what their moves shipped, the carrier and tracking number,
 * the sale order they deliver and the warehouse they left from. Incremental on the transfer's
 * write_date, which validating it moves.
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorContext, defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { type OdooClient, odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { Char, Many2one, OdooId } from "../schemas/fields.ts"
import {
  DeliverySaleOrder,
  MOVE_FIELDS,
  MoveRecord,
  type OdooDelivery,
  PICKING_FIELDS,
  PickingRecord,
} from "../schemas/picking.ts"
import { cursorOf, type Domain, keysetPages, pageSizeOf, positionFromCursor, searchRead } from "./keyset.ts"

/** Done deliveries to customers; receipts, internal transfers and returns are other operation types. */
const DONE_DELIVERIES: Domain = [
  ["picking_type_code", "=", "outgoing"],
  ["state", "=", "done"],
]

const ProductCode = Schema.Struct({ id: OdooId, default_code: Char })
const PickingType = Schema.Struct({ id: OdooId, warehouse_id: Many2one })
const WarehouseCode = Schema.Struct({ id: OdooId, code: Char })

const unique = (values: ReadonlyArray<number>): ReadonlyArray<number> => [...new Set(values)]
const textOf = (value: string | false): string | undefined =>
  value === false || value.trim() === "" ? undefined : value

/** Moves, SKUs, sale orders and warehouse codes of one page of transfers, one call per model. */
const enrich = (
  client: OdooClient,
  system: string,
  pickings: ReadonlyArray<PickingRecord>,
): Effect.Effect<ReadonlyArray<OdooDelivery>, ConnectorError> =>
  Effect.gen(function* () {
    if (pickings.length === 0) return []
    const byIds = <A, I>(
      model: string,
      schema: Schema.Schema<A, I>,
      ids: ReadonlyArray<number>,
      fields: ReadonlyArray<string>,
    ) =>
      ids.length === 0
        ? Effect.succeed<ReadonlyArray<A>>([])
        : searchRead(client, system, model, schema, { domain: [["id", "in", unique(ids)]], fields })
    const moves = yield* searchRead(client, system, "stock.move", MoveRecord, {
      domain: [
        ["picking_id", "in", pickings.map((p) => p.id)],
        ["state", "!=", "cancel"],
      ],
      fields: MOVE_FIELDS,
    })
    const products = yield* byIds(
      "product.product",
      ProductCode,
      moves.map((m) => m.product_id[0]),
      ["default_code"],
    )
    // The sale order: `sale_id`, or for a transfer without one, the order named in its origin.
    const linked = yield* byIds(
      "sale.order",
      DeliverySaleOrder,
      pickings.flatMap((p) => (p.sale_id === false ? [] : [p.sale_id[0]])),
      ["name", "client_order_ref"],
    )
    const origins = pickings.flatMap((p) => (p.sale_id === false && textOf(p.origin) !== undefined ? [p.origin] : []))
    const named =
      origins.length === 0
        ? []
        : yield* searchRead(client, system, "sale.order", DeliverySaleOrder, {
            domain: [["name", "in", origins]],
            fields: ["name", "client_order_ref"],
          })
    const types = yield* byIds(
      "stock.picking.type",
      PickingType,
      pickings.map((p) => p.picking_type_id[0]),
      ["warehouse_id"],
    )
    const warehouses = yield* byIds(
      "stock.warehouse",
      WarehouseCode,
      types.flatMap((t) => (t.warehouse_id === false ? [] : [t.warehouse_id[0]])),
      ["code"],
    )

    const skus = new Map(products.map((p) => [p.id, p.default_code]))
    const orderById = new Map(linked.map((o) => [o.id, o]))
    const orderByName = new Map(named.map((o) => [o.name, o]))
    const warehouseOfType = new Map<number, number | false>(
      types.map((t) => [t.id, t.warehouse_id === false ? false : t.warehouse_id[0]]),
    )
    const codeOfWarehouse = new Map(warehouses.map((w) => [w.id, w.code]))
    return pickings.map((picking): OdooDelivery => {
      const warehouse = warehouseOfType.get(picking.picking_type_id[0])
      const order =
        picking.sale_id !== false
          ? orderById.get(picking.sale_id[0])
          : picking.origin === false
            ? undefined
            : orderByName.get(picking.origin)
      return {
        ...picking,
        moves: moves
          .filter((m) => m.picking_id[0] === picking.id)
          .map((m) => ({
            id: m.id,
            product_id: m.product_id,
            default_code: skus.get(m.product_id[0]) ?? false,
            quantity: m.quantity,
          })),
        sale_order: order ?? false,
        warehouse_code:
          warehouse === undefined || warehouse === false ? false : (codeOfWarehouse.get(warehouse) ?? false),
      }
    })
  })

/** `deliveries`: done outgoing transfers in (write_date, id) order. */
export const deliveriesStream = defineStream<OdooConfig, OdooDelivery>({
  entity: "fulfillment",
  description: "stock.picking (outgoing, done) with moves, carrier, tracking number, sale order and warehouse",
  incremental: true,
  idOf: (raw) => String(raw.id),
  positionOf: (raw) => cursorOf(raw.write_date, raw.id),
  read: (ctx: ConnectorContext<OdooConfig>, options) => {
    const client = odooClient(ctx)
    return keysetPages({
      client,
      system: ctx.system,
      model: "stock.picking",
      schema: PickingRecord,
      fields: PICKING_FIELDS,
      domain: DONE_DELIVERIES,
      since: positionFromCursor(options.since),
      pageSize: pageSizeOf(ctx.config, options),
    }).pipe(Stream.mapEffect((pickings) => enrich(client, ctx.system, pickings)))
  },
  readByIds: (ctx, ids) => {
    const client = odooClient(ctx)
    return searchRead(client, ctx.system, "stock.picking", PickingRecord, {
      domain: [["id", "in", ids.map(Number)], ...DONE_DELIVERIES],
      fields: PICKING_FIELDS,
    }).pipe(Effect.flatMap((pickings) => enrich(client, ctx.system, pickings)))
  },
})
