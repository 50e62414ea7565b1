/**
 * `order` → the sale payload the orders sink creates: product lines by SKU at the channel's
 * unit price, each line discount and order discount as a line without product at a negative
 * price, each shipping line as a line without product; the customer by number or e-mail (with
 * what creating it needs); `reference` = `<channel>:<order number>`. Taxes are not booked:
 * Tryton computes them from its own product taxes, which need a chart of accounts, and a sale
 * created with `invoice_method: manual` needs none; `prices_include_tax` keeps the channel's
 * convention. Decoding a payload gives the order as Tryton keeps it: no payments, no taxes.
 */
import { Effect, Schema } from "effect"
import { type SaleLinePayload, SalePayload } from "../../connectors/tryton/schemas/salePayload.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { computeTotals, type Discount, Order, type OrderLine } from "../../core/model/index.ts"
import { addressIn, addressOut } from "./customer.ts"
import { orderRead } from "./orderRead.ts"
import { decimalOf, failAt, joinName, moneyOf, textOf, wholeNumber } from "./trytonValues.ts"

type OrderRecord = typeof Order.Encoded

const splitReference = (reference: string): readonly [string, string] | undefined => {
  const colon = reference.indexOf(":")
  return colon <= 0 || colon === reference.length - 1
    ? undefined
    : [reference.slice(0, colon), reference.slice(colon + 1)]
}

/** SalePayload ⇄ Order: what the orders sink writes. */
export const orderWrite = Schema.transformOrFail(SalePayload, Order, {
  strict: true,
  decode: (payload, _options, ast) =>
    Effect.gen(function* () {
      const key = splitReference(payload.reference)
      if (key === undefined) return yield* failAt(ast, payload, ["reference"], "must be <channel>:<order number>")
      const currency = payload.currency
      const lines: Array<OrderLine> = []
      const shippingLines: Array<OrderRecord["shippingLines"][number]> = []
      const discounts: Array<typeof Discount.Type> = []
      for (const [i, line] of payload.lines.entries()) {
        const quantity = wholeNumber(line.quantity)
        if (quantity === undefined || quantity <= 0) {
          return yield* failAt(ast, payload, ["lines", i, "quantity"], "must be a whole, positive quantity")
        }
        const unit = yield* moneyOf(ast, line.unit_price, currency, ["lines", i, "unit_price"])
        const amount = { amount: unit.amount * quantity, currency }
        const description = textOf(line.description)
        if (line.kind === "shipping") shippingLines.push({ title: description ?? "Shipping", amount, taxLines: [] })
        else if (line.kind === "discount")
          discounts.push({ title: description ?? "Discount", amount: { amount: -amount.amount, currency } })
        else {
          const sku = textOf(line.sku)
          if (sku === undefined) return yield* failAt(ast, payload, ["lines", i, "sku"], "a product line needs a SKU")
          lines.push({
            sku,
            ...(description === undefined ? {} : { title: description }),
            quantity,
            unitPrice: unit,
            discounts: [],
            taxLines: [],
          })
        }
      }
      const [first, ...rest] = lines
      if (first === undefined) return yield* failAt(ast, payload, ["lines"], "an order needs at least one product line")
      const code = textOf(payload.customer.code)
      const email = textOf(payload.customer.email)
      const taxesIncluded = payload.prices_include_tax
      const billingAddress = payload.invoice_address === null ? undefined : addressIn(payload.invoice_address)
      const shippingAddress = payload.shipment_address === null ? undefined : addressIn(payload.shipment_address)
      const note = textOf(payload.comment)
      return {
        channel: key[0],
        orderNumber: key[1],
        ...(code === undefined && email === undefined
          ? {}
          : {
              customer: {
                ...(code === undefined ? {} : { customerNumber: code }),
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
        fulfillmentMethod: { kind: "ship" as const },
        ...(billingAddress === undefined ? {} : { billingAddress }),
        ...(shippingAddress === undefined ? {} : { shippingAddress }),
        placedAt: payload.placed_at,
        status: payload.confirm ? ("confirmed" as const) : ("cancelled" as const),
        ...(note === undefined ? {} : { note }),
        updatedAt: payload.updated_at,
      }
    }),
  encode: (order) =>
    Effect.sync(() => {
      const lines: Array<SaleLinePayload> = []
      for (const line of order.lines) {
        lines.push({
          kind: "product",
          sku: line.sku,
          description: line.title ?? null,
          quantity: line.quantity,
          unit_price: decimalOf(line.unitPrice),
        })
        for (const d of line.discounts) {
          lines.push({
            kind: "discount",
            sku: null,
            description: `${d.title} (${line.sku})`,
            quantity: 1,
            unit_price: decimalOf({ ...d.amount, amount: -d.amount.amount }),
          })
        }
      }
      for (const s of order.shippingLines) {
        lines.push({ kind: "shipping", sku: null, description: s.title, quantity: 1, unit_price: decimalOf(s.amount) })
      }
      for (const d of order.discounts) {
        lines.push({
          kind: "discount",
          sku: null,
          description: d.title,
          quantity: 1,
          unit_price: decimalOf({ ...d.amount, amount: -d.amount.amount }),
        })
      }
      const own = order.billingAddress ?? order.shippingAddress
      const [head, ...tail] = lines
      return {
        reference: `${order.channel}:${order.orderNumber}`,
        description: order.channel,
        placed_at: order.placedAt,
        currency: order.currency,
        prices_include_tax: order.taxesIncluded,
        customer: {
          code: order.customer?.customerNumber ?? null,
          email: order.customer?.email ?? null,
          name:
            textOf(own?.company) ??
            (own === undefined ? undefined : joinName(own)) ??
            order.customer?.email ??
            order.customer?.customerNumber ??
            `${order.channel} ${order.orderNumber}`,
          phone: own?.phone ?? null,
        },
        invoice_address: order.billingAddress === undefined ? null : addressOut(order.billingAddress),
        shipment_address: order.shippingAddress === undefined ? null : addressOut(order.shippingAddress),
        lines: [head as SaleLinePayload, ...tail] as const,
        comment: order.note ?? null,
        confirm: order.status !== "cancelled",
        updated_at: order.updatedAt,
      }
    }),
})

/** `order`: written by the orders sink, read (with the ERP's state) from the orders stream. */
export const orderMapping = defineMapping({ entity: "order", read: orderRead, write: orderWrite })
