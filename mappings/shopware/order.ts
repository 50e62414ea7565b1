/**
 * Shopware order → canonical Order (orders flow from the shop to the hub).
 *
 * - Lines are the `product` line items (SKU = `payload.productNumber`); taxes come from each
 *   price's `calculatedTaxes`. Shipping lines are the deliveries with their `shippingCosts`.
 * - Promotions (`promotion`/`discount` line items, negative) become order-level discounts with
 *   their code. Their (negative) taxes reduce the tax of the largest line at the same rate, so
 *   the canonical tax total is Shopware's.
 * - Click & collect: a delivery whose shipping method (id or technical name) is in the
 *   `pickupShippingMethods` config is a pickup at that location.
 * - The totals are checked against Shopware's `amountTotal`; an order that does not add up fails
 *   at that path (to the DLQ), it is never "fixed" here.
 * - `encode` writes the order the decode reads, for the round-trip tests.
 */
import { Effect, Schema } from "effect"
import { shopwareId } from "../../connectors/shopware/ids.ts"
import { TABLES } from "../../connectors/shopware/lookupTables.ts"
import { ShopwareOrder } from "../../connectors/shopware/schemas/order.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { computeTotals, normalizeEmail, Order, toInstant } from "../../core/model/index.ts"
import {
  addressOf,
  calculatedTaxesOf,
  failAt,
  floatOf,
  moneyOf,
  percentOf,
  shopwareAddressOf,
  shopwareTime,
  taxLinesOf,
} from "./values.ts"

type OrderType = typeof Order.Type
type PaymentStatus = OrderType["paymentStatus"]
type PaymentState = OrderType["payments"][number]["status"]

/** Transaction state → order payment status. */
const PAYMENT_STATUS: Readonly<Record<string, PaymentStatus>> = {
  open: "pending",
  in_progress: "pending",
  unconfirmed: "pending",
  reminded: "pending",
  failed: "pending",
  authorized: "authorized",
  paid: "paid",
  paid_partially: "partially_paid",
  refunded: "refunded",
  chargeback: "refunded",
  refunded_partially: "partially_refunded",
  cancelled: "voided",
}

/** Transaction state → payment state, and back (the first state listed for each wins). */
const PAYMENT_STATE: ReadonlyArray<readonly [string, PaymentState]> = [
  ["open", "pending"],
  ["in_progress", "pending"],
  ["unconfirmed", "pending"],
  ["reminded", "pending"],
  ["authorized", "authorized"],
  ["paid", "captured"],
  ["paid_partially", "captured"],
  ["refunded", "refunded"],
  ["refunded_partially", "refunded"],
  ["chargeback", "refunded"],
  ["failed", "failed"],
  ["cancelled", "voided"],
]

const ORDER_STATE: Readonly<Record<string, OrderType["status"]>> = {
  open: "open",
  in_progress: "confirmed",
  completed: "closed",
  cancelled: "cancelled",
}

const PROMOTION_TYPES = new Set(["promotion", "discount"])

