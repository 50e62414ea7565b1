/**
 * eBay order ⇄ canonical Order. `orderNumber` is eBay's `orderId`, the channel the system's.
 * Lines by SKU with the unit price `lineItemCost / quantity`, promotions as line discounts and
 * eBay's taxes as tax lines (those eBay collects and remits, `ebayCollectAndRemitTaxes`, titled
 * `eBay collect and remit <type>`); delivery costs as one shipping line, delivery discounts as an
 * order discount. The totals must add up to `pricingSummary.total`. An order whose fulfilment
 * starts with a pickup step is click & collect at the store's location code.
 */
import { Effect, Schema } from "effect"
import { EbayOrder, type ExtendedContact } from "../../connectors/ebay/schemas/order.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import {
  type Address,
  computeTotals,
  fromMinorUnits,
  type Money,
  normalizeEmail,
  Order,
  type OrderLine,
  toInstant,
  toMinorUnits,
} from "../../core/model/index.ts"
import { storeCodeOf, storeKeyOf, taxesIncludedOf, vatRateOf } from "./lookups.ts"

type OrderRecord = typeof Order.Encoded
type EbayOrderRecord = typeof EbayOrder.Encoded

/** The tax-line title prefix that marks a tax eBay collects and remits. */
export const COLLECT_AND_REMIT = "eBay collect and remit "

const PICKUP_TYPES = ["PREPARE_FOR_PICKUP", "PICKUP_DROP_OFF"]

const PAYMENT_STATUS: Record<string, OrderRecord["paymentStatus"]> = {
  PAID: "paid",
  PENDING: "pending",
  FAILED: "voided",
  FULLY_REFUNDED: "refunded",
  PARTIALLY_REFUNDED: "partially_refunded",
}
const PAYMENT_STATE: Record<string, OrderRecord["payments"][number]["status"]> = {
  PAID: "captured",
  PENDING: "pending",
  FAILED: "failed",
  FULLY_REFUNDED: "refunded",
  PARTIALLY_REFUNDED: "refunded",
}
const reverse = <K extends string, V extends string>(table: Record<K, V>): Record<V, K> =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k])) as Record<V, K>

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const splitName = (fullName: string | undefined): { firstName?: string; lastName?: string } => {
  const parts = (fullName ?? "")
    .trim()
    .split(/\s+/)
    .filter((p) => p !== "")
  if (parts.length === 0) return {}
  if (parts.length === 1) return { lastName: parts[0] ?? "" }
  return { firstName: parts.slice(0, -1).join(" "), lastName: parts[parts.length - 1] ?? "" }
}

const addressOf = (contact: ExtendedContact | undefined): typeof Address.Encoded | undefined => {
  const a = contact?.contactAddress
  if (a?.addressLine1 === undefined || a.city === undefined || a.countryCode === undefined) return undefined
  return {
    ...splitName(contact?.fullName),
    ...optional("company", contact?.companyName),
    line1: a.addressLine1,
    ...optional("line2", a.addressLine2),
    city: a.city,
    ...optional("postalCode", a.postalCode),
    ...optional("region", a.stateOrProvince),
    countryCode: a.countryCode,
    ...optional("phone", contact?.primaryPhone?.phoneNumber),
  }
}

const contactOf = (address: typeof Address.Type | undefined, email?: string): ExtendedContact | undefined => {
  if (address === undefined) return undefined
  const fullName = [address.firstName, address.lastName].filter((p) => p !== undefined).join(" ")
  return {
    ...(fullName === "" ? {} : { fullName }),
    ...optional("companyName", address.company),
    ...optional("email", email),
    contactAddress: {
      addressLine1: address.line1,
      ...optional("addressLine2", address.line2),
      city: address.city,
      ...optional("postalCode", address.postalCode),
      ...optional("stateOrProvince", address.region),
      countryCode: address.countryCode,
    },
    ...(address.phone === undefined ? {} : { primaryPhone: { phoneNumber: address.phone } }),
  }
}

