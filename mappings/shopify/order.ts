/**
 * Shopify order → canonical Order (read only: orders flow from the shop to the hub).
 *
 * - Amounts are `shopMoney`, the shop currency. Totals are Shopify's own (`*Set`), not
 *   recomputed: the canonical schema checks they add up to the lines, and an order whose totals
 *   do not fails at the total's path (to the DLQ), never "fixed" here.
 * - Shopify's `subtotalPriceSet` is after line discounts; the canonical subtotal is before, so
 *   the line discounts are added back. Discounts allocated to shipping lines have no place on a
 *   canonical shipping line and become order-level discounts.
 * - Pick-up: a fulfilment order whose delivery method is `PICK_UP` (or `RETAIL`, a POS sale handed
 *   over at the counter), at its assigned location.
 * - `#1001` is order number `1001`; the channel is the system's.
 * - `encode` exists for the round-trip test: it writes the node the decode reads.
 */
import { Effect, Schema } from "effect"
import type {
  DiscountAllocationNode,
  OrderRecord,
  OrderTransactionNode,
} from "../../connectors/shopify/schemas/order.ts"
import { OrderRecord as OrderRecordSchema } from "../../connectors/shopify/schemas/order.ts"
import { defineMapping, MappingContext, valueMap } from "../../core/mapping/index.ts"
import { optional, type PathSegment, Problems } from "../../core/mapping/problems.ts"
import { type Money, normalizeEmail, Order, sumMoney, toInstant } from "../../core/model/index.ts"
import { mailingAddressFromCanonical, mailingAddressToCanonical } from "./address.ts"
import { locationCodeOf, locationRefOf } from "./lookups.ts"
import { moneyFromBag, moneyToBag } from "./money.ts"

type OrderEncoded = typeof Order.Encoded
type PaymentEncoded = OrderEncoded["payments"][number]

/** `displayFinancialStatus` → payment status; an expired authorisation is as good as voided. */
export const financialStatusMap = valueMap("Shopify financial status", [
  ["PENDING", "pending"],
  ["AUTHORIZED", "authorized"],
  ["PARTIALLY_PAID", "partially_paid"],
  ["PAID", "paid"],
  ["PARTIALLY_REFUNDED", "partially_refunded"],
  ["REFUNDED", "refunded"],
  ["VOIDED", "voided"],
  ["EXPIRED", "voided"],
])

/** `displayFulfillmentStatus` → order status, for orders neither cancelled nor closed. */
export const fulfillmentStatusMap = valueMap("Shopify fulfillment status", [
  ["UNFULFILLED", "open"],
  ["FULFILLED", "fulfilled"],
  ["PARTIALLY_FULFILLED", "partially_fulfilled"],
  ["PENDING_FULFILLMENT", "open"],
  ["OPEN", "open"],
  ["IN_PROGRESS", "open"],
  ["ON_HOLD", "open"],
  ["SCHEDULED", "open"],
  ["REQUEST_DECLINED", "open"],
  ["RESTOCKED", "cancelled"],
])

type PaymentStatus = PaymentEncoded["status"]

const paymentStatusOf = (t: OrderTransactionNode): PaymentStatus | undefined => {
  if (t.status === "FAILURE" || t.status === "ERROR") return "failed"
  if (t.status !== "SUCCESS") return "pending"
  switch (t.kind) {
    case "SALE":
    case "CAPTURE":
    case "CHANGE":
      return "captured"
    case "AUTHORIZATION":
    case "EMV_AUTHORIZATION":
      return "authorized"
    case "REFUND":
      return "refunded"
    case "VOID":
      return "voided"
    case "SUGGESTED_REFUND":
      // A suggestion Shopify computed, not money that moved.
      return undefined
  }
}

