/**
 * `order` ⇄ a sale order as the saleOrders stream reads it. `client_order_ref`
 * `<channel>:<order number>` (what esl writes) gives the channel and number; any other order
 * is the system's channel's, numbered by its name (`S00042`). Amounts come from Odoo's own line
 * totals, so tax rounding is Odoo's; the totals must then add up to `amount_total`, else the
 * mapping fails rather than hand on an order that does not.
 */
import { Effect, Schema } from "effect"
import type { PartnerRecord } from "../../connectors/odoo/schemas/partner.ts"
import { OdooSaleOrder, type OdooSaleOrderLine } from "../../connectors/odoo/schemas/saleOrder.ts"
import { MappingContext } from "../../core/mapping/index.ts"
import { computeTotals, type Money, Order, type OrderLine } from "../../core/model/index.ts"
import { failAt, floatOf, instantOf, minorUnits, odooDatetimeOf, plainText, textOf, wholeNumber } from "./odooValues.ts"
import { addressFields, addressOf, emailsOf, emptyPartner } from "./partnerFields.ts"
import { discountSku } from "./serviceProducts.ts"

type OrderRecord = typeof Order.Encoded

const STATUS = {
  draft: "open",
  sent: "open",
  sale: "confirmed",
  done: "closed",
  cancel: "cancelled",
} as const

const isState = (state: string): state is keyof typeof STATUS => Object.hasOwn(STATUS, state)

const statusOf = (state: string, delivery: string | false): OrderRecord["status"] | undefined => {
  if (!isState(state)) return undefined
  if (state === "sale" && delivery === "full") return "fulfilled"
  if (state === "sale" && (delivery === "partial" || delivery === "started")) return "partially_fulfilled"
  return STATUS[state]
}

/** `<channel>:<order number>` → its two parts; undefined for any other reference. */
export const splitRef = (ref: string | false): readonly [string, string] | undefined => {
  const text = textOf(ref)
  const colon = text?.indexOf(":") ?? -1
  return text === undefined || colon <= 0 || colon === text.length - 1
    ? undefined
    : [text.slice(0, colon), text.slice(colon + 1)]
}

const sum = (items: ReadonlyArray<{ readonly amount: Money }>) => items.reduce((total, i) => total + i.amount.amount, 0)

