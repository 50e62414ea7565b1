/**
 * `saleOrders` ← canonical `order`: creates channel orders as confirmed Odoo sale orders. The
 * natural key `<channel>:<order number>` is stored in `client_order_ref`, so link-before-create
 * finds an order a crashed run created. Products are found by SKU, the customer by reference or
 * e-mail (created when absent), the store by warehouse code for click & collect.
 */
import { Effect, Schema } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/define.ts"
import { odooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { Char, OdooDatetime, OdooId } from "../schemas/fields.ts"
import type { SaleOrderPayload } from "../schemas/saleOrderPayload.ts"
import { searchRead } from "../streams/keyset.ts"
import { lineFields } from "../versionQuirks.ts"
import { callOnAll, createAll, rejected, type Target, type Written } from "./batch.ts"
import { orderCustomers } from "./orderCustomers.ts"
import { isUnwritable } from "./partnerValues.ts"
import { countriesByCode, productsBySku, saleTaxes, warehousesByCode } from "./references.ts"
import { orderVals, referencesOf } from "./saleOrderValues.ts"

const OrderRef = Schema.Struct({ id: OdooId, client_order_ref: Char })
const OrderState = Schema.Struct({ id: OdooId, state: Schema.String, date_order: OdooDatetime })

interface Item {
  readonly key: string
  readonly id: number
  readonly payload: SaleOrderPayload
}

/**
 * Confirms the quotations (`action_confirm`: the order becomes a sales order and reserves
 * stock), then puts the channel's order date back, which confirming replaces with now.
 */
const confirm = (target: Target, items: ReadonlyArray<Item>) =>
  Effect.gen(function* () {
    // https://www.odoo.com/documentation/19.0/developer/reference/external_api.html#transaction (action_confirm)
    const confirmed = yield* callOnAll(target, "sale.order", "action_confirm", items)
    const byDate = new Map<string, Array<Item>>()
    for (const item of items) {
      if (!confirmed.some((c) => c.key === item.key && c.ok)) continue
      byDate.set(item.payload.date_order, [...(byDate.get(item.payload.date_order) ?? []), item])
    }
    for (const [date, group] of byDate) {
      yield* callOnAll(target, "sale.order", "write", group, { vals: { date_order: date } })
    }
    return new Map(confirmed.map((c) => [c.key, c]))
  })

const outcome = (written: Written, action: "created" | "updated"): WriteOutcome =>
  written.ok
    ? { naturalKey: written.key, ok: true, externalId: String(written.id), action }
    : { naturalKey: written.key, ok: false, error: written.error }

/** Channel orders → confirmed sale orders; link-before-create by `client_order_ref`. */
export const saleOrdersSink = defineSink<OdooConfig, SaleOrderPayload>({
  entity: "order",
  description: "sale.order from channel orders, confirmed; client_order_ref = <channel>:<order number>",
  maxBatchSize: 50,
  operations: ["create", "update"],
  lookup: (ctx, naturalKeys) =>
    searchRead(odooClient(ctx), ctx.system, "sale.order", OrderRef, {
      domain: [["client_order_ref", "in", [...naturalKeys]]],
      fields: ["client_order_ref"],
    }).pipe(
      Effect.map((orders) => {
        const found = new Map<string, string>()
        for (const order of [...orders].sort((a, b) => a.id - b.id)) {
          if (order.client_order_ref !== false && !found.has(order.client_order_ref)) {
            found.set(order.client_order_ref, String(order.id))
          }
        }
        return found
      }),
    ),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const client = odooClient(ctx)
      const target: Target = { client, system: ctx.system, entity: "order" }
      const results = new Map<string, WriteOutcome>()
      const creates = items
        .filter((i) => i.externalId === undefined)
        .map((i) => ({ key: i.naturalKey, payload: i.payload }))

      const wanted = creates.map((c) => referencesOf(c.payload))
      const refs = {
        products: yield* productsBySku(
          target,
          wanted.flatMap((w) => w.skus),
        ),
        taxes: yield* saleTaxes(
          target,
          wanted.flatMap((w) => w.rates),
        ),
        warehouses: yield* warehousesByCode(
          target,
          wanted.flatMap((w) => w.warehouses),
        ),
        lineFields: yield* lineFields(ctx, client),
      }
      const countries = yield* countriesByCode(
        target,
        creates.flatMap(({ payload }) => [
          ...(payload.customer.partner.country_code === false ? [] : [payload.customer.partner.country_code]),
          ...[payload.invoice_address, payload.shipping_address].flatMap((a) => (a === false ? [] : [a.country_code])),
        ]),
      )
      // Orders whose products or taxes do not resolve are rejected before any partner is created for them.
      const valid = creates.filter((c) => {
        const vals = orderVals(c.payload, refs, { partner: 0, invoice: 0, shipping: 0 })
        if (!isUnwritable(vals)) return true
        results.set(c.key, outcome(rejected(target, c.key, vals.reason, vals.path), "created"))
        return false
      })
      const customers = yield* orderCustomers(target, valid, countries)
      const toCreate: Array<{ key: string; vals: Record<string, unknown> }> = []
      for (const order of valid) {
        const customer = customers.get(order.key)
        if (customer === undefined) continue
        if (!customer.ok) {
          results.set(order.key, outcome(customer, "created"))
          continue
        }
        const vals = orderVals(order.payload, refs, customer)
        if (isUnwritable(vals))
          results.set(order.key, outcome(rejected(target, order.key, vals.reason, vals.path), "created"))
        else toCreate.push({ key: order.key, vals })
      }
      const created = yield* createAll(target, "sale.order", toCreate)
      const payloads = new Map(items.map((i) => [i.naturalKey, i.payload]))
      const createdItems = created.flatMap((c) => {
        const payload = payloads.get(c.key)
        return c.ok && payload !== undefined ? [{ key: c.key, id: c.id, payload }] : []
      })
      const confirmed = yield* confirm(
        target,
        createdItems.filter((i) => i.payload.confirm),
      )
      for (const written of created) {
        const confirmation = confirmed.get(written.key)
        results.set(
          written.key,
          written.ok && confirmation !== undefined && !confirmation.ok
            ? outcome(
                rejected(
                  target,
                  written.key,
                  `created as sale.order ${written.id} but not confirmed: ${confirmation.error.reason}`,
                ),
                "created",
              )
            : outcome(written, "created"),
        )
      }

      // An order Odoo already has is the ERP's now: only a confirmation a crash cut short is completed.
      const updates = items.filter((i) => i.externalId !== undefined)
      const states =
        updates.length === 0
          ? []
          : yield* searchRead(client, ctx.system, "sale.order", OrderState, {
              domain: [["id", "in", updates.map((u) => Number(u.externalId))]],
              fields: ["state", "date_order"],
            })
      const drafts: Array<Item> = []
      for (const item of updates) {
        const id = Number(item.externalId)
        const state = states.find((s) => s.id === id)
        if (state === undefined) {
          results.set(
            item.naturalKey,
            outcome(rejected(target, item.naturalKey, `sale.order ${id} no longer exists in Odoo`), "updated"),
          )
        } else if (item.payload.confirm && (state.state === "draft" || state.state === "sent")) {
          drafts.push({ key: item.naturalKey, id, payload: item.payload })
        } else {
          results.set(item.naturalKey, {
            naturalKey: item.naturalKey,
            ok: true,
            externalId: String(id),
            action: "updated",
          })
        }
      }
      for (const written of (yield* confirm(target, drafts)).values())
        results.set(written.key, outcome(written, "updated"))
      return items.flatMap((item) => results.get(item.naturalKey) ?? [])
    }),
})