export const orderRead = Schema.transformOrFail(ShopwareOrder, Order, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const currency = raw.currency.isoCode
      const m = (value: number) => moneyOf(value, currency)
      const lines: Array<OrderType["lines"][number]> = []
      const discounts: Array<OrderType["discounts"][number]> = []
      const promotionTaxes: Array<{ rate: number; amount: number }> = []
      for (const [index, item] of raw.lineItems.entries()) {
        if (item.parentId) continue
        if (item.type === "product") {
          const sku = item.payload?.productNumber?.trim()
          if (!sku)
            return yield* failAt(
              ast,
              raw,
              ["lineItems", index, "payload", "productNumber"],
              "a product line item needs its productNumber (the SKU)",
            )
          if (!Number.isInteger(item.quantity) || item.quantity < 1) {
            return yield* failAt(
              ast,
              raw,
              ["lineItems", index, "quantity"],
              `quantity ${item.quantity} is not a positive whole number`,
            )
          }
          lines.push({
            lineId: item.id,
            sku,
            title: item.label,
            quantity: item.quantity,
            unitPrice: m(item.price.unitPrice),
            discounts: [],
            taxLines: taxLinesOf(item.price.calculatedTaxes, currency),
          })
        } else if (PROMOTION_TYPES.has(item.type)) {
          const code = item.payload?.code
          discounts.push({ ...(code ? { code } : {}), title: item.label, amount: m(-item.price.totalPrice) })
          for (const t of item.price.calculatedTaxes)
            promotionTaxes.push({ rate: t.taxRate / 100, amount: m(t.tax).amount })
        } else {
          return yield* failAt(
            ast,
            raw,
            ["lineItems", index, "type"],
            `line item type "${item.type}" is not supported (product, promotion, discount)`,
          )
        }
      }
      // A promotion's tax is a reduction of the tax of the lines it applies to.
      for (const tax of promotionTaxes) {
        const candidates = lines
          .map((line, index) => ({ line, index, total: line.unitPrice.amount * line.quantity }))
          .filter(({ line }) => line.taxLines.some((t) => t.rate === tax.rate))
          .sort((a, b) => b.total - a.total)
        const target = candidates[0]
        if (target === undefined)
          return yield* failAt(
            ast,
            raw,
            ["lineItems"],
            `a promotion carries ${percentOf(tax.rate)} % tax but no line has that rate`,
          )
        lines[target.index] = {
          ...target.line,
          taxLines: target.line.taxLines.map((t) =>
            t.rate === tax.rate ? { ...t, amount: { ...t.amount, amount: t.amount.amount + tax.amount } } : t,
          ),
        }
      }
      const [first, ...rest] = lines
      if (first === undefined) return yield* failAt(ast, raw, ["lineItems"], "the order has no product line items")
      const shippingLines = raw.deliveries.map((d) => ({
        title: d.shippingMethod.name,
        code: d.shippingMethod.technicalName ?? d.shippingMethodId,
        amount: m(d.shippingCosts.totalPrice),
        taxLines: taxLinesOf(d.shippingCosts.calculatedTaxes, currency),
      }))
      const taxesIncluded = raw.price.taxStatus === "gross"
      const totals = computeTotals({ currency, taxesIncluded, lines, shippingLines, discounts })
      if (totals.grandTotal.amount !== m(raw.amountTotal).amount) {
        return yield* failAt(
          ast,
          raw,
          ["amountTotal"],
          `is ${raw.amountTotal} but the line items, promotions and shipping add up to ${floatOf(totals.grandTotal)}`,
        )
      }
      const transactions = [...raw.transactions].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      const lastPayment = transactions[transactions.length - 1]?.stateMachineState.technicalName
      const pickup = raw.deliveries
        .map(
          (d) =>
            ctx.lookup(TABLES.pickup, d.shippingMethodId) ??
            (d.shippingMethod.technicalName ? ctx.lookup(TABLES.pickup, d.shippingMethod.technicalName) : undefined),
        )
        .find((code) => code !== undefined)
      const billing = raw.addresses.find((a) => a.id === raw.billingAddressId)
      const shippingId = raw.deliveries[0]?.shippingOrderAddressId
      const shipping = shippingId ? raw.addresses.find((a) => a.id === shippingId) : undefined
      const deliveryStates = raw.deliveries.map((d) => d.stateMachineState.technicalName)
      const orderState = ORDER_STATE[raw.stateMachineState.technicalName] ?? "open"
      const status: OrderType["status"] =
        orderState === "closed" || orderState === "cancelled" || deliveryStates.length === 0
          ? orderState
          : deliveryStates.every((s) => s === "shipped")
            ? "fulfilled"
            : deliveryStates.some((s) => s === "shipped" || s === "shipped_partially")
              ? "partially_fulfilled"
              : orderState
      const customerNumber = raw.orderCustomer.customerNumber?.trim()
      return {
        channel: ctx.defaults.channel,
        orderNumber: raw.orderNumber,
        customer: { ...(customerNumber ? { customerNumber } : {}), email: normalizeEmail(raw.orderCustomer.email) },
        currency,
        taxesIncluded,
        lines: [first, ...rest] as const,
        shippingLines,
        discounts,
        totals,
        paymentStatus: lastPayment === undefined ? "pending" : (PAYMENT_STATUS[lastPayment] ?? "pending"),
        payments: transactions.map((t) => ({
          gateway: t.paymentMethod.technicalName ?? t.paymentMethod.name,
          amount: m(t.amount.totalPrice),
          status: PAYMENT_STATE.find(([state]) => state === t.stateMachineState.technicalName)?.[1] ?? "pending",
          reference: t.id,
          processedAt: toInstant(t.createdAt),
        })),
        fulfillmentMethod:
          pickup === undefined ? { kind: "ship" as const } : { kind: "pickup" as const, locationCode: pickup },
        ...(billing === undefined ? {} : { billingAddress: addressOf(billing) }),
        ...(shipping === undefined ? {} : { shippingAddress: addressOf(shipping) }),
        placedAt: toInstant(raw.orderDateTime),
        status,
        ...(raw.customerComment ? { note: raw.customerComment } : {}),
        updatedAt: toInstant(raw.updatedAt ?? raw.createdAt),
      }
    }),
  encode: (order) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const id = (kind: Parameters<typeof shopwareId>[0], key: string) =>
        shopwareId(kind, `${order.orderNumber}:${key}`)
      const money = (amount: number) => ({ amount, currency: order.currency })
      const at = shopwareTime(order.updatedAt)
      const billingId = id("address", "billing")
      const shippingId = order.shippingAddress === undefined ? undefined : id("address", "shipping")
      const addresses = [
        ...(order.billingAddress === undefined ? [] : [shopwareAddressOf(billingId, order.billingAddress)]),
        ...(order.shippingAddress === undefined || shippingId === undefined
          ? []
          : [shopwareAddressOf(shippingId, order.shippingAddress)]),
      ]
      const pickupMethod =
        order.fulfillmentMethod.kind === "pickup"
          ? ctx.reverseLookup(TABLES.pickup, order.fulfillmentMethod.locationCode)
          : undefined
      const deliveryState =
        order.status === "fulfilled" ? "shipped" : order.status === "partially_fulfilled" ? "shipped_partially" : "open"
      const orderState =
        order.status === "closed"
          ? "completed"
          : order.status === "cancelled"
            ? "cancelled"
            : order.status === "open"
              ? "open"
              : "in_progress"
      const taxesByRate = new Map<number, number>()
      for (const t of [...order.lines.flatMap((l) => l.taxLines), ...order.shippingLines.flatMap((s) => s.taxLines)]) {
        taxesByRate.set(t.rate, (taxesByRate.get(t.rate) ?? 0) + t.amount.amount)
      }
      const grand = order.totals.grandTotal
      return {
        id: id("order", "order"),
        orderNumber: order.orderNumber,
        orderDateTime: shopwareTime(order.placedAt),
        createdAt: at,
        updatedAt: at,
        currency: { isoCode: order.currency },
        taxStatus: order.taxesIncluded ? "gross" : "net",
        price: {
          netPrice: floatOf(money(grand.amount - order.totals.taxTotal.amount)),
          totalPrice: floatOf(grand),
          positionPrice: floatOf(money(order.totals.subtotal.amount - order.totals.discountTotal.amount)),
          taxStatus: order.taxesIncluded ? "gross" : "net",
          calculatedTaxes: [...taxesByRate].map(([rate, tax]) => ({
            tax: floatOf(money(tax)),
            taxRate: percentOf(rate),
            price: floatOf(grand),
          })),
        },
        shippingTotal: floatOf(order.totals.shippingTotal),
        amountTotal: floatOf(grand),
        stateMachineState: { technicalName: orderState },
        customerComment: order.note ?? null,
        orderCustomer: {
          email: order.customer?.email ?? "",
          firstName: order.billingAddress?.firstName ?? "",
          lastName: order.billingAddress?.lastName ?? "",
          customerNumber: order.customer?.customerNumber ?? null,
        },
        billingAddressId: billingId,
        addresses,
        lineItems: [
          ...order.lines.map((line, index) => {
            const total = money(line.unitPrice.amount * line.quantity)
            const lineId = line.lineId ?? id("lineItem", String(index))
            return {
              id: lineId,
              identifier: lineId,
              type: "product",
              label: line.title ?? line.sku,
              quantity: line.quantity,
              unitPrice: floatOf(line.unitPrice),
              totalPrice: floatOf(total),
              position: index + 1,
              parentId: null,
              payload: { productNumber: line.sku },
              price: {
                unitPrice: floatOf(line.unitPrice),
                totalPrice: floatOf(total),
                quantity: line.quantity,
                calculatedTaxes: calculatedTaxesOf(line.taxLines, total),
              },
            }
          }),
          ...order.discounts.map((discount, index) => {
            const lineId = id("lineItem", `discount:${index}`)
            const amount = -floatOf(discount.amount)
            return {
              id: lineId,
              identifier: lineId,
              type: "promotion",
              label: discount.title,
              quantity: 1,
              unitPrice: amount,
              totalPrice: amount,
              position: order.lines.length + index + 1,
              parentId: null,
              payload: { code: discount.code ?? null },
              price: { unitPrice: amount, totalPrice: amount, quantity: 1, calculatedTaxes: [] },
            }
          }),
        ],
        deliveries: order.shippingLines.map((s, index) => ({
          id: id("delivery", String(index)),
          shippingMethodId: pickupMethod ?? s.code ?? id("delivery", `method:${index}`),
          shippingMethod: { name: s.title, technicalName: s.code ?? pickupMethod ?? null },
          shippingOrderAddressId: shippingId ?? null,
          trackingCodes: [],
          stateMachineState: { technicalName: deliveryState },
          shippingCosts: {
            unitPrice: floatOf(s.amount),
            totalPrice: floatOf(s.amount),
            quantity: 1,
            calculatedTaxes: calculatedTaxesOf(s.taxLines, s.amount),
          },
        })),
        transactions: order.payments.map((p, index) => ({
          id: p.reference ?? id("transaction", String(index)),
          createdAt: shopwareTime(p.processedAt ?? order.placedAt),
          amount: { unitPrice: floatOf(p.amount), totalPrice: floatOf(p.amount), quantity: 1, calculatedTaxes: [] },
          paymentMethod: { name: p.gateway, technicalName: p.gateway },
          stateMachineState: {
            technicalName:
              order.paymentStatus === "partially_paid" && p.status === "captured"
                ? "paid_partially"
                : order.paymentStatus === "partially_refunded" && p.status === "refunded"
                  ? "refunded_partially"
                  : (PAYMENT_STATE.find(([, state]) => state === p.status)?.[0] ?? "open"),
          },
        })),
      }
    }),
})

/** `order`: read from the orders stream. */
export const orderMapping = defineMapping<"order", typeof ShopwareOrder.Encoded, unknown>({
  entity: "order",
  read: orderRead,
})