/** OdooSaleOrder ⇄ Order. */
export const orderRead = Schema.transformOrFail(OdooSaleOrder, Order, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const currency = raw.currency_id === false ? ctx.defaults.currency : raw.currency_id[1]
      const minor = (value: number, path: ReadonlyArray<string | number>) =>
        minorUnits(ast, value, currency, ["lines", ...path])
      const m = (amount: number): Money => ({ amount, currency })
      const taxesIncluded = raw.lines.some((l) => l.taxes.some((t) => t.price_include))
      const discountCode = discountSku(ctx)

      const lines: Array<OrderLine> = []
      const shippingLines: Array<OrderRecord["shippingLines"][number]> = []
      const discounts: Array<OrderRecord["discounts"][number]> = []
      for (const [i, line] of raw.lines.entries()) {
        const subtotal = yield* minor(line.price_subtotal, [i, "price_subtotal"])
        const total = yield* minor(line.price_total, [i, "price_total"])
        // What the customer pays for the line, in the order's tax convention.
        const gross = taxesIncluded ? total : subtotal
        const tax = total - subtotal
        const taxLines =
          tax === 0 && line.taxes.length === 0
            ? []
            : [
                {
                  title: line.taxes.map((t) => t.name).join(" + ") || "Tax",
                  rate: Math.min(
                    1,
                    Math.max(0, line.taxes.reduce((r, t) => r + (t.amount_type === "percent" ? t.amount : 0), 0) / 100),
                  ),
                  amount: m(tax),
                },
              ]
        const sku = textOf(line.default_code)
        const title = textOf(line.name)
        if (line.is_delivery) {
          shippingLines.push({
            title: title ?? "Shipping",
            ...(sku === undefined ? {} : { code: sku }),
            amount: m(gross),
            taxLines,
          })
          continue
        }
        if (sku === discountCode && line.price_unit < 0) {
          // Odoo may tax a discount line; the canonical discount is untaxed, so its tax is part of the amount.
          discounts.push({ title: title ?? "Discount", amount: m(-(taxesIncluded ? gross : gross + tax)) })
          continue
        }
        if (sku === undefined) {
          return yield* failAt(
            ast,
            raw,
            ["lines", i, "default_code"],
            `the product of line "${title ?? line.id}" has no Internal Reference (default_code)`,
          )
        }
        const quantity = wholeNumber(line.product_uom_qty)
        if (quantity === undefined || quantity <= 0) {
          return yield* failAt(
            ast,
            raw,
            ["lines", i, "product_uom_qty"],
            `${line.product_uom_qty} is not a whole, positive quantity`,
          )
        }
        const unit = yield* minor(line.price_unit, [i, "price_unit"])
        const off = quantity * unit - gross
        lines.push({
          lineId: String(line.id),
          sku,
          ...(title === undefined ? {} : { title }),
          quantity,
          unitPrice: m(unit),
          discounts:
            off === 0
              ? []
              : [{ title: line.discount > 0 ? `${line.discount}% off` : "Price adjustment", amount: m(off) }],
          taxLines,
        })
      }
      const [first, ...rest] = lines
      if (first === undefined) return yield* failAt(ast, raw, ["lines"], `sale order ${raw.name} has no product lines`)
      const totals = computeTotals({ currency, taxesIncluded, lines, shippingLines, discounts })
      const odooTotal = yield* minorUnits(ast, raw.amount_total, currency, ["amount_total"])
      if (totals.grandTotal.amount !== odooTotal) {
        return yield* failAt(
          ast,
          raw,
          ["amount_total"],
          `Odoo's total ${raw.amount_total} is not the sum of its lines (${totals.grandTotal.amount} minor units); is the company rounding taxes globally?`,
        )
      }
      const status = statusOf(raw.state, raw.delivery_status)
      if (status === undefined) return yield* failAt(ast, raw, ["state"], `unknown sale order state "${raw.state}"`)

      const key = splitRef(raw.client_order_ref)
      const company = raw.partner.is_company ? textOf(raw.partner.name) : undefined
      const pickup =
        raw.warehouse !== false &&
        raw.warehouse.partner_id !== false &&
        raw.shipping_address !== false &&
        raw.shipping_address.id === raw.warehouse.partner_id[0]
          ? textOf(raw.warehouse.code)
          : undefined
      const billingAddress =
        raw.invoice_address === false
          ? undefined
          : addressOf(raw.invoice_address, {
              company,
              name: raw.invoice_address.is_company ? false : raw.invoice_address.name,
              phone: raw.invoice_address.phone,
            })
      const shippingAddress =
        raw.shipping_address === false || pickup !== undefined
          ? undefined
          : addressOf(raw.shipping_address, {
              company,
              name: raw.shipping_address.is_company ? false : raw.shipping_address.name,
              phone: raw.shipping_address.phone,
            })
      const customerNumber = textOf(raw.partner.ref)
      const [email] = emailsOf(raw.partner.email)
      const note = plainText(raw.note)
      return {
        channel: key?.[0] ?? ctx.defaults.channel,
        orderNumber: key?.[1] ?? raw.name,
        ...(customerNumber === undefined && email === undefined
          ? {}
          : {
              customer: {
                ...(customerNumber === undefined ? {} : { customerNumber }),
                ...(email === undefined ? {} : { email }),
              },
            }),
        currency,
        taxesIncluded,
        lines: [first, ...rest],
        shippingLines,
        discounts,
        totals,
        paymentStatus: "pending" as const,
        payments: [],
        fulfillmentMethod:
          pickup === undefined ? { kind: "ship" as const } : { kind: "pickup" as const, locationCode: pickup },
        ...(billingAddress === undefined ? {} : { billingAddress }),
        ...(shippingAddress === undefined ? {} : { shippingAddress }),
        placedAt: instantOf(raw.date_order),
        status,
        ...(note === undefined ? {} : { note }),
        updatedAt: instantOf(raw.write_date),
      }
    }),
  encode: (order) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const at = odooDatetimeOf(order.updatedAt)
      const major = (amount: number) => floatOf({ amount, currency: order.currency })
      const taxes = (taxLines: OrderLine["taxLines"]) =>
        taxLines.map((t, i) => ({
          id: i + 1,
          name: t.title,
          amount: Math.round(t.rate * 1_000_000) / 10_000,
          amount_type: "percent",
          price_include: order.taxesIncluded,
        }))
      const line = (
        id: number,
        sku: string,
        name: string | undefined,
        quantity: number,
        unit: number,
        gross: number,
        taxLines: OrderLine["taxLines"],
        isDelivery: boolean,
        discountTitle?: string,
      ): OdooSaleOrderLine => {
        const tax = sum(taxLines)
        const list = quantity * unit
        // The percent decoding put in the title, else the one the amounts give.
        const stated = /^(\d+(?:\.\d+)?)% off$/.exec(discountTitle ?? "")?.[1]
        return {
          id,
          product_id: [0, sku],
          default_code: sku,
          name: name ?? false,
          product_uom_qty: quantity,
          price_unit: major(unit),
          discount:
            stated !== undefined ? Number(stated) : list === 0 ? 0 : Math.round(((list - gross) / list) * 10_000) / 100,
          price_subtotal: major(order.taxesIncluded ? gross - tax : gross),
          price_total: major(order.taxesIncluded ? gross : gross + tax),
          is_delivery: isDelivery,
          taxes: taxes(taxLines),
        }
      }
      const lines = [
        ...order.lines.map((l) =>
          line(
            Number(l.lineId) || 0,
            l.sku,
            l.title,
            l.quantity,
            l.unitPrice.amount,
            l.quantity * l.unitPrice.amount - sum(l.discounts),
            l.taxLines,
            false,
            l.discounts[0]?.title,
          ),
        ),
        ...order.shippingLines.map((s) =>
          line(0, s.code ?? "SHIP", s.title, 1, s.amount.amount, s.amount.amount, s.taxLines, true),
        ),
        ...order.discounts.map((d) =>
          line(0, discountSku(ctx), d.title, 1, -d.amount.amount, -d.amount.amount, [], false),
        ),
      ]
      const own = key(order, ctx.defaults.channel)
      const partner: PartnerRecord = {
        ...emptyPartner(1),
        ref: order.customer?.customerNumber ?? false,
        email: order.customer?.email ?? false,
      }
      const company = order.billingAddress?.company
      const address = (id: number, a: typeof order.billingAddress): PartnerRecord | false =>
        a === undefined ? false : { ...emptyPartner(id), ...addressFields(a), is_company: false }
      const pickup = order.fulfillmentMethod.kind === "pickup" ? order.fulfillmentMethod.locationCode : undefined
      const state =
        order.status === "open"
          ? "draft"
          : order.status === "cancelled"
            ? "cancel"
            : order.status === "closed"
              ? "done"
              : "sale"
      return {
        id: 0,
        name: own.name,
        partner_id: [1, company ?? ""] as const,
        partner_invoice_id: order.billingAddress === undefined ? false : ([2, ""] as const),
        partner_shipping_id:
          pickup !== undefined ? ([4, ""] as const) : order.shippingAddress === undefined ? false : ([3, ""] as const),
        client_order_ref: own.ref,
        origin: false,
        date_order: odooDatetimeOf(order.placedAt),
        state,
        delivery_status:
          order.status === "fulfilled" ? "full" : order.status === "partially_fulfilled" ? "partial" : false,
        currency_id: [0, order.currency] as const,
        warehouse_id: false,
        note: order.note ?? false,
        amount_untaxed: major(
          order.totals.grandTotal.amount -
            (order.taxesIncluded ? order.totals.taxTotal.amount : order.totals.taxTotal.amount),
        ),
        amount_tax: major(order.totals.taxTotal.amount),
        amount_total: major(order.totals.grandTotal.amount),
        order_line: [],
        write_date: at,
        lines,
        partner: { ...partner, is_company: company !== undefined, name: company ?? false },
        invoice_address: address(2, order.billingAddress),
        shipping_address:
          pickup !== undefined ? { ...emptyPartner(4), name: pickup } : address(3, order.shippingAddress),
        warehouse: pickup === undefined ? false : { id: 1, code: pickup, partner_id: [4, pickup] as const },
      }
    }),
})

/** The order's name and `client_order_ref` for its channel and number. */
const key = (order: { readonly channel: string; readonly orderNumber: string }, ownChannel: string) =>
  order.channel === ownChannel
    ? { name: order.orderNumber, ref: false as const }
    : { name: "/", ref: `${order.channel}:${order.orderNumber}` }
