/**
 * Vendure order ⇄ canonical Order (read: the orders stream). The order number is Vendure's
 * order `code`, the channel the system's. Amounts are whole minor units; whether they include
 * tax is the channel's `pricesIncludeTax` (lookups.ts), since Vendure 3.7 has no such field on
 * the order. Per line: the unit price (gross or net), promotions as one discount
 * (`linePrice − proratedLinePrice`, order-level promotions prorated onto the lines as Vendure
 * does), tax as `proratedLinePriceWithTax − proratedLinePrice`. Shipping at its list price, a
 * shipping discount as an order discount. The totals must add up to Vendure's `totalWithTax`.
 */
import { Effect, Schema } from "effect"
import { type OrderLineRecord, OrderRecord } from "../../connectors/vendure/schemas/order.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { computeTotals, normalizeEmail, Order, toInstant } from "../../core/model/index.ts"
import { decodeAddress, encodeAddress } from "./address.ts"
import { pricesIncludeTax } from "./lookups.ts"

type OrderEncoded = typeof Order.Encoded
type PaymentStatus = OrderEncoded["paymentStatus"]
type OrderStatus = OrderEncoded["status"]
type PaymentState = OrderEncoded["payments"][number]["status"]

const PAID_STATES = ["PaymentSettled", "PartiallyShipped", "Shipped", "PartiallyDelivered", "Delivered"]

/** Vendure's default order process states → the hub's payment status. */
const paymentStatusOf = (state: string): PaymentStatus =>
  PAID_STATES.includes(state)
    ? "paid"
    : state === "PaymentAuthorized"
      ? "authorized"
      : state === "Cancelled"
        ? "voided"
        : "pending"

/** Vendure's default order process states → the hub's order status. */
const statusOf = (state: string): OrderStatus => {
  switch (state) {
    case "PaymentAuthorized":
    case "PaymentSettled":
      return "confirmed"
    case "PartiallyShipped":
    case "PartiallyDelivered":
      return "partially_fulfilled"
    case "Shipped":
    case "Delivered":
      return "fulfilled"
    case "Cancelled":
      return "cancelled"
    default:
      return "open"
  }
}

/** The Vendure state a canonical order reads back as (decode ∘ encode keeps status and payment). */
const stateOf = (status: OrderStatus, payment: PaymentStatus): string => {
  switch (status) {
    case "confirmed":
      return payment === "authorized" ? "PaymentAuthorized" : "PaymentSettled"
    case "partially_fulfilled":
      return "PartiallyShipped"
    case "fulfilled":
    case "closed":
      return "Shipped"
    case "cancelled":
      return "Cancelled"
    default:
      return "ArrangingPayment"
  }
}

const PAYMENT_STATES: Readonly<Record<string, PaymentState>> = {
  Created: "pending",
  Authorized: "authorized",
  Settled: "captured",
  Declined: "failed",
  Error: "failed",
  Cancelled: "voided",
}
const PAYMENT_STATES_BACK: Readonly<Record<PaymentState, string>> = {
  pending: "Created",
  authorized: "Authorized",
  captured: "Settled",
  refunded: "Settled",
  failed: "Declined",
  voided: "Cancelled",
}

const whole = (amount: number): number => Math.round(amount)

const decodeLine = (line: OrderLineRecord, index: number, gross: boolean, currency: string, problems: Problems) => {
  const money = (amount: number) => ({ amount: whole(amount), currency })
  const sku = line.productVariant.sku.trim()
  if (sku === "")
    problems.add(["lines", index, "productVariant", "sku"], "an order line needs a SKU", line.productVariant.sku)
  const listed = gross ? line.linePriceWithTax : line.linePrice
  const prorated = gross ? line.proratedLinePriceWithTax : line.proratedLinePrice
  const discount = whole(listed - prorated)
  const tax = whole(line.proratedLinePriceWithTax - line.proratedLinePrice)
  const rate = line.taxLines[0]?.taxRate ?? 0
  return {
    lineId: line.id,
    sku,
    title: line.productVariant.name,
    quantity: line.quantity,
    unitPrice: money(gross ? line.unitPriceWithTax : line.unitPrice),
    discounts:
      discount > 0
        ? [
            {
              ...optional("code", line.discounts.find((d) => d.adjustmentSource !== "")?.adjustmentSource),
              title: line.discounts.map((d) => d.description).join(", ") || "Promotion",
              amount: money(discount),
            },
          ]
        : [],
    taxLines: [
      { title: line.taxLines.map((t) => t.description).join(", ") || "Tax", rate: rate / 100, amount: money(tax) },
    ],
  }
}

