/**
 * `stock` → canonical `inventory`: what each warehouse holds of each product, summed over the
 * quants (lots, packages, sub-locations) of its internal locations. Incremental on the quants'
 * write_date: a changed quant brings its whole (product, warehouse) group back, so a level is
 * always the complete sum, never the one quant that changed. Groups go through changeSet.ts,
 * so a group with several changed quants is read once, at its latest change.
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorContext, defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { type OdooClient, odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { Char, Many2one, Many2oneRef, OdooDatetime, OdooId } from "../schemas/fields.ts"
import { type OdooStockLevel, QUANT_FIELDS, StockQuantRecord } from "../schemas/stock.ts"
import { type ChangedParent, changedParents, loadInPages } from "./changeSet.ts"
import { cursorOf, latestWriteDate, pageSizeOf, positionFromCursor, searchRead, WITH_ARCHIVED } from "./keyset.ts"

/** Stock a channel can sell from: internal locations only (not transit, customers, vendors, adjustments). */
const INTERNAL = ["location_id.usage", "=", "internal"]

const QuantChange = Schema.Struct({
  id: OdooId,
  product_id: Many2oneRef,
  warehouse_id: Many2one,
  write_date: OdooDatetime,
})
const ProductCode = Schema.Struct({ id: OdooId, default_code: Char })
const WarehouseCode = Schema.Struct({ id: OdooId, code: Char })

/** `<product id>@<warehouse id>`, or `@none` for internal locations outside any warehouse. */
const groupKey = (quant: { readonly product_id: Many2oneRef; readonly warehouse_id: Many2one }) =>
  `${quant.product_id[0]}@${quant.warehouse_id === false ? "none" : quant.warehouse_id[0]}`

const parseKey = (key: string) => {
  const [product = "0", warehouse = "none"] = key.split("@")
  return { productId: Number(product), warehouseId: warehouse === "none" ? (false as const) : Number(warehouse) }
}

/** The levels of the given groups, summed over their quants now. */
const loadLevels = (
  client: OdooClient,
  system: string,
  groups: ReadonlyArray<ChangedParent<string>>,
): Effect.Effect<ReadonlyArray<OdooStockLevel>, ConnectorError> =>
  Effect.gen(function* () {
    const keys = groups.map((g) => ({ ...g, ...parseKey(g.key) }))
    const productIds = [...new Set(keys.map((k) => k.productId))]
    const warehouseIds = [...new Set(keys.flatMap((k) => (k.warehouseId === false ? [] : [k.warehouseId])))]
    const quants = yield* searchRead(client, system, "stock.quant", StockQuantRecord, {
      domain: [INTERNAL, ["product_id", "in", productIds]],
      fields: QUANT_FIELDS,
    })
    const products = yield* searchRead(client, system, "product.product", ProductCode, {
      domain: [["id", "in", productIds]],
      fields: ["default_code"],
      context: WITH_ARCHIVED,
    })
    const warehouses =
      warehouseIds.length === 0
        ? []
        : yield* searchRead(client, system, "stock.warehouse", WarehouseCode, {
            domain: [["id", "in", warehouseIds]],
            fields: ["code"],
            context: WITH_ARCHIVED,
          })
    const skus = new Map(products.map((p) => [p.id, p.default_code]))
    const codes = new Map(warehouses.map((w) => [w.id, w.code]))
    return keys.map((group): OdooStockLevel => {
      // Quants emptied and deleted since the scan leave an empty group: its level is zero.
      const own = quants.filter((q) => groupKey(q) === group.key)
      return {
        product_id: group.productId,
        default_code: skus.get(group.productId) ?? false,
        warehouse_id: group.warehouseId,
        warehouse_code: group.warehouseId === false ? false : (codes.get(group.warehouseId) ?? false),
        quantity: own.reduce((sum, q) => sum + q.quantity, 0),
        reserved_quantity: own.reduce((sum, q) => sum + q.reserved_quantity, 0),
        quant_ids: own.map((q) => q.id),
        write_date: latestWriteDate(group.changedAt, own),
        changed_at: group.changedAt,
        changed_quant_id: group.tieBreak,
      }
    })
  })

/** `stock`: stock levels per product and warehouse, in the order of their latest quant change. */
export const stockStream = defineStream<OdooConfig, OdooStockLevel>({
  entity: "inventory",
  description: "stock.quant in internal locations, summed per product and warehouse",
  incremental: true,
  idOf: (raw) => `${raw.product_id}@${raw.warehouse_id === false ? "none" : raw.warehouse_id}`,
  positionOf: (raw) => cursorOf(raw.changed_at, raw.changed_quant_id),
  read: (ctx: ConnectorContext<OdooConfig>, options) => {
    const client = odooClient(ctx)
    const pageSize = pageSizeOf(ctx.config, options)
    return Stream.unwrap(
      changedParents(
        client,
        ctx.system,
        [
          {
            model: "stock.quant",
            domain: [INTERNAL],
            fields: ["product_id", "warehouse_id"],
            schema: QuantChange,
            parentsOf: (q: typeof QuantChange.Type) => [groupKey(q)],
            // Groups changed in the same second are ordered by the quant that changed.
            tieBreakOf: (q: typeof QuantChange.Type) => q.id,
          },
        ],
        positionFromCursor(options.since),
        pageSize,
      ).pipe(Effect.map((groups) => loadInPages(groups, pageSize, (page) => loadLevels(client, ctx.system, page)))),
    )
  },
})
