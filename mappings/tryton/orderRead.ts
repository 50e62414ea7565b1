/**
 * `order` ← a sale (the orders stream's record): how the ERP sees a channel order, chiefly its
 * state. Channel and order number from `reference` (`<channel>:<order number>`, as the orders
 * sink writes it), else this system's channel and the sale's number. Lines with a product are
 * order lines; lines without one are shipping at a positive price and discounts at a negative
 * one (as the sink writes them). Status: quotation → open, confirmed/processing → confirmed
 * (partially fulfilled once partly shipped), done or everything sent → fulfilled, cancelled.
 * Tryton's sale prices are untaxed and its taxes are not read, so the order reads net, without
 * tax lines; payments are not Tryton's business here (pending).
 */
import { Effect, Schema } from "effect"
import { TrytonSale } from "../../connectors/tryton/schemas/sale.ts"
import { dateOf, dateTimeOf, decimal, instantOfDate } from "../../connectors/tryton/schemas/values.ts"
import { MappingContext } from "../../core/mapping/index.ts"
import { type Address, computeTotals, Order, type OrderLine, type OrderStatus } from "../../core/model/index.ts"

type Status = typeof OrderStatus.Type

import { addressIn } from "./customer.ts"
import { decimalOf, failAt, moneyOf, textOf, wholeNumber } from "./trytonValues.ts"

type OrderRecord = typeof Order.Encoded

const statusOf = (state: string, shipmentState: string): Status => {
  if (state === "cancelled") return "cancelled"
  if (state === "done" || shipmentState === "sent") return "fulfilled"
  if (shipmentState === "partially shipped") return "partially_fulfilled"
  if (state === "confirmed" || state === "processing") return "confirmed"
  return "open"
}

const STATE_OF: { readonly [S in Status]: readonly [string, string] } = {
  open: ["quotation", "none"],
  confirmed: ["processing", "waiting"],
  partially_fulfilled: ["processing", "partially shipped"],
  fulfilled: ["done", "sent"],
  cancelled: ["cancelled", "none"],
  closed: ["done", "sent"],
}

const splitReference = (reference: string | undefined): readonly [string, string] | undefined => {
  if (reference === undefined) return undefined
  const colon = reference.indexOf(":")
  return colon <= 0 || colon === reference.length - 1
    ? undefined
    : [reference.slice(0, colon), reference.slice(colon + 1)]
}

const addressOf = (raw: TrytonSale["invoice"]): Address | undefined => {
  const street = textOf(raw?.street)
  const city = textOf(raw?.city)
  const country = raw?.["country."]?.code
  if (raw === null || street === undefined || city === undefined || country === undefined) return undefined
  return addressIn({
    name: raw.name,
    street,
    postal_code: textOf(raw.postal_code) ?? null,
    city,
    country_code: country,
  })
}