const transactionOf: Record<PaymentStatus, Pick<OrderTransactionNode, "kind" | "status">> = {
  captured: { kind: "SALE", status: "SUCCESS" },
  authorized: { kind: "AUTHORIZATION", status: "SUCCESS" },
  refunded: { kind: "REFUND", status: "SUCCESS" },
  voided: { kind: "VOID", status: "SUCCESS" },
  pending: { kind: "SALE", status: "PENDING" },
  failed: { kind: "SALE", status: "FAILURE" },
}

/** Decodes the pieces of one order, recording every problem at its path. */
const decodeOrder = (node: OrderRecord, problems: Problems) =>
  Effect.gen(function* () {
    const ctx = yield* MappingContext
    const moneyAt = (path: ReadonlyArray<PathSegment>, bag: { shopMoney: { amount: string; currencyCode: string } }) =>
      problems.attempt(path, () => moneyFromBag(bag)) ?? { amount: 0, currency: node.currencyCode }
    const instantAt = (path: ReadonlyArray<PathSegment>, value: string) =>
      problems.attempt(path, () => toInstant(value)) ?? value
    const taxLinesAt = (
      path: ReadonlyArray<PathSegment>,
      lines: OrderRecord["lineItems"]["nodes"][number]["taxLines"],
    ) =>
      lines.map((t, i) => {
        if (t.rate === null) problems.add([...path, i, "rate"], "a tax line needs its rate")
        return { title: t.title, rate: t.rate ?? 0, amount: moneyAt([...path, i, "priceSet"], t.priceSet) }
      })
    const discountsAt = (path: ReadonlyArray<PathSegment>, allocations: ReadonlyArray<DiscountAllocationNode>) =>
      allocations.map((d, i) => {
        const { code, title } = d.discountApplication
        return {
          ...optional("code", code),
          title: title ?? code ?? "Discount",
          amount: moneyAt([...path, i, "allocatedAmountSet"], d.allocatedAmountSet),
        }
      })

    const lines = node.lineItems.nodes.map((li, i) => {
      const path = ["lineItems", "nodes", i]
      const sku = li.sku?.trim() ?? ""
      if (sku === "") problems.add([...path, "sku"], "an order line needs a SKU for the ERP", li.sku)
      return {
        ...optional("lineId", li.id),
        sku,
        title: li.title,
        quantity: li.quantity,
        unitPrice: moneyAt([...path, "originalUnitPriceSet"], li.originalUnitPriceSet),
        discounts: discountsAt([...path, "discountAllocations"], li.discountAllocations),
        taxLines: taxLinesAt([...path, "taxLines"], li.taxLines),
      }
    })
    const shippingLines = node.shippingLines.nodes.map((s, i) => ({
      title: s.title,
      ...optional("code", s.code ?? undefined),
      amount: moneyAt(["shippingLines", "nodes", i, "originalPriceSet"], s.originalPriceSet),
      taxLines: taxLinesAt(["shippingLines", "nodes", i, "taxLines"], s.taxLines),
    }))
    const shippingDiscounts = node.shippingLines.nodes.flatMap((s, i) =>
      discountsAt(["shippingLines", "nodes", i, "discountAllocations"], s.discountAllocations),
    )
    const lineDiscounts = problems.attempt(["lineItems"], () =>
      sumMoney(
        node.currencyCode,
        lines.flatMap((l) => l.discounts.map((d) => d.amount)),
      ),
    )
    const zero: Money = { amount: 0, currency: node.currencyCode }
    const shopSubtotal = node.subtotalPriceSet === null ? zero : moneyAt(["subtotalPriceSet"], node.subtotalPriceSet)
    const totals = {
      subtotal: { ...shopSubtotal, amount: shopSubtotal.amount + (lineDiscounts?.amount ?? 0) },
      discountTotal: node.totalDiscountsSet === null ? zero : moneyAt(["totalDiscountsSet"], node.totalDiscountsSet),
      shippingTotal: moneyAt(["totalShippingPriceSet"], node.totalShippingPriceSet),
      taxTotal: node.totalTaxSet === null ? zero : moneyAt(["totalTaxSet"], node.totalTaxSet),
      grandTotal: moneyAt(["totalPriceSet"], node.totalPriceSet),
    }

    // A POS sale (RETAIL) is handed over at the store's counter: a pickup there, as far as stock goes.
    const pickup = node.fulfillmentOrders.nodes.findIndex(
      (f) => f.deliveryMethod?.methodType === "PICK_UP" || f.deliveryMethod?.methodType === "RETAIL",
    )
    const pickupLocation = node.fulfillmentOrders.nodes[pickup]?.assignedLocation.location
    if (pickup >= 0 && (pickupLocation === null || pickupLocation === undefined)) {
      problems.add(
        ["fulfillmentOrders", "nodes", pickup, "assignedLocation", "location"],
        "a pickup needs its location",
      )
    }
    const fulfillmentMethod =
      pickupLocation === null || pickupLocation === undefined
        ? { kind: "ship" as const }
        : { kind: "pickup" as const, locationCode: locationCodeOf(ctx, pickupLocation) }

    const shippingAddress = node.shippingAddress === null ? undefined : mailingAddressToCanonical(node.shippingAddress)
    if (fulfillmentMethod.kind === "ship" && node.shippingAddress !== null && shippingAddress === undefined) {
      problems.add(["shippingAddress"], "a shipped order's address needs a street, city and country")
    }

    const payments = node.transactions.flatMap((t, i): ReadonlyArray<PaymentEncoded> => {
      const status = paymentStatusOf(t)
      if (status === undefined) return []
      return [
        {
          gateway: t.gateway ?? "unknown",
          amount: moneyAt(["transactions", i, "amountSet"], t.amountSet),
          status,
          ...optional(
            "processedAt",
            t.processedAt === null ? undefined : instantAt(["transactions", i, "processedAt"], t.processedAt),
          ),
        },
      ]
    })

    const paymentStatus =
      node.displayFinancialStatus === null
        ? "pending"
        : (problems.mapValue(["displayFinancialStatus"], financialStatusMap, node.displayFinancialStatus) ?? "pending")
    const fulfillmentStatus =
      problems.mapValue(["displayFulfillmentStatus"], fulfillmentStatusMap, node.displayFulfillmentStatus) ?? "open"
    const status = node.cancelledAt !== null ? "cancelled" : node.closed ? "closed" : fulfillmentStatus

    const email = node.email === null || node.email.trim() === "" ? undefined : normalizeEmail(node.email)
    const billingAddress = node.billingAddress === null ? undefined : mailingAddressToCanonical(node.billingAddress)
    const [firstLine, ...otherLines] = lines
    if (firstLine === undefined) problems.add(["lineItems", "nodes"], "an order needs at least one line")

    return yield* problems.result(
      (): OrderEncoded => ({
        channel: ctx.defaults.channel,
        orderNumber: node.name.replace(/^#/, ""),
        ...optional("customer", email === undefined ? undefined : { email }),
        currency: node.currencyCode,
        taxesIncluded: node.taxesIncluded,
        lines: [firstLine!, ...otherLines],
        shippingLines,
        discounts: shippingDiscounts,
        totals,
        paymentStatus,
        payments,
        fulfillmentMethod,
        ...optional("billingAddress", billingAddress),
        ...optional("shippingAddress", shippingAddress),
        placedAt: instantAt(["processedAt"], node.processedAt),
        status,
        ...optional("note", node.note === null || node.note === "" ? undefined : node.note),
        updatedAt: instantAt(["updatedAt"], node.updatedAt),
      }),
    )
  })

const discountNodes = (discounts: OrderEncoded["lines"][number]["discounts"]): Array<DiscountAllocationNode> =>
  discounts.map((d) => ({
    allocatedAmountSet: moneyToBag(d.amount),
    discountApplication: d.code === undefined ? { title: d.title } : { code: d.code },
  }))

const taxNodes = (taxLines: OrderEncoded["lines"][number]["taxLines"]) =>
  taxLines.map((t) => ({ title: t.title, rate: t.rate, priceSet: moneyToBag(t.amount) }))

const encodeOrder = (order: OrderEncoded, problems: Problems) =>
  Effect.gen(function* () {
    const ctx = yield* MappingContext
    const lineDiscounts = order.lines.reduce((sum, l) => sum + l.discounts.reduce((s, d) => s + d.amount.amount, 0), 0)
    if (order.discounts.length > 0 && order.shippingLines.length === 0) {
      problems.add(["discounts"], "Shopify carries order-level discounts on shipping lines, and this order has none")
    }
    const fulfilment =
      order.status === "fulfilled" || order.status === "closed"
        ? "FULFILLED"
        : order.status === "partially_fulfilled"
          ? "PARTIALLY_FULFILLED"
          : "UNFULFILLED"
    return yield* problems.result(
      (): OrderRecord => ({
        name: `#${order.orderNumber}`,
        email: order.customer?.email ?? null,
        processedAt: order.placedAt,
        updatedAt: order.updatedAt,
        cancelledAt: order.status === "cancelled" ? order.updatedAt : null,
        closed: order.status === "closed",
        currencyCode: order.currency,
        taxesIncluded: order.taxesIncluded,
        displayFinancialStatus: Schema.encodeSync(financialStatusMap)(order.paymentStatus),
        displayFulfillmentStatus: fulfilment,
        note: order.note ?? null,
        subtotalPriceSet: moneyToBag({
          ...order.totals.subtotal,
          amount: order.totals.subtotal.amount - lineDiscounts,
        }),
        totalDiscountsSet: moneyToBag(order.totals.discountTotal),
        totalShippingPriceSet: moneyToBag(order.totals.shippingTotal),
        totalTaxSet: moneyToBag(order.totals.taxTotal),
        totalPriceSet: moneyToBag(order.totals.grandTotal),
        lineItems: {
          nodes: order.lines.map((l) => ({
            ...optional("id", l.lineId),
            sku: l.sku,
            title: l.title ?? l.sku,
            quantity: l.quantity,
            originalUnitPriceSet: moneyToBag(l.unitPrice),
            discountAllocations: discountNodes(l.discounts),
            taxLines: taxNodes(l.taxLines),
          })),
        },
        shippingLines: {
          nodes: order.shippingLines.map((s, i) => ({
            title: s.title,
            code: s.code ?? null,
            originalPriceSet: moneyToBag(s.amount),
            discountAllocations: i === 0 ? discountNodes(order.discounts) : [],
            taxLines: taxNodes(s.taxLines),
          })),
        },
        fulfillmentOrders: {
          nodes: [
            order.fulfillmentMethod.kind === "pickup"
              ? {
                  deliveryMethod: { methodType: "PICK_UP" },
                  assignedLocation: { location: locationRefOf(ctx, order.fulfillmentMethod.locationCode) },
                }
              : { deliveryMethod: { methodType: "SHIPPING" }, assignedLocation: { location: null } },
          ],
        },
        transactions: order.payments.map((p) => ({
          gateway: p.gateway,
          ...transactionOf[p.status],
          processedAt: p.processedAt ?? null,
          amountSet: moneyToBag(p.amount),
        })),
        billingAddress: order.billingAddress === undefined ? null : mailingAddressFromCanonical(order.billingAddress),
        shippingAddress:
          order.shippingAddress === undefined ? null : mailingAddressFromCanonical(order.shippingAddress),
      }),
    )
  })

const OrderFromShopify = Schema.transformOrFail(OrderRecordSchema, Order, {
  strict: true,
  decode: (node, _, ast) => decodeOrder(node, new Problems(ast, node)),
  encode: (order, _, ast) => encodeOrder(order, new Problems(ast, order)),
})

/** Shopify orders → canonical orders. */
// Read only; the explicit `unknown` lets a mapping without `write` sit in `SystemMappings`.
export const orderMapping = defineMapping<"order", typeof OrderRecordSchema.Encoded, unknown>({
  entity: "order",
  read: OrderFromShopify,
})
