/**
 * WooCommerce order ⇄ canonical Order (read direction; orders flow shop → hub → ERP).
 *
 * - WooCommerce keeps line and shipping amounts without tax, taxes beside them. A shop whose
 *   prices are entered with tax (`prices_include_tax`) becomes a tax-inclusive canonical order
 *   with the gross amounts (what the customer saw); otherwise a net one.
 * - A line's discount is what coupons took off it (`subtotal − total`); the coupon code is on it
 *   when the order has one coupon. `coupon_lines` are not repeated as order-level discounts.
 * - A shipping line with `method_id` `local_pickup` or `pickup_location` is click & collect: its
 *   `pickup_location` (or title) is looked up in the `pickupLocations` config; a name not listed
 *   there is used as the location code as it is, so the ERP refuses it visibly.
 * - Amounts are decimal strings, turned into minor units exactly; the totals must add up to
 *   WooCommerce's `total` (fee lines are not supported and make the order fail at `$.total`).
 */
import { Effect, Schema } from "effect"
import { pickupTable } from "../../connectors/woocommerce/lookupTables.ts"
import { gmtInstant } from "../../connectors/woocommerce/schemas/common.ts"
import {
  type LineItem,
  WooOrder,
  type ShippingLine as WooShippingLine,
} from "../../connectors/woocommerce/schemas/order.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import {
  computeTotals,
  fromMinorUnits,
  normalizeEmail,
  Order,
  toInstant,
  toMinorUnits,
} from "../../core/model/index.ts"
import { addressFromWoo, addressToWoo, hasAddress } from "./address.ts"

type OrderEncoded = typeof Order.Encoded
type Status = OrderEncoded["status"]

const PICKUP_METHODS = new Set(["local_pickup", "pickup_location"])
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const statusOf: Readonly<Record<WooOrder["status"], Status>> = {
  pending: "open",
  "on-hold": "open",
  "checkout-draft": "open",
  processing: "confirmed",
  completed: "fulfilled",
  cancelled: "cancelled",
  failed: "cancelled",
  trash: "cancelled",
  refunded: "closed",
}
const wooStatusOf: Readonly<Record<Status, WooOrder["status"]>> = {
  open: "pending",
  confirmed: "processing",
  partially_fulfilled: "processing",
  fulfilled: "completed",
  cancelled: "cancelled",
  closed: "refunded",
}

const paymentStatusOf = (o: WooOrder): OrderEncoded["paymentStatus"] => {
  if (o.status === "refunded") return "refunded"
  if (o.status === "cancelled" || o.status === "failed" || o.status === "trash") return "voided"
  return o.date_paid_gmt === null ? "pending" : "paid"
}

/** GMT without zone → instant, and back. */
const instant = (gmt: string) => toInstant(gmtInstant(gmt))
const wooGmt = (at: string) => at.replace(/(\.\d+)?Z$/, "")