/** TrytonSale ⇄ Order. */
export const orderRead = Schema.transformOrFail(TrytonSale, Order, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const currency = raw["currency."].code
      const lines: Array<OrderLine> = []
      const shippingLines: Array<OrderRecord["shippingLines"][number]> = []
      const discounts: Array<OrderRecord["discounts"][number]> = []
      for (const [i, line] of raw.lines.entries()) {
        if (line.type !== "line") continue
        const quantity = wholeNumber(line.quantity ?? 0)
        if (quantity === undefined || quantity <= 0) {
          return yield* failAt(ast, raw, ["lines", i, "quantity"], `${line.quantity} is not a whole, positive quantity`)
        }
        const unit = yield* moneyOf(ast, line.unit_price?.decimal ?? "0", currency, ["lines", i, "unit_price"])
        const description = textOf(line.description)
        if (line.product === null) {
          const amount = unit.amount * quantity
          if (amount < 0) discounts.push({ title: description ?? "Discount", amount: { amount: -amount, currency } })
          else shippingLines.push({ title: description ?? "Shipping", amount: { amount, currency }, taxLines: [] })
          continue
        }
        const sku = textOf(line["product."]?.code)
        if (sku === undefined) {
          return yield* failAt(
            ast,
            raw,
            ["lines", i, "product.", "code"],
            `product ${line.product} has no code; set one in Tryton, it is the SKU`,
          )
        }
        lines.push({
          sku,
          ...(description === undefined ? {} : { title: description }),
          quantity,
          unitPrice: unit,
          discounts: [],
          taxLines: [],
        })
      }
      const [first, ...rest] = lines
      if (first === undefined)
        return yield* failAt(ast, raw, ["lines"], `sale ${raw.number ?? raw.id} sells no product`)
      const key = splitReference(textOf(raw.reference))
      const code = textOf(raw["party."].code)
      const email = textOf(raw["party."].email)
      const billingAddress = addressOf(raw.invoice)
      const shippingAddress = addressOf(raw.shipment)
      const note = textOf(raw.comment)
      return {
        channel: key?.[0] ?? defaults.channel,
        orderNumber: key?.[1] ?? textOf(raw.number) ?? String(raw.id),
        ...(code === undefined && email === undefined
          ? {}
          : {
              customer: {
                ...(code === undefined ? {} : { customerNumber: code }),
                ...(email === undefined ? {} : { email }),
              },
            }),
        currency,
        taxesIncluded: false,
        lines: [first, ...rest],
        shippingLines,
        discounts,
        totals: computeTotals({ currency, taxesIncluded: false, lines, shippingLines, discounts }),
        paymentStatus: "pending" as const,
        payments: [],
        fulfillmentMethod: { kind: "ship" as const },
        ...(billingAddress === undefined ? {} : { billingAddress }),
        ...(shippingAddress === undefined ? {} : { shippingAddress }),
        placedAt: raw.sale_date === null ? raw.changed_at : instantOfDate(raw.sale_date),
        status: statusOf(raw.state, raw.shipment_state),
        ...(note === undefined ? {} : { note }),
        updatedAt: raw.changed_at,
      }
    }),
  encode: (order) =>
    Effect.sync(() => {
      const when = dateTimeOf(order.updatedAt)
      const [state, shipmentState] = STATE_OF[order.status]
      const line = (
        id: number,
        product: string | null,
        description: string | null,
        quantity: number,
        price: string,
      ) => ({
        id,
        sale: 1,
        sequence: id,
        type: "line",
        product: product === null ? null : id,
        "product.": product === null ? null : { id, code: product },
        quantity,
        unit_price: decimal(price),
        description,
        create_date: when,
        write_date: when,
      })
      const address = (a: Address | undefined, id: number) =>
        a === undefined
          ? null
          : {
              id,
              party: 1,
              name: [a.firstName, a.lastName].filter((p) => p !== undefined).join(" ") || null,
              street: [a.line1, a.line2].filter((l) => l !== undefined).join("\n"),
              postal_code: a.postalCode ?? null,
              city: a.city,
              country: id,
              "country.": { id, code: a.countryCode },
              active: 1 as const,
              sequence: null,
              create_date: when,
              write_date: when,
            }
      return {
        id: 1,
        number: order.orderNumber,
        reference: `${order.channel}:${order.orderNumber}`,
        description: order.channel,
        state,
        shipment_state: shipmentState,
        sale_date: dateOf(order.placedAt),
        "currency.": { id: 1, code: order.currency },
        party: 1,
        "party.": { id: 1, code: order.customer?.customerNumber ?? null, email: order.customer?.email ?? null },
        invoice_address: order.billingAddress === undefined ? null : 1,
        shipment_address: order.shippingAddress === undefined ? null : 2,
        comment: order.note ?? null,
        create_date: when,
        write_date: when,
        lines: [
          ...order.lines.map((l, i) => line(i + 1, l.sku, l.title ?? null, l.quantity, decimalOf(l.unitPrice))),
          ...order.shippingLines.map((s, i) => line(100 + i, null, s.title, 1, decimalOf(s.amount))),
          ...order.discounts.map((d, i) =>
            line(200 + i, null, d.title, 1, decimalOf({ ...d.amount, amount: -d.amount.amount })),
          ),
        ],
        invoice: address(order.billingAddress, 1),
        shipment: address(order.shippingAddress, 2),
        changed_at: order.updatedAt,
      }
    }),
})