const decodeOrder = (order: EbayOrderRecord, problems: Problems) =>
  Effect.gen(function* () {
    const ctx = yield* MappingContext
    const currency = order.pricingSummary.total.currency
    const vatRate = vatRateOf(ctx)
    const taxesIncluded = taxesIncludedOf(ctx)
    const amountAt = (path: ReadonlyArray<string | number>, amount: { value: string; currency: string }): Money => {
      if (amount.currency !== currency)
        problems.add([...path, "currency"], `must be the order's currency ${currency}`, amount.currency)
      return { amount: problems.attempt([...path, "value"], () => toMinorUnits(amount.value, currency)) ?? 0, currency }
    }
    const lines: Array<typeof OrderLine.Encoded> = []
    let shippingMinor = 0
    for (const [i, item] of order.lineItems.entries()) {
      const at = ["lineItems", i]
      const sku = item.sku?.trim() ?? ""
      if (sku === "")
        problems.add([...at, "sku"], "an eBay line item needs the seller's SKU to be matched to a product", item.sku)
      if (!Number.isInteger(item.quantity) || item.quantity < 1)
        problems.add([...at, "quantity"], "must be a whole number of at least 1", item.quantity)
      const cost = amountAt([...at, "lineItemCost"], item.lineItemCost)
      const quantity = Math.max(1, Math.trunc(item.quantity))
      if (cost.amount % quantity !== 0) {
        problems.add(
          [...at, "lineItemCost"],
          `${item.lineItemCost.value} is not a whole number of cents per unit for quantity ${quantity}`,
        )
      }
      const remitted = new Set((item.ebayCollectAndRemitTaxes ?? []).map((t) => t.taxType))
      if (item.deliveryCost?.shippingCost !== undefined)
        shippingMinor += amountAt([...at, "deliveryCost", "shippingCost"], item.deliveryCost.shippingCost).amount
      lines.push({
        lineId: item.lineItemId,
        sku,
        ...optional("title", item.title),
        quantity,
        unitPrice: { amount: Math.trunc(cost.amount / quantity), currency },
        discounts: item.appliedPromotions.map((p, j) => ({
          ...optional("code", p.promotionId),
          title: p.description ?? "eBay promotion",
          amount: amountAt([...at, "appliedPromotions", j, "discountAmount"], p.discountAmount),
        })),
        taxLines: [
          ...item.taxes.map((t, j) => ({
            title: `${remitted.has(t.taxType ?? "") ? COLLECT_AND_REMIT : ""}${t.taxType ?? "VAT"}`,
            rate: vatRate,
            amount: amountAt([...at, "taxes", j, "amount"], t.amount),
          })),
          // A collect-and-remit tax eBay did not also list under `taxes`.
          ...(item.ebayCollectAndRemitTaxes ?? [])
            .filter((t) => !item.taxes.some((x) => (x.taxType ?? "VAT") === t.taxType))
            .map((t, j) => ({
              title: `${COLLECT_AND_REMIT}${t.taxType}`,
              rate: vatRate,
              amount: amountAt([...at, "ebayCollectAndRemitTaxes", j, "amount"], t.amount),
            })),
        ],
      })
    }
    const summary = order.pricingSummary
    const delivery =
      summary.deliveryCost === undefined
        ? { amount: shippingMinor, currency }
        : amountAt(["pricingSummary", "deliveryCost"], summary.deliveryCost)
    const instruction = order.fulfillmentStartInstructions[0]
    const shippingStep = instruction?.shippingStep
    const shippingLines =
      delivery.amount === 0
        ? []
        : [
            {
              title: shippingStep?.shippingServiceCode ?? "eBay shipping",
              ...optional("code", shippingStep?.shippingServiceCode),
              amount: delivery,
              taxLines: [],
            },
          ]
    const discounts =
      summary.deliveryDiscount === undefined || toMinorUnits(summary.deliveryDiscount.value, currency) === 0
        ? []
        : [
            {
              title: "eBay shipping discount",
              amount: amountAt(["pricingSummary", "deliveryDiscount"], summary.deliveryDiscount),
            },
          ]
    const pickupKey = instruction?.pickupStep?.merchantLocationKey
    const isPickup =
      instruction !== undefined &&
      (PICKUP_TYPES.includes(instruction.fulfillmentInstructionsType) || pickupKey !== undefined)
    if (isPickup && pickupKey === undefined)
      problems.add(
        ["fulfillmentStartInstructions", 0, "pickupStep"],
        "a pickup order needs the store's merchantLocationKey",
      )
    const paymentStatus = PAYMENT_STATUS[order.orderPaymentStatus]
    if (paymentStatus === undefined)
      problems.add(
        ["orderPaymentStatus"],
        `unknown payment status ${order.orderPaymentStatus}`,
        order.orderPaymentStatus,
      )
    const registration = order.buyer.buyerRegistrationAddress
    const rawEmail = registration?.email ?? shippingStep?.shipTo?.email
    const email = rawEmail !== undefined && EMAIL.test(rawEmail.trim()) ? normalizeEmail(rawEmail) : undefined
    const placedAt = problems.attempt(["creationDate"], () => toInstant(order.creationDate))
    const updatedAt = problems.attempt(["lastModifiedDate"], () => toInstant(order.lastModifiedDate))
    const totals = computeTotals({
      currency,
      taxesIncluded,
      lines: lines as ReadonlyArray<OrderLine>,
      shippingLines,
      discounts,
    })
    const total = amountAt(["pricingSummary", "total"], summary.total)
    if (total.amount !== totals.grandTotal.amount) {
      problems.add(
        ["pricingSummary", "total"],
        `is ${summary.total.value} but the lines, delivery and discounts add up to ${fromMinorUnits(totals.grandTotal.amount, currency)}`,
      )
    }
    const payments = (order.paymentSummary?.payments ?? []).map((p, j) => ({
      gateway: p.paymentMethod.toLowerCase(),
      amount: amountAt(["paymentSummary", "payments", j, "amount"], p.amount),
      status: PAYMENT_STATE[p.paymentStatus] ?? "pending",
      ...optional("reference", p.paymentReferenceId),
      ...optional(
        "processedAt",
        p.paymentDate === undefined
          ? undefined
          : problems.attempt(["paymentSummary", "payments", j, "paymentDate"], () => toInstant(p.paymentDate ?? "")),
      ),
    }))
    const shippingAddress = addressOf(shippingStep?.shipTo)
    const billingAddress = addressOf(registration)
    const status: OrderRecord["status"] =
      order.cancelStatus?.cancelState === "CANCELED"
        ? "cancelled"
        : order.orderFulfillmentStatus === "FULFILLED"
          ? "fulfilled"
          : order.orderFulfillmentStatus === "IN_PROGRESS"
            ? "partially_fulfilled"
            : order.orderPaymentStatus === "PAID"
              ? "confirmed"
              : "open"
    return yield* problems.result((): OrderRecord => {
      const [first, ...rest] = lines
      return {
        channel: ctx.defaults.channel,
        orderNumber: order.orderId,
        ...(email === undefined ? {} : { customer: { email } }),
        currency,
        taxesIncluded,
        lines: [first!, ...rest],
        shippingLines,
        discounts,
        totals,
        paymentStatus: paymentStatus!,
        payments,
        fulfillmentMethod: isPickup
          ? { kind: "pickup", locationCode: storeCodeOf(ctx, pickupKey ?? "") }
          : { kind: "ship" },
        ...optional("billingAddress", billingAddress),
        ...optional("shippingAddress", isPickup ? undefined : shippingAddress),
        placedAt: placedAt!,
        status,
        ...optional("note", order.buyerCheckoutNotes),
        updatedAt: updatedAt!,
      }
    })
  })

