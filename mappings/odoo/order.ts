/**
 * `order` → the sale order payload the saleOrders sink creates: lines by SKU with unit price,
 * discount percent and the channel's tax rates; shipping and order-level discounts as lines of
 * service products; the customer by number or e-mail (with what is needed to create it); the
 * store's warehouse code for click & collect; `client_order_ref` = `<channel>:<order number>`.
 * Reading orders back is in orderRead.ts.
 *
 * Decoding a payload gives the order as Odoo keeps it: payments, the payment status and
 * `open` versus `confirmed` are not part of a sale order.
 */
import { Effect, Schema } from "effect"
import type { PartnerAddressPayload } from "../../connectors/odoo/schemas/partner.ts"
import { type SaleOrderLinePayload, SaleOrderPayload } from "../../connectors/odoo/schemas/saleOrderPayload.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { type Address, computeTotals, type Money, Order, type OrderLine } from "../../core/model/index.ts"
import { failAt, floatOf, instantOf, moneyOf, odooDatetimeOf, textOf, wholeNumber } from "./odooValues.ts"
import { orderRead } from "./orderRead.ts"
import { addressFields, addressOf, joinName } from "./partnerFields.ts"
import { discountSku, shippingSku } from "./serviceProducts.ts"

type OrderRecord = typeof Order.Encoded

const sum = (items: ReadonlyArray<{ readonly amount: Money }>) => items.reduce((total, i) => total + i.amount.amount, 0)

/** A tax rate as Odoo's percent (0.19 → 19), and back, without float noise. */
const percentOf = (rate: number) => Math.round(rate * 1_000_000) / 10_000
const rateOf = (percent: number) => Math.round(percent * 10_000) / 1_000_000

const taxesOut = (taxLines: OrderLine["taxLines"]) =>
  taxLines.map((t) => ({ title: t.title, rate: percentOf(t.rate), amount: floatOf(t.amount) }))

const addressOut = (type: "invoice" | "delivery", a: Address): PartnerAddressPayload => ({
  type,
  name: joinName(a) ?? false,
  street: a.line1,
  street2: a.line2 ?? false,
  city: a.city,
  zip: a.postalCode ?? false,
  country_code: a.countryCode,
  phone: a.phone ?? false,
})

const splitRef = (ref: string): readonly [string, string] | undefined => {
  const colon = ref.indexOf(":")
  return colon <= 0 || colon === ref.length - 1 ? undefined : [ref.slice(0, colon), ref.slice(colon + 1)]
}