const OrderFromWoo = Schema.transformOrFail(WooOrder, Order, {
  strict: true,
  decode: (o, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, o)
      const currency = o.currency
      const minor = (path: ReadonlyArray<string | number>, value: string): number =>
        problems.attempt(path, () => toMinorUnits(value, currency)) ?? 0
      const money = (amount: number) => ({ amount, currency })
      const gross = o.prices_include_tax
      const rates = new Map(o.tax_lines.map((t) => [t.rate_id, t]))
      const taxLinesOf = (
        taxes: ReadonlyArray<{ readonly id: number; readonly total: string }>,
        path: ReadonlyArray<string | number>,
      ) =>
        taxes.map((tax, j) => {
          const rate = rates.get(tax.id)
          if (rate?.rate_percent === undefined) {
            problems.add([...path, j, "id"], `tax rate ${tax.id} has no rate_percent in the order's tax_lines`, tax.id)
          }
          return {
            title: rate?.label ?? `Tax ${tax.id}`,
            rate: (rate?.rate_percent ?? 0) / 100,
            amount: money(minor([...path, j, "total"], tax.total)),
          }
        })
      const codes = o.coupon_lines.map((c) => c.code)

      const lines = o.line_items.map((line: LineItem, i) => {
        const path = ["line_items", i]
        const sku = line.sku?.trim() ?? ""
        if (sku === "") problems.add([...path, "sku"], "a line needs a SKU to be matched across systems", line.sku)
        if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
          problems.add([...path, "quantity"], "a line needs a positive whole quantity", line.quantity)
        }
        const before =
          minor([...path, "subtotal"], line.subtotal) +
          (gross ? minor([...path, "subtotal_tax"], line.subtotal_tax) : 0)
        const after =
          minor([...path, "total"], line.total) + (gross ? minor([...path, "total_tax"], line.total_tax) : 0)
        const quantity = Math.max(1, line.quantity)
        if (before % quantity !== 0) {
          problems.add(
            [...path, "subtotal"],
            `${fromMinorUnits(before, currency)} is not a whole unit price times ${quantity}`,
          )
        }
        const discount = before - after
        if (discount < 0) problems.add([...path, "total"], "the line total is above its subtotal")
        return {
          lineId: String(line.id),
          sku,
          title: line.name,
          quantity,
          unitPrice: money(Math.round(before / quantity)),
          discounts:
            discount > 0
              ? [
                  {
                    ...optional("code", codes.length === 1 ? codes[0] : undefined),
                    title: codes.length > 0 ? `Coupon ${codes.join(", ")}` : "Discount",
                    amount: money(discount),
                  },
                ]
              : [],
          taxLines: taxLinesOf(line.taxes, [...path, "taxes"]),
        }
      })

      const [firstLine, ...otherLines] = lines
      if (firstLine === undefined) problems.add(["line_items"], "an order needs at least one line")

      const shippingLines = o.shipping_lines.map((s: WooShippingLine, i) => ({
        title: s.method_title,
        ...optional("code", s.method_id === "" ? undefined : s.method_id),
        amount: money(
          minor(["shipping_lines", i, "total"], s.total) +
            (gross ? minor(["shipping_lines", i, "total_tax"], s.total_tax) : 0),
        ),
        taxLines: taxLinesOf(s.taxes, ["shipping_lines", i, "taxes"]),
      }))

      const pickup = o.shipping_lines.find((s) => PICKUP_METHODS.has(s.method_id))
      const pickupName = pickup?.meta_data.find((m) => m.key === "pickup_location")?.value
      const locationName = (typeof pickupName === "string" ? pickupName : (pickup?.method_title ?? "")).trim()
      if (pickup !== undefined && locationName === "") {
        problems.add(["shipping_lines", o.shipping_lines.indexOf(pickup)], "a pickup needs its pickup location")
      }

      const email = (o.billing.email ?? "").trim()
      const totals = computeTotals({ currency, taxesIncluded: gross, lines, shippingLines, discounts: [] })
      const total = minor(["total"], o.total)
      if (totals.grandTotal.amount !== total) {
        problems.add(
          ["total"],
          `the lines, shipping and taxes add up to ${fromMinorUnits(totals.grandTotal.amount, currency)} (fee lines are not supported)`,
          o.total,
        )
      }
      const placedAt = problems.attempt(["date_created_gmt"], () => instant(o.date_created_gmt))
      const updatedAt = problems.attempt(["date_modified_gmt"], () => instant(o.date_modified_gmt))
      const paidAt =
        o.date_paid_gmt === null ? undefined : problems.attempt(["date_paid_gmt"], () => instant(o.date_paid_gmt ?? ""))
      const paymentStatus = paymentStatusOf(o)

      return yield* problems.result(
        (): OrderEncoded => ({
          channel: ctx.defaults.channel,
          orderNumber: o.number,
          ...optional("customer", EMAIL.test(email) ? { email: normalizeEmail(email) } : undefined),
          currency,
          taxesIncluded: gross,
          // Only built without problems, so there is at least one line.
          lines: [firstLine!, ...otherLines],
          shippingLines,
          discounts: [],
          totals,
          paymentStatus,
          payments:
            o.payment_method === ""
              ? []
              : [
                  {
                    gateway: o.payment_method,
                    amount: totals.grandTotal,
                    status:
                      paymentStatus === "refunded"
                        ? "refunded"
                        : paymentStatus === "voided"
                          ? "voided"
                          : paidAt === undefined
                            ? "pending"
                            : "captured",
                    ...optional("reference", o.transaction_id === "" ? undefined : o.transaction_id),
                    ...optional("processedAt", paidAt),
                  },
                ],
          fulfillmentMethod:
            pickup === undefined
              ? { kind: "ship" }
              : { kind: "pickup", locationCode: ctx.lookup(pickupTable, locationName) ?? locationName },
          ...optional("billingAddress", hasAddress(o.billing) ? addressFromWoo(o.billing) : undefined),
          ...optional("shippingAddress", hasAddress(o.shipping) ? addressFromWoo(o.shipping) : undefined),
          placedAt: placedAt!,
          status: statusOf[o.status],
          ...optional("note", o.customer_note.trim() === "" ? undefined : o.customer_note),
          updatedAt: updatedAt!,
        }),
      )
    }),
  encode: (order) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const currency = order.currency
      const dec = (amount: number) => fromMinorUnits(amount, currency)
      const gross = order.taxesIncluded
      const rateKeys: Array<string> = []
      const rateIdOf = (t: { title: string; rate: number }) => {
        const key = `${t.title}|${t.rate}`
        if (!rateKeys.includes(key)) rateKeys.push(key)
        return rateKeys.indexOf(key) + 1
      }
      const taxesOf = (taxLines: ReadonlyArray<{ title: string; rate: number; amount: { amount: number } }>) =>
        taxLines.map((t) => ({ id: rateIdOf(t), total: dec(t.amount.amount), subtotal: dec(t.amount.amount) }))
      const sumTax = (taxLines: ReadonlyArray<{ amount: { amount: number } }>) =>
        taxLines.reduce((s, t) => s + t.amount.amount, 0)
      const line_items = order.lines.map((line, i) => {
        const tax = sumTax(line.taxLines)
        const before = line.unitPrice.amount * line.quantity
        const after = before - line.discounts.reduce((s, d) => s + d.amount.amount, 0)
        return {
          id: line.lineId === undefined ? i + 1 : Number(line.lineId),
          name: line.title ?? line.sku,
          product_id: 0,
          variation_id: 0,
          quantity: line.quantity,
          tax_class: "",
          subtotal: dec(gross ? before - tax : before),
          subtotal_tax: dec(tax),
          total: dec(gross ? after - tax : after),
          total_tax: dec(tax),
          taxes: taxesOf(line.taxLines),
          sku: line.sku,
          price: (gross ? after - tax : after) / line.quantity / 100,
        }
      })
      const pickupCode = order.fulfillmentMethod.kind === "pickup" ? order.fulfillmentMethod.locationCode : undefined
      const pickupName =
        pickupCode === undefined ? undefined : (ctx.reverseLookup(pickupTable, pickupCode) ?? pickupCode)
      const shippingSource =
        pickupCode !== undefined && !order.shippingLines.some((s) => s.code !== undefined && PICKUP_METHODS.has(s.code))
          ? [
              ...order.shippingLines,
              { title: "Local pickup", code: "pickup_location", amount: { amount: 0, currency }, taxLines: [] },
            ]
          : order.shippingLines
      const shipping_lines = shippingSource.map((s, i) => {
        const tax = sumTax(s.taxLines)
        const isPickup = s.code !== undefined && PICKUP_METHODS.has(s.code)
        return {
          id: i + 1,
          method_title: s.title,
          method_id: s.code ?? "",
          total: dec(gross ? s.amount.amount - tax : s.amount.amount),
          total_tax: dec(tax),
          taxes: taxesOf(s.taxLines),
          meta_data: isPickup && pickupName !== undefined ? [{ key: "pickup_location", value: pickupName }] : [],
        }
      })
      const codes = [
        ...new Set(order.lines.flatMap((l) => l.discounts.flatMap((d) => (d.code === undefined ? [] : [d.code])))),
      ]
      const lineTax = order.lines.reduce((s, l) => s + sumTax(l.taxLines), 0)
      const shippingTax = order.shippingLines.reduce((s, l) => s + sumTax(l.taxLines), 0)
      const payment = order.payments[0]
      const paid =
        order.paymentStatus === "paid" || order.paymentStatus === "partially_paid" || order.paymentStatus === "refunded"
      const status =
        order.paymentStatus === "voided" && order.status !== "cancelled" ? "cancelled" : wooStatusOf[order.status]
      return {
        id: /^\d+$/.test(order.orderNumber) ? Number(order.orderNumber) : 0,
        number: order.orderNumber,
        status: order.paymentStatus === "refunded" ? ("refunded" as const) : status,
        currency,
        prices_include_tax: gross,
        date_created_gmt: wooGmt(order.placedAt),
        date_modified_gmt: wooGmt(order.updatedAt),
        date_paid_gmt: paid ? wooGmt(payment?.processedAt ?? order.placedAt) : null,
        discount_total: dec(order.totals.discountTotal.amount),
        discount_tax: "0.00",
        shipping_total: dec(order.totals.shippingTotal.amount - (gross ? shippingTax : 0)),
        shipping_tax: dec(shippingTax),
        cart_tax: dec(lineTax),
        total: dec(order.totals.grandTotal.amount),
        total_tax: dec(order.totals.taxTotal.amount),
        customer_id: 0,
        customer_note: order.note ?? "",
        billing: { ...addressToWoo(order.billingAddress), email: order.customer?.email ?? "" },
        shipping: addressToWoo(order.shippingAddress),
        payment_method: payment?.gateway ?? "",
        payment_method_title: payment?.gateway ?? "",
        transaction_id: payment?.reference ?? "",
        line_items,
        tax_lines: rateKeys.map((key, i) => {
          const [label = "", rate = "0"] = key.split("|")
          return {
            id: i + 1,
            rate_code: label,
            rate_id: i + 1,
            label,
            compound: false,
            tax_total: "0.00",
            shipping_tax_total: "0.00",
            rate_percent: Math.round(Number(rate) * 10_000) / 100,
          }
        }),
        shipping_lines,
        coupon_lines: codes.map((code, i) => ({ id: i + 1, code, discount: "0.00", discount_tax: "0.00" })),
      }
    }),
})

/** WooCommerce orders ⇄ canonical orders. */
export const orderMapping = defineMapping({ entity: "order", read: OrderFromWoo })
