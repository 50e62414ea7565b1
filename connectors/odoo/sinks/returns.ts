/**
 * `returns` ← canonical `return`: a return becomes an incoming transfer from the customer to
 * the stock location of the warehouse the goods came back to (the store's for a return at its
 * counter, the main warehouse's for one by mail), linked to the sale order and its delivery.
 * `origin` carries the return's natural key, so link-before-create finds a transfer a crashed
 * run made. A received (or refunded) return is validated: the goods are on hand again.
 */
import { Effect, Schema } from "effect"
import { type ConnectorContext, defineSink, type WriteOutcome } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { Char, Many2one, Many2oneRef, OdooId } from "../schemas/fields.ts"
import type { ReturnPickingPayload } from "../schemas/returnPayload.ts"
import { searchRead } from "../streams/keyset.ts"
import { moveFields } from "../versionQuirks.ts"
import { callOnAll, createAll, type Rejected, rejected, type Target, type Written } from "./batch.ts"
import { anyOf, productsBySku } from "./references.ts"

const ReturnRef = Schema.Struct({ id: OdooId, origin: Char })
const PickingState = Schema.Struct({ id: OdooId, state: Schema.String })
const SaleOrderRef = Schema.Struct({ id: OdooId, name: Schema.String, client_order_ref: Char, partner_id: Many2oneRef })
type SaleOrderRef = typeof SaleOrderRef.Type
const SaleLineRef = Schema.Struct({ id: OdooId, order_id: Many2oneRef, product_id: Many2one })
const WarehouseRef = Schema.Struct({ id: OdooId, code: Char, lot_stock_id: Many2one })
type WarehouseRef = typeof WarehouseRef.Type
const ReceiptType = Schema.Struct({ id: OdooId, warehouse_id: Many2one })
const DeliveryRef = Schema.Struct({ id: OdooId, sale_id: Many2one })
const LocationRef = Schema.Struct({ id: OdooId })

/** Transfers that are returns: incoming ones (receipts), as returns to stock are in Odoo. */
const INCOMING = ["picking_type_code", "=", "incoming"] as const
const BOOKED: ReadonlySet<string> = new Set(["received", "refunded"])

interface Item {
  readonly key: string
  readonly id: number
  readonly payload: ReturnPickingPayload
}

const unique = <A>(values: ReadonlyArray<A>): ReadonlyArray<A> => [...new Set(values)]

const outcome = (written: Written, action: "created" | "updated"): WriteOutcome =>
  written.ok
    ? { naturalKey: written.key, ok: true, externalId: String(written.id), action }
    : { naturalKey: written.key, ok: false, error: written.error }

/** What the returns of one batch refer to, read in one call per model. */
const references = (ctx: ConnectorContext<OdooConfig>, target: Target, payloads: ReadonlyArray<ReturnPickingPayload>) =>
  Effect.gen(function* () {
    const { client, system } = target
    const refs = unique(payloads.map((p) => p.sale_order_ref))
    // Orders entered in Odoo itself carry the system's channel and are known by their name.
    const own = `${ctx.config.channel}:`
    const names = refs.filter((r) => r.startsWith(own)).map((r) => r.slice(own.length))
    const orders = yield* searchRead(client, system, "sale.order", SaleOrderRef, {
      domain: anyOf([["client_order_ref", "in", refs], ...(names.length === 0 ? [] : [["name", "in", names]])]),
      fields: ["name", "client_order_ref", "partner_id"],
    })
    const orderByRef = new Map<string, SaleOrderRef>()
    for (const order of [...orders].sort((a, b) => a.id - b.id)) {
      const ref = order.client_order_ref === false ? `${own}${order.name}` : order.client_order_ref
      if (!orderByRef.has(ref)) orderByRef.set(ref, order)
      if (!orderByRef.has(`${own}${order.name}`)) orderByRef.set(`${own}${order.name}`, order)
    }
    const orderIds = orders.map((o) => o.id)
    const saleLines =
      orderIds.length === 0
        ? []
        : yield* searchRead(client, system, "sale.order.line", SaleLineRef, {
            domain: [["order_id", "in", orderIds]],
            fields: ["order_id", "product_id"],
          })
    const deliveries =
      orderIds.length === 0
        ? []
        : yield* searchRead(client, system, "stock.picking", DeliveryRef, {
            domain: [
              ["sale_id", "in", orderIds],
              ["picking_type_code", "=", "outgoing"],
              ["state", "=", "done"],
            ],
            fields: ["sale_id"],
          })
    const codes = unique(payloads.flatMap((p) => (p.warehouse_code === false ? [] : [p.warehouse_code])))
    const warehouses =
      codes.length === 0
        ? []
        : yield* searchRead(client, system, "stock.warehouse", WarehouseRef, {
            domain: [["code", "in", codes]],
            fields: ["code", "lot_stock_id"],
          })
    // Mail returns go to the main warehouse: the first in Odoo's own warehouse order.
    const main = payloads.some((p) => p.warehouse_code === false)
      ? yield* searchRead(client, system, "stock.warehouse", WarehouseRef, {
          domain: [],
          fields: ["code", "lot_stock_id"],
        }).pipe(Effect.map((all) => all[0]))
      : undefined
    const warehouseIds = unique([...warehouses, ...(main === undefined ? [] : [main])].map((w) => w.id))
    const receipts =
      warehouseIds.length === 0
        ? []
        : yield* searchRead(client, system, "stock.picking.type", ReceiptType, {
            domain: [
              ["code", "=", "incoming"],
              ["warehouse_id", "in", warehouseIds],
            ],
            fields: ["warehouse_id"],
          })
    // A warehouse may have several receipt types; the first in Odoo's order is its default.
    const receiptOf = new Map<number, number>()
    for (const receipt of receipts) {
      if (receipt.warehouse_id !== false && !receiptOf.has(receipt.warehouse_id[0])) {
        receiptOf.set(receipt.warehouse_id[0], receipt.id)
      }
    }
    const [customers] = yield* searchRead(client, system, "stock.location", LocationRef, {
      domain: [["usage", "=", "customer"]],
      fields: ["name"],
    })
    return {
      orderByRef,
      saleLines,
      deliveries,
      warehouseByCode: new Map(warehouses.flatMap((w) => (w.code === false ? [] : [[w.code, w] as const]))),
      main,
      receiptOf,
      customers: customers?.id,
      products: yield* productsBySku(
        target,
        payloads.flatMap((p) => p.lines.map((l) => l.sku)),
      ),
      moveName: (yield* moveFields(ctx, client)).name,
    }
  })