/** SaleOrderPayload ⇄ Order: what the saleOrders sink writes. */
export const orderWrite = Schema.transformOrFail(SaleOrderPayload, Order, {
  strict: true,
  decode: (payload, _options, ast) =>
    Effect.gen(function* () {
      const key = splitRef(payload.client_order_ref)
      if (key === undefined) {
        return yield* failAt(ast, payload, ["client_order_ref"], "must be <channel>:<order number>")
      }
      const currency = payload.currency
      const lines: Array<OrderLine> = []
      const shippingLines: Array<OrderRecord["shippingLines"][number]> = []
      const discounts: Array<OrderRecord["discounts"][number]> = []
      for (const [i, line] of payload.lines.entries()) {
        const path = (...rest: ReadonlyArray<string | number>) => ["lines", i, ...rest] as const
        const taxLines = []
        for (const [j, tax] of line.taxes.entries()) {
          const amount = yield* moneyOf(ast, tax.amount, currency, path("taxes", j, "amount"))
          taxLines.push({ title: tax.title, rate: rateOf(tax.rate), amount })
        }
        const unit = yield* moneyOf(ast, line.price_unit, currency, path("price_unit"))
        const quantity = wholeNumber(line.product_uom_qty)
        if (quantity === undefined || quantity <= 0) {
          return yield* failAt(ast, payload, path("product_uom_qty"), "must be a whole, positive quantity")
        }
        const name = textOf(line.name)
        const ref = textOf(line.ref)
        if (line.kind === "shipping") {
          shippingLines.push({
            title: name ?? "Shipping",
            ...(ref === undefined ? {} : { code: ref }),
            amount: { amount: unit.amount * quantity, currency },
            taxLines,
          })
        } else if (line.kind === "discount") {
          discounts.push({
            title: name ?? "Discount",
            ...(ref === undefined ? {} : { code: ref }),
            amount: { amount: -unit.amount * quantity, currency },
          })
        } else {
          const lineDiscounts = []
          for (const [j, d] of line.discounts.entries()) {
            const amount = yield* moneyOf(ast, d.amount, currency, path("discounts", j, "amount"))
            const code = textOf(d.code)
            lineDiscounts.push({ title: d.title, ...(code === undefined ? {} : { code }), amount })
          }
          lines.push({
            ...(ref === undefined ? {} : { lineId: ref }),
            sku: line.sku,
            ...(name === undefined ? {} : { title: name }),
            quantity,
            unitPrice: unit,
            discounts: lineDiscounts,
            taxLines,
          })
        }
      }
      const [first, ...rest] = lines
      if (first === undefined) return yield* failAt(ast, payload, ["lines"], "an order needs at least one product line")
      const partner = payload.customer.partner
      const company = partner.is_company ? partner.name : undefined
      const toAddress = (a: PartnerAddressPayload | false) =>
        a === false ? undefined : addressOf(a, { company, name: a.name, phone: a.phone })
      const billingAddress = toAddress(payload.invoice_address)
      const shippingAddress = toAddress(payload.shipping_address)
      const ref = textOf(payload.customer.ref)
      const email = textOf(payload.customer.email)
      const note = textOf(payload.note)
      const taxesIncluded = payload.prices_include_tax
      return {
        channel: key[0],
        orderNumber: key[1],
        ...(ref === undefined && email === undefined
          ? {}
          : {
              customer: {
                ...(ref === undefined ? {} : { customerNumber: ref }),
                ...(email === undefined ? {} : { email }),
              },
            }),
        currency,
        taxesIncluded,
        lines: [first, ...rest],
        shippingLines,
        discounts,
        totals: computeTotals({ currency, taxesIncluded, lines, shippingLines, discounts }),
        paymentStatus: "pending" as const,
        payments: [],
        fulfillmentMethod:
          payload.pickup_warehouse_code === false
            ? { kind: "ship" as const }
            : { kind: "pickup" as const, locationCode: payload.pickup_warehouse_code },
        ...(billingAddress === undefined ? {} : { billingAddress }),
        ...(shippingAddress === undefined ? {} : { shippingAddress }),
        placedAt: instantOf(payload.date_order),
        status: payload.confirm ? ("confirmed" as const) : ("cancelled" as const),
        ...(note === undefined ? {} : { note }),
        updatedAt: payload.updated_at,
      }
    }),
  encode: (order) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const productLine = (line: OrderLine): SaleOrderLinePayload => {
        const list = line.quantity * line.unitPrice.amount
        return {
          kind: "product",
          sku: line.sku,
          name: line.title ?? false,
          ref: line.lineId ?? false,
          product_uom_qty: line.quantity,
          price_unit: floatOf(line.unitPrice),
          // Odoo keeps the percent to 2 decimals; its line total may then differ from the channel's by a cent.
          discount: list === 0 ? 0 : (sum(line.discounts) / list) * 100,
          discounts: line.discounts.map((d) => ({ title: d.title, code: d.code ?? false, amount: floatOf(d.amount) })),
          taxes: taxesOut(line.taxLines),
        }
      }
      const [head, ...tail] = order.lines
      const lines: readonly [SaleOrderLinePayload, ...Array<SaleOrderLinePayload>] = [
        productLine(head),
        ...tail.map(productLine),
        ...order.shippingLines.map(
          (s): SaleOrderLinePayload => ({
            kind: "shipping",
            sku: shippingSku(ctx, s.code),
            name: s.title,
            ref: s.code ?? false,
            product_uom_qty: 1,
            price_unit: floatOf(s.amount),
            discount: 0,
            discounts: [],
            taxes: taxesOut(s.taxLines),
          }),
        ),
        // Untaxed in Odoo: the channel's tax on the discount is already in its line taxes.
        ...order.discounts.map(
          (d): SaleOrderLinePayload => ({
            kind: "discount",
            sku: discountSku(ctx),
            name: d.title,
            ref: d.code ?? false,
            product_uom_qty: 1,
            price_unit: -floatOf(d.amount),
            discount: 0,
            discounts: [],
            taxes: [],
          }),
        ),
      ]
      const own = order.billingAddress ?? order.shippingAddress
      const name =
        own?.company ??
        joinName(own ?? {}) ??
        order.customer?.email ??
        order.customer?.customerNumber ??
        `${order.channel} ${order.orderNumber}`
      const { name: _personName, phone, ...address } = addressFields(own)
      return {
        client_order_ref: `${order.channel}:${order.orderNumber}`,
        origin: order.channel,
        date_order: odooDatetimeOf(order.placedAt),
        currency: order.currency,
        prices_include_tax: order.taxesIncluded,
        customer: {
          ref: order.customer?.customerNumber ?? false,
          email: order.customer?.email ?? false,
          partner: {
            name,
            is_company: own?.company !== undefined,
            ref: order.customer?.customerNumber ?? false,
            email: order.customer?.email ?? false,
            phone,
            vat: false,
            lang: false,
            ...address,
            addresses: [],
            updated_at: order.updatedAt,
          },
        },
        invoice_address: order.billingAddress === undefined ? false : addressOut("invoice", order.billingAddress),
        shipping_address:
          order.fulfillmentMethod.kind === "ship" && order.shippingAddress !== undefined
            ? addressOut("delivery", order.shippingAddress)
            : false,
        pickup_warehouse_code: order.fulfillmentMethod.kind === "pickup" ? order.fulfillmentMethod.locationCode : false,
        lines,
        note: order.note ?? false,
        confirm: order.status !== "cancelled",
        updated_at: order.updatedAt,
      }
    }),
})

/** `order`: written by the saleOrders sink, read from the saleOrders stream. */
export const orderMapping = defineMapping({ entity: "order", read: orderRead, write: orderWrite })