/** A cancelled line as it was ordered: `ordered` units at its unit prices, without discounts. */
const asOrdered = (line: OrderLineRecord, ordered: number): OrderLineRecord => ({
  ...line,
  quantity: ordered,
  linePrice: line.unitPrice * ordered,
  linePriceWithTax: line.unitPriceWithTax * ordered,
  proratedLinePrice: line.unitPrice * ordered,
  proratedLinePriceWithTax: line.unitPriceWithTax * ordered,
})

const OrderFromVendure = Schema.transformOrFail(OrderRecord, Order, {
  strict: true,
  decode: (order, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, order)
      const gross = pricesIncludeTax(ctx)
      const currency = order.currencyCode
      const money = (amount: number) => ({ amount: whole(amount), currency })
      if (order.orderPlacedAt === null) problems.add(["orderPlacedAt"], "only placed orders go to the hub", null)
      // A cancelled line keeps its row with quantity 0: it was never sold. A cancelled order has
      // only such lines; the hub keeps what was ordered, with the status saying it was cancelled.
      const cancelled = order.state === "Cancelled" && order.lines.every((line) => line.quantity === 0)
      const lines = order.lines.flatMap((line, i) => {
        if (line.quantity > 0) return [decodeLine(line, i, gross, currency, problems)]
        const ordered = line.orderPlacedQuantity ?? 0
        return cancelled && ordered > 0 ? [decodeLine(asOrdered(line, ordered), i, gross, currency, problems)] : []
      })
      const [first, ...rest] = lines
      if (first === undefined) problems.add(["lines"], "the order has no line with a quantity")
      const shippingLines = order.shippingLines.map((s) => ({
        title: s.shippingMethod.name,
        code: s.shippingMethod.code,
        amount: money(gross ? s.priceWithTax : s.price),
        taxLines: [
          {
            title: "Shipping tax",
            rate:
              s.discountedPrice > 0
                ? Math.round(((s.discountedPriceWithTax - s.discountedPrice) / s.discountedPrice) * 100) / 100
                : 0,
            amount: money(s.discountedPriceWithTax - s.discountedPrice),
          },
        ],
      }))
      const shippingDiscount = order.shippingLines.reduce(
        (sum, s) => sum + whole(gross ? s.priceWithTax - s.discountedPriceWithTax : s.price - s.discountedPrice),
        0,
      )
      const discounts = shippingDiscount > 0 ? [{ title: "Shipping discount", amount: money(shippingDiscount) }] : []
      // Vendure's totals of a cancelled order are what is left of it: its shipping.
      if (first !== undefined && !cancelled) {
        const { grandTotal } = computeTotals({ currency, taxesIncluded: gross, lines, shippingLines, discounts })
        if (grandTotal.amount !== whole(order.totalWithTax)) {
          problems.add(
            ["totalWithTax"],
            `the lines, shipping and discounts add up to ${grandTotal.amount}, Vendure says ${order.totalWithTax}; is pricesIncludeTax set as on the channel?`,
            order.totalWithTax,
          )
        }
      }
      const email = order.customer?.emailAddress.trim()
      const shippingAddress =
        order.shippingAddress === null ? undefined : decodeAddress(order.shippingAddress, ["shippingAddress"], problems)
      const billingAddress =
        order.billingAddress === null || order.billingAddress.streetLine1 === null
          ? undefined
          : decodeAddress(order.billingAddress, ["billingAddress"], problems)
      const placedAt = problems.attempt(["orderPlacedAt"], () => toInstant(order.orderPlacedAt ?? ""))
      const updatedAt = problems.attempt(["updatedAt"], () => toInstant(order.updatedAt))
      return yield* problems.result((): OrderEncoded => {
        const fields = {
          currency,
          taxesIncluded: gross,
          lines: [first!, ...rest] as const,
          shippingLines,
          discounts,
        }
        const totals = computeTotals(fields)
        return {
          channel: ctx.defaults.channel,
          orderNumber: order.code,
          ...optional("customer", email === undefined || email === "" ? undefined : { email: normalizeEmail(email) }),
          ...fields,
          totals,
          paymentStatus: paymentStatusOf(order.state),
          payments: (order.payments ?? []).map((p) => ({
            gateway: p.method,
            amount: money(p.amount),
            status: PAYMENT_STATES[p.state] ?? "pending",
            ...optional("reference", p.transactionId ?? undefined),
            processedAt: toInstant(p.createdAt),
          })),
          fulfillmentMethod: { kind: "ship" },
          ...optional("billingAddress", billingAddress),
          ...optional("shippingAddress", shippingAddress),
          placedAt: placedAt!,
          status: statusOf(order.state),
          // The later of the two, as the stream orders them: Vendure leaves updatedAt before placement.
          updatedAt: Date.parse(placedAt!) > Date.parse(updatedAt!) ? placedAt! : updatedAt!,
        }
      })
    }),
  encode: (order) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const gross = pricesIncludeTax(ctx)
      const lines = order.lines.map((line, i) => {
        const listed = line.quantity * line.unitPrice.amount
        const discount = line.discounts.reduce((sum, d) => sum + d.amount.amount, 0)
        const tax = line.taxLines.reduce((sum, t) => sum + t.amount.amount, 0)
        const prorated = listed - discount
        const [net, withTax] = gross ? [prorated - tax, prorated] : [prorated, prorated + tax]
        const [listNet, listWithTax] = gross ? [listed - tax, listed] : [listed, listed + tax]
        return {
          id: line.lineId ?? String(i + 1),
          quantity: line.quantity,
          unitPrice: gross ? Math.round(listNet / line.quantity) : line.unitPrice.amount,
          unitPriceWithTax: gross ? line.unitPrice.amount : Math.round(listWithTax / line.quantity),
          linePrice: listNet,
          linePriceWithTax: listWithTax,
          proratedLinePrice: net,
          proratedLinePriceWithTax: withTax,
          taxLines: line.taxLines.map((t) => ({ description: t.title, taxRate: Math.round(t.rate * 10_000) / 100 })),
          discounts: line.discounts.map((d) => ({
            adjustmentSource: d.code ?? "",
            amount: d.amount.amount,
            amountWithTax: d.amount.amount,
            description: d.title,
            type: "PROMOTION",
          })),
          productVariant: { id: line.sku, sku: line.sku, name: line.title ?? line.sku },
        }
      })
      const shippingDiscount = order.discounts.reduce((sum, d) => sum + d.amount.amount, 0)
      const shippingLines = order.shippingLines.map((s, i) => {
        const tax = s.taxLines.reduce((sum, t) => sum + t.amount.amount, 0)
        const discounted = s.amount.amount - (i === 0 ? shippingDiscount : 0)
        return {
          id: String(i + 1),
          shippingMethod: { id: String(i + 1), code: s.code ?? s.title, name: s.title },
          price: gross ? s.amount.amount - tax : s.amount.amount,
          priceWithTax: gross ? s.amount.amount : s.amount.amount + tax,
          discountedPrice: gross ? discounted - tax : discounted,
          discountedPriceWithTax: gross ? discounted : discounted + tax,
        }
      })
      const subTotal = lines.reduce((sum, l) => sum + l.proratedLinePrice, 0)
      const subTotalWithTax = lines.reduce((sum, l) => sum + l.proratedLinePriceWithTax, 0)
      const shipping = shippingLines.reduce((sum, s) => sum + s.discountedPrice, 0)
      const shippingWithTax = shippingLines.reduce((sum, s) => sum + s.discountedPriceWithTax, 0)
      const address = (a: typeof order.shippingAddress) => (a === undefined ? null : encodeAddress(a))
      return {
        id: order.orderNumber,
        code: order.orderNumber,
        state: stateOf(order.status, order.paymentStatus),
        active: false,
        createdAt: order.placedAt,
        updatedAt: order.updatedAt,
        orderPlacedAt: order.placedAt,
        currencyCode: order.currency,
        couponCodes: [],
        customer:
          order.customer?.email === undefined
            ? null
            : { id: order.customer.email, emailAddress: order.customer.email, firstName: "", lastName: "" },
        shippingAddress: address(order.shippingAddress),
        billingAddress: address(order.billingAddress),
        lines,
        shippingLines,
        subTotal,
        subTotalWithTax,
        shipping,
        shippingWithTax,
        total: subTotal + shipping,
        totalWithTax: subTotalWithTax + shippingWithTax,
        payments: order.payments.map((p, i) => ({
          id: String(i + 1),
          method: p.gateway,
          amount: p.amount.amount,
          state: PAYMENT_STATES_BACK[p.status],
          transactionId: p.reference ?? null,
          createdAt: p.processedAt ?? order.placedAt,
        })),
        fulfillments: [],
      }
    }),
})

/** Vendure orders → canonical orders (read only: orders are placed in the shop). */
export const orderMapping = defineMapping({ entity: "order", read: OrderFromVendure })
