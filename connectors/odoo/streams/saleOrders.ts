/**
 * `saleOrders` → canonical `order`: sale orders with their lines (and each line's SKU and
 * taxes), customer, addresses and warehouse. Incremental on the order's write_date, which a
 * line change moves too (the order's amounts are stored computed fields).
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorContext, defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { type OdooClient, odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { Char, Many2one, OdooId, X2many } from "../schemas/fields.ts"
import { PARTNER_FIELDS, PartnerRecord } from "../schemas/partner.ts"
import {
  LINE_FIELDS,
  type OdooSaleOrder,
  ORDER_FIELDS,
  SaleOrderLineRecord,
  SaleOrderRecord,
  TAX_FIELDS,
  TaxRecord,
} from "../schemas/saleOrder.ts"
import { lineFields } from "../versionQuirks.ts"
import { cursorOf, keysetPages, pageSizeOf, positionFromCursor, searchRead, WITH_ARCHIVED } from "./keyset.ts"

// Odoo 19 calls the line's taxes `tax_ids`, earlier versions `tax_id`; we ask for the one it has.
const LineRecord = Schema.Struct({
  ...SaleOrderLineRecord.fields,
  tax_ids: Schema.optional(X2many),
  tax_id: Schema.optional(X2many),
})
const taxesOf = (line: typeof LineRecord.Type): ReadonlyArray<number> => line.tax_ids ?? line.tax_id ?? []

const ProductCode = Schema.Struct({ id: OdooId, default_code: Char })
const WarehouseRef = Schema.Struct({ id: OdooId, code: Char, partner_id: Many2one })

const ids = (values: ReadonlyArray<number | false>): ReadonlyArray<number> => [
  ...new Set(values.filter((v): v is number => v !== false)),
]

/** Everything the orders of one page refer to, read in one call per model. */
const enrich = (
  ctx: ConnectorContext<OdooConfig>,
  client: OdooClient,
  orders: ReadonlyArray<typeof SaleOrderRecord.Type>,
): Effect.Effect<ReadonlyArray<OdooSaleOrder>, ConnectorError> =>
  Effect.gen(function* () {
    const quirks = yield* lineFields(ctx, client)
    const lines = yield* searchRead(client, ctx.system, "sale.order.line", LineRecord, {
      domain: [["order_id", "in", orders.map((o) => o.id)]],
      fields: [...LINE_FIELDS, quirks.taxes, ...(quirks.isDelivery ? ["is_delivery"] : [])],
    })
    const productIds = ids(lines.map((l) => (l.product_id === false ? false : l.product_id[0])))
    const taxIds = ids(lines.flatMap(taxesOf))
    const partnerIds = ids(
      orders.flatMap((o) => [
        o.partner_id[0],
        o.partner_invoice_id === false ? false : o.partner_invoice_id[0],
        o.partner_shipping_id === false ? false : o.partner_shipping_id[0],
      ]),
    )
    const warehouseIds = ids(orders.map((o) => (o.warehouse_id === false ? false : o.warehouse_id[0])))
    const read = <A, I>(
      model: string,
      schema: Schema.Schema<A, I>,
      wanted: ReadonlyArray<number>,
      fields: ReadonlyArray<string>,
    ) =>
      wanted.length === 0
        ? Effect.succeed<ReadonlyArray<A>>([])
        : searchRead(client, ctx.system, model, schema, {
            domain: [["id", "in", wanted]],
            fields,
            context: WITH_ARCHIVED,
          })
    const products = yield* read("product.product", ProductCode, productIds, ["default_code"])
    const taxes = yield* read("account.tax", TaxRecord, taxIds, TAX_FIELDS)
    const partners = yield* read("res.partner", PartnerRecord, partnerIds, PARTNER_FIELDS)
    const warehouses = yield* read("stock.warehouse", WarehouseRef, warehouseIds, ["code", "partner_id"])

    const skus = new Map(products.map((p) => [p.id, p.default_code]))
    const taxById = new Map(taxes.map((t) => [t.id, t]))
    const partnerById = new Map(partners.map((p) => [p.id, p]))
    const warehouseById = new Map(warehouses.map((w) => [w.id, w]))
    return orders.flatMap((order) => {
      const partner = partnerById.get(order.partner_id[0])
      if (partner === undefined) return []
      const byRef = (ref: typeof order.partner_invoice_id) =>
        ref === false ? false : (partnerById.get(ref[0]) ?? false)
      return [
        {
          ...order,
          lines: lines
            .filter((l) => l.order_id[0] === order.id && (l.display_type === false || l.display_type === ""))
            .map((line) => ({
              id: line.id,
              product_id: line.product_id,
              default_code: line.product_id === false ? false : (skus.get(line.product_id[0]) ?? false),
              name: line.name,
              product_uom_qty: line.product_uom_qty,
              price_unit: line.price_unit,
              discount: line.discount,
              price_subtotal: line.price_subtotal,
              price_total: line.price_total,
              is_delivery: line.is_delivery ?? false,
              taxes: taxesOf(line).flatMap((id) => taxById.get(id) ?? []),
            })),
          partner,
          invoice_address: byRef(order.partner_invoice_id),
          shipping_address: byRef(order.partner_shipping_id),
          warehouse: order.warehouse_id === false ? false : (warehouseById.get(order.warehouse_id[0]) ?? false),
        },
      ]
    })
  })

/** `saleOrders`: sale orders in (write_date, id) order. */
export const saleOrdersStream = defineStream<OdooConfig, OdooSaleOrder>({
  entity: "order",
  description: "sale.order with lines, customer, addresses and warehouse",
  incremental: true,
  idOf: (raw) => String(raw.id),
  positionOf: (raw) => cursorOf(raw.write_date, raw.id),
  read: (ctx, options) => {
    const client = odooClient(ctx)
    return keysetPages({
      client,
      system: ctx.system,
      model: "sale.order",
      schema: SaleOrderRecord,
      fields: ORDER_FIELDS,
      domain: [],
      since: positionFromCursor(options.since),
      pageSize: pageSizeOf(ctx.config, options),
    }).pipe(Stream.mapEffect((orders) => enrich(ctx, client, orders)))
  },
  readByIds: (ctx, orderIds) => {
    const client = odooClient(ctx)
    return searchRead(client, ctx.system, "sale.order", SaleOrderRecord, {
      domain: [["id", "in", orderIds.map(Number)]],
      fields: ORDER_FIELDS,
    }).pipe(Effect.flatMap((orders) => enrich(ctx, client, orders)))
  },
})