type References = Effect.Effect.Success<ReturnType<typeof references>>

/** The transfer's values, or why there are none. */
const pickingVals = (
  payload: ReturnPickingPayload,
  refs: References,
): { readonly vals: Record<string, unknown> } | { readonly reason: string; readonly path: string } => {
  const order = refs.orderByRef.get(payload.sale_order_ref)
  if (order === undefined) {
    return { reason: `no sale order has the reference ${payload.sale_order_ref}`, path: "sale_order_ref" }
  }
  const warehouse: WarehouseRef | undefined =
    payload.warehouse_code === false ? refs.main : refs.warehouseByCode.get(payload.warehouse_code)
  if (warehouse === undefined || warehouse.lot_stock_id === false) {
    return {
      reason:
        payload.warehouse_code === false
          ? "Odoo has no warehouse to take mail returns in"
          : `no warehouse has the short name ${payload.warehouse_code}`,
      path: "warehouse_code",
    }
  }
  const receipt = refs.receiptOf.get(warehouse.id)
  if (receipt === undefined)
    return { reason: `warehouse ${warehouse.code} has no Receipts operation type`, path: "warehouse_code" }
  if (refs.customers === undefined) return { reason: "Odoo has no customer location", path: "warehouse_code" }
  const stock = warehouse.lot_stock_id[0]
  const moves: Array<unknown> = []
  for (const [i, line] of payload.lines.entries()) {
    const products = refs.products.get(line.sku) ?? []
    const [product] = products
    if (product === undefined || products.length > 1) {
      return {
        reason:
          product === undefined
            ? `no product has the Internal Reference ${line.sku}`
            : `${products.length} products have the Internal Reference ${line.sku}`,
        path: `lines.${i}.sku`,
      }
    }
    const saleLine = refs.saleLines.find(
      (l) => l.order_id[0] === order.id && l.product_id !== false && l.product_id[0] === product,
    )
    moves.push([
      0,
      0,
      {
        product_id: product,
        product_uom_qty: line.product_uom_qty,
        location_id: refs.customers,
        location_dest_id: stock,
        origin: payload.origin,
        ...(saleLine === undefined ? {} : { sale_line_id: saleLine.id }),
        ...(refs.moveName ? { name: line.sku } : {}),
      },
    ])
  }
  const delivery = refs.deliveries.find((d) => d.sale_id !== false && d.sale_id[0] === order.id)
  return {
    vals: {
      picking_type_id: receipt,
      // The customer, not the delivery address: a click & collect order's is the store's own.
      partner_id: order.partner_id[0],
      origin: payload.origin,
      sale_id: order.id,
      ...(delivery === undefined ? {} : { return_id: delivery.id }),
      location_id: refs.customers,
      location_dest_id: stock,
      scheduled_date: payload.scheduled_date,
      ...(payload.note === false ? {} : { note: payload.note }),
      move_ids: moves,
    },
  }
}