const encodeOrder = (order: typeof Order.Type) =>
  Effect.gen(function* () {
    const ctx = yield* MappingContext
    const c = order.currency
    const amount = (minor: number) => ({ value: fromMinorUnits(minor, c), currency: c })
    const shipping = order.totals.shippingTotal.amount
    const lineItems = order.lines.map((line, i) => {
      const cost = line.unitPrice.amount * line.quantity
      const discount = line.discounts.reduce((s, d) => s + d.amount.amount, 0)
      const lineShipping = i === 0 ? shipping : 0
      const remitted = line.taxLines.filter((t) => t.title.startsWith(COLLECT_AND_REMIT))
      return {
        lineItemId: line.lineId ?? `${order.orderNumber}-${i + 1}`,
        sku: line.sku,
        ...optional("title", line.title),
        quantity: line.quantity,
        lineItemCost: amount(cost),
        ...(discount === 0 ? {} : { discountedLineItemCost: amount(cost - discount) }),
        total: amount(cost - discount + lineShipping),
        appliedPromotions: line.discounts.map((d) => ({
          ...optional("promotionId", d.code),
          description: d.title,
          discountAmount: amount(d.amount.amount),
        })),
        deliveryCost: { shippingCost: amount(lineShipping) },
        taxes: line.taxLines.map((t) => ({
          amount: amount(t.amount.amount),
          taxType: t.title.replace(COLLECT_AND_REMIT, ""),
        })),
        ...(remitted.length === 0
          ? {}
          : {
              ebayCollectAndRemitTaxes: remitted.map((t) => ({
                amount: amount(t.amount.amount),
                taxType: t.title.replace(COLLECT_AND_REMIT, ""),
              })),
            }),
        lineItemFulfillmentStatus: order.status === "fulfilled" ? "FULFILLED" : "NOT_STARTED",
      }
    })
    const shippingLine = order.shippingLines[0]
    const pickup = order.fulfillmentMethod.kind === "pickup" ? order.fulfillmentMethod.locationCode : undefined
    const contact = contactOf(order.shippingAddress)
    const instruction =
      pickup !== undefined
        ? {
            fulfillmentInstructionsType: "PREPARE_FOR_PICKUP",
            pickupStep: { merchantLocationKey: storeKeyOf(ctx, pickup) },
          }
        : {
            fulfillmentInstructionsType: "SHIP_TO",
            shippingStep: { ...optional("shippingServiceCode", shippingLine?.code), ...optional("shipTo", contact) },
          }
    const lineDiscounts = order.lines.reduce((s, l) => s + l.discounts.reduce((t, d) => t + d.amount.amount, 0), 0)
    const orderDiscounts = order.discounts.reduce((s, d) => s + d.amount.amount, 0)
    const payment = Object.entries(PAYMENT_STATUS).find(([, v]) => v === order.paymentStatus)?.[0] ?? "PENDING"
    const paymentStates = reverse(PAYMENT_STATE)
    const registration = contactOf(order.billingAddress, order.customer?.email)
    const record: EbayOrderRecord = {
      orderId: order.orderNumber,
      creationDate: order.placedAt,
      lastModifiedDate: order.updatedAt,
      orderFulfillmentStatus:
        order.status === "fulfilled"
          ? "FULFILLED"
          : order.status === "partially_fulfilled"
            ? "IN_PROGRESS"
            : "NOT_STARTED",
      orderPaymentStatus: payment,
      buyer: {
        username: order.customer?.email ?? order.customer?.customerNumber ?? "ebay-buyer",
        ...(registration === undefined
          ? order.customer?.email === undefined
            ? {}
            : { buyerRegistrationAddress: { email: order.customer.email } }
          : { buyerRegistrationAddress: registration }),
      },
      ...optional("buyerCheckoutNotes", order.note),
      ...(order.status === "cancelled" ? { cancelStatus: { cancelState: "CANCELED" } } : {}),
      ...(lineItems.some((l) => l.ebayCollectAndRemitTaxes !== undefined) ? { ebayCollectAndRemitTax: true } : {}),
      fulfillmentStartInstructions: [instruction],
      lineItems,
      pricingSummary: {
        priceSubtotal: amount(order.totals.subtotal.amount),
        ...(lineDiscounts === 0 ? {} : { priceDiscount: amount(lineDiscounts) }),
        ...(shipping === 0 ? {} : { deliveryCost: amount(shipping) }),
        ...(orderDiscounts === 0 ? {} : { deliveryDiscount: amount(orderDiscounts) }),
        ...(order.totals.taxTotal.amount === 0 ? {} : { tax: amount(order.totals.taxTotal.amount) }),
        total: amount(order.totals.grandTotal.amount),
      },
      paymentSummary: {
        payments: order.payments.map((p) => ({
          amount: amount(p.amount.amount),
          paymentMethod: p.gateway.toUpperCase(),
          paymentStatus: paymentStates[p.status] ?? "PENDING",
          ...optional("paymentReferenceId", p.reference),
          ...optional("paymentDate", p.processedAt),
        })),
      },
    }
    return record
  })

/** The read direction: an order from the `orders` stream. */
const OrderFromEbay = Schema.transformOrFail(EbayOrder, Order, {
  strict: true,
  decode: (order, _, ast) => decodeOrder(order, new Problems(ast, order)),
  encode: (order) => encodeOrder(order),
})

/** eBay orders ⇄ canonical orders (read only: eBay creates orders, esl does not). */
export const orderMapping = defineMapping({ entity: "order", read: OrderFromEbay })