/** Moves the transfers on to where their returns are: ready, received into stock, or cancelled. */
const advance = (target: Target, items: ReadonlyArray<Item & { readonly state: string }>) =>
  Effect.gen(function* () {
    // https://www.odoo.com/documentation/19.0/developer/reference/external_api.html#request (`ids` + named params)
    const drafts = items.filter((i) => i.state === "draft" && i.payload.status !== "rejected")
    const confirmed = yield* callOnAll(target, "stock.picking", "action_confirm", drafts)
    const failed = new Map<string, Rejected>()
    for (const written of confirmed) if (!written.ok) failed.set(written.key, written)
    const open = (i: (typeof items)[number]) => !failed.has(i.key) && i.state !== "done" && i.state !== "cancel"
    const validated = yield* callOnAll(
      target,
      "stock.picking",
      "button_validate",
      items.filter((i) => open(i) && BOOKED.has(i.payload.status)),
    )
    const cancelled = yield* callOnAll(
      target,
      "stock.picking",
      "action_cancel",
      items.filter((i) => open(i) && i.payload.status === "rejected"),
    )
    for (const written of [...validated, ...cancelled]) if (!written.ok) failed.set(written.key, written)
    return failed
  })

/** Returns → incoming return transfers; link-before-create by `origin`. */
export const returnsSink = defineSink<OdooConfig, ReturnPickingPayload>({
  entity: "return",
  description: "stock.picking (incoming return to the store's or main warehouse), validated once received",
  maxBatchSize: 50,
  operations: ["create", "update"],
  lookup: (ctx, naturalKeys) =>
    searchRead(odooClient(ctx), ctx.system, "stock.picking", ReturnRef, {
      domain: [["origin", "in", [...naturalKeys]], INCOMING],
      fields: ["origin"],
    }).pipe(
      Effect.map((pickings) => {
        const found = new Map<string, string>()
        for (const picking of [...pickings].sort((a, b) => a.id - b.id)) {
          if (picking.origin !== false && !found.has(picking.origin)) found.set(picking.origin, String(picking.id))
        }
        return found
      }),
    ),
  write: (ctx, items): Effect.Effect<ReadonlyArray<WriteOutcome>, ConnectorError> =>
    Effect.gen(function* () {
      const client = odooClient(ctx)
      const target: Target = { client, system: ctx.system, entity: "return" }
      const results = new Map<string, WriteOutcome>()
      const creates = items.filter((i) => i.externalId === undefined)
      const refs =
        creates.length === 0
          ? undefined
          : yield* references(
              ctx,
              target,
              creates.map((i) => i.payload),
            )
      const toCreate: Array<{ key: string; vals: Record<string, unknown> }> = []
      for (const item of creates) {
        if (refs === undefined) break
        const built = pickingVals(item.payload, refs)
        if ("reason" in built) {
          results.set(item.naturalKey, outcome(rejected(target, item.naturalKey, built.reason, built.path), "created"))
        } else toCreate.push({ key: item.naturalKey, vals: built.vals })
      }
      // https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#odoo.models.Model.create
      const created = yield* createAll(target, "stock.picking", toCreate)
      const payloads = new Map(items.map((i) => [i.naturalKey, i.payload]))

      const updates = items.filter((i) => i.externalId !== undefined)
      const states =
        updates.length === 0
          ? []
          : yield* searchRead(client, ctx.system, "stock.picking", PickingState, {
              domain: [["id", "in", updates.map((u) => Number(u.externalId))]],
              fields: ["state"],
            })
      const toAdvance: Array<Item & { readonly state: string; readonly action: "created" | "updated" }> = []
      for (const written of created) {
        const payload = payloads.get(written.key)
        if (!written.ok || payload === undefined) results.set(written.key, outcome(written, "created"))
        else toAdvance.push({ key: written.key, id: written.id, payload, state: "draft", action: "created" })
      }
      for (const item of updates) {
        const id = Number(item.externalId)
        const state = states.find((s) => s.id === id)
        if (state === undefined) {
          results.set(
            item.naturalKey,
            outcome(rejected(target, item.naturalKey, `stock.picking ${id} no longer exists in Odoo`), "updated"),
          )
        } else
          toAdvance.push({ key: item.naturalKey, id, payload: item.payload, state: state.state, action: "updated" })
      }
      const failed = yield* advance(target, toAdvance)
      for (const item of toAdvance) {
        const failure = failed.get(item.key)
        results.set(
          item.key,
          failure === undefined
            ? { naturalKey: item.key, ok: true, externalId: String(item.id), action: item.action }
            : outcome(
                rejected(
                  target,
                  item.key,
                  `stock.picking ${item.id} is ${item.action === "created" ? "created" : "in Odoo"} but could not be moved on: ${failure.error.reason}`,
                ),
                item.action,
              ),
        )
      }
      return items.flatMap((item) => results.get(item.naturalKey) ?? [])
    }),
})
