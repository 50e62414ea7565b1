/**
 * HubSpot order (+ line items, + associated contact) ⇄ canonical Order.
 *
 * - Key: `hs_source_store` is the channel (the system's channel when empty) and
 *   `hs_external_order_id` the order number.
 * - Amounts are decimals in `hs_currency_code`. Line items carry `price`, `quantity`,
 *   `hs_total_discount`, `hs_tax_rate` and `hs_tax_amount`; the order carries the totals
 *   (`hs_subtotal_price`, `hs_order_discount` = every discount, `hs_shipping_cost`, `hs_tax`,
 *   `hs_total_price`). Taxes count as included when the total does not add them on top.
 * - `hs_payment_status` holds the canonical payment status, `hs_fulfillment_status` the
 *   order status (`unfulfilled` for an open order). Shipping and billing addresses are the
 *   `hs_shipping_address_*` / `hs_billing_address_*` properties.
 * - HubSpot has no click & collect: every order reads as shipped. Payments are not kept.
 */
import { Effect, ParseResult, Schema } from "effect"
import { type CrmObject, HubspotOrder } from "../../connectors/hubspot/schemas/object.ts"
import { OrderPayload, type WriteProperties } from "../../connectors/hubspot/schemas/payload.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import {
  type Address,
  computeTotals,
  fromMinorUnits,
  normalizeEmail,
  Order,
  PaymentStatus,
  toInstant,
  toMinorUnits,
} from "../../core/model/index.ts"

type OrderEncoded = typeof Order.Encoded
type Props = Readonly<Record<string, string | null | undefined>>

const STATUS: ReadonlyArray<readonly [string, OrderEncoded["status"]]> = [
  ["unfulfilled", "open"],
  ["confirmed", "confirmed"],
  ["partially_fulfilled", "partially_fulfilled"],
  ["fulfilled", "fulfilled"],
  ["cancelled", "cancelled"],
  ["closed", "closed"],
]

const text = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === "" ? undefined : trimmed
}

const fail = (message: string) => new ParseResult.Type(Schema.String.ast, message, message)

const money = (value: string | null | undefined, currency: string, path: string) =>
  Effect.try({
    try: () => toMinorUnits(text(value) ?? "0", currency),
    catch: () => fail(`${path}: "${value}" is not an amount`),
  })

const instant = (value: string, path: string) =>
  Effect.try({
    try: () => toInstant(/^\d+$/.test(value) ? new Date(Number(value)) : value),
    catch: (e) => fail(`${path}: ${e instanceof Error ? e.message : String(e)}`),
  })

const addressOf = (props: Props, prefix: string): Address | undefined => {
  const line1 = text(props[`${prefix}_street`])
  const city = text(props[`${prefix}_city`])
  const country = text(props[`${prefix}_country`])
  const zip = text(props[`${prefix}_postal_code`])
  if (line1 === undefined || city === undefined || country === undefined || !/^[A-Z]{2}$/.test(country))
    return undefined
  return { line1, city, countryCode: country, ...(zip === undefined ? {} : { postalCode: zip }) }
}

const addressProps = (address: Address | undefined, prefix: string): Record<string, string> =>
  address === undefined
    ? {}
    : {
        [`${prefix}_street`]: address.line1,
        [`${prefix}_city`]: address.city,
        [`${prefix}_postal_code`]: address.postalCode ?? "",
        [`${prefix}_country`]: address.countryCode,
      }

/** The canonical order from an order's, its line items' and its contact's values. */
const orderOf = (order: Props, lineItems: ReadonlyArray<Props>, contactEmail: string | null, updatedAt: string) =>
  Effect.gen(function* () {
    const { defaults } = yield* MappingContext
    const currency = text(order.hs_currency_code) ?? defaults.currency
    const orderNumber = text(order.hs_external_order_id) ?? text(order.hs_order_name)
    if (orderNumber === undefined) return yield* Effect.fail(fail("hs_external_order_id: the order has no number"))
    const lines = yield* Effect.forEach(lineItems, (item, i) =>
      Effect.gen(function* () {
        const path = `lineItems[${i}]`
        const sku = text(item.hs_sku)
        if (sku === undefined) return yield* Effect.fail(fail(`${path}.hs_sku: a line item needs a SKU`))
        const quantity = Number(text(item.quantity) ?? "0")
        const discount = yield* money(item.hs_total_discount, currency, `${path}.hs_total_discount`)
        const tax = yield* money(item.hs_tax_amount, currency, `${path}.hs_tax_amount`)
        const rate = Number(text(item.hs_tax_rate) ?? "0")
        const title = text(item.name)
        return {
          sku,
          ...(title === undefined ? {} : { title }),
          quantity,
          unitPrice: { amount: yield* money(item.price, currency, `${path}.price`), currency },
          discounts: discount === 0 ? [] : [{ title: "Discount", amount: { amount: discount, currency } }],
          taxLines:
            text(item.hs_tax_amount) === undefined
              ? []
              : [{ title: `VAT ${Math.round(rate * 10_000) / 100} %`, rate, amount: { amount: tax, currency } }],
        }
      }),
    )
    const lineDiscounts = lines.reduce((sum, l) => sum + l.discounts.reduce((s, d) => s + d.amount.amount, 0), 0)
    const orderDiscount = (yield* money(order.hs_order_discount, currency, "hs_order_discount")) - lineDiscounts
    const shipping = yield* money(order.hs_shipping_cost, currency, "hs_shipping_cost")
    const shippingLines =
      shipping === 0 ? [] : [{ title: "Shipping", amount: { amount: shipping, currency }, taxLines: [] }]
    const discounts =
      orderDiscount <= 0 ? [] : [{ title: "Order discount", amount: { amount: orderDiscount, currency } }]
    const [first, ...rest] = lines
    if (first === undefined) return yield* Effect.fail(fail("lineItems: an order needs at least one line item"))
    const included = computeTotals({ currency, taxesIncluded: true, lines, shippingLines, discounts })
    const total = text(order.hs_total_price)
    const taxesIncluded =
      total === undefined || (yield* money(total, currency, "hs_total_price")) === included.grandTotal.amount
    const paymentStatus = text(order.hs_payment_status)
    const shippingAddress = addressOf(order, "hs_shipping_address")
    const billingAddress = addressOf(order, "hs_billing_address")
    const canonical: OrderEncoded = {
      channel: text(order.hs_source_store) ?? defaults.channel,
      orderNumber,
      ...(contactEmail === null ? {} : { customer: { email: normalizeEmail(contactEmail) } }),
      currency,
      taxesIncluded,
      lines: [first, ...rest],
      shippingLines,
      discounts,
      totals: computeTotals({ currency, taxesIncluded, lines, shippingLines, discounts }),
      paymentStatus: Schema.is(PaymentStatus)(paymentStatus) ? paymentStatus : "pending",
      payments: [],
      fulfillmentMethod: { kind: "ship" },
      ...(billingAddress === undefined ? {} : { billingAddress }),
      ...(shippingAddress === undefined ? {} : { shippingAddress }),
      placedAt: yield* instant(text(order.hs_external_created_date) ?? updatedAt, "hs_external_created_date"),
      status: STATUS.find(([vendor]) => vendor === text(order.hs_fulfillment_status))?.[1] ?? "open",
      updatedAt: yield* instant(updatedAt, "hs_lastmodifieddate"),
    }
    return canonical
  })

/** Order and line item property values from a canonical order. */
const propertiesOf = (order: OrderEncoded) => {
  const m = (amount: number) => fromMinorUnits(amount, order.currency)
  const properties: Record<string, string> = {
    hs_order_name: `#${order.orderNumber}`,
    hs_external_order_id: order.orderNumber,
    hs_source_store: order.channel,
    hs_currency_code: order.currency,
    hs_external_created_date: order.placedAt,
    hs_subtotal_price: m(order.totals.subtotal.amount),
    hs_order_discount: m(order.totals.discountTotal.amount),
    hs_shipping_cost: m(order.totals.shippingTotal.amount),
    hs_tax: m(order.totals.taxTotal.amount),
    hs_total_price: m(order.totals.grandTotal.amount),
    hs_payment_status: order.paymentStatus,
    hs_fulfillment_status: STATUS.find(([, canon]) => canon === order.status)?.[0] ?? "unfulfilled",
    ...addressProps(order.shippingAddress, "hs_shipping_address"),
    ...addressProps(order.billingAddress, "hs_billing_address"),
  }
  const lineItems: Array<WriteProperties> = order.lines.map((line) => {
    const tax = line.taxLines.reduce((sum, t) => sum + t.amount.amount, 0)
    const rate = line.taxLines[0]?.rate
    const discount = line.discounts.reduce((sum, d) => sum + d.amount.amount, 0)
    return {
      name: line.title ?? line.sku,
      hs_sku: line.sku,
      quantity: String(line.quantity),
      price: m(line.unitPrice.amount),
      hs_line_item_currency_code: order.currency,
      ...(discount === 0 ? {} : { hs_total_discount: m(discount) }),
      ...(line.taxLines.length === 0 ? {} : { hs_tax_amount: m(tax), hs_tax_rate: String(rate ?? 0) }),
    }
  })
  return { properties, lineItems }
}

const crmObject = (id: string, properties: WriteProperties, updatedAt: string): CrmObject => ({
  id,
  properties,
  createdAt: updatedAt,
  updatedAt,
  archived: false,
})

/** HubspotOrder ⇄ Order: what the orders stream yields. */
export const orderRead = Schema.transformOrFail(HubspotOrder, Order, {
  strict: true,
  decode: (raw) =>
    orderOf(
      raw.order.properties,
      [...raw.lineItems].sort((a, b) => Number(a.id) - Number(b.id)).map((l) => l.properties),
      raw.contactEmail,
      raw.order.properties.hs_lastmodifieddate ?? raw.order.updatedAt,
    ),
  encode: (order) => {
    const { properties, lineItems } = propertiesOf(order)
    return Effect.succeed({
      order: crmObject("0", { ...properties, hs_lastmodifieddate: order.updatedAt }, order.updatedAt),
      lineItems: lineItems.map((item, i) => crmObject(String(i + 1), item, order.updatedAt)),
      contactEmail: order.customer?.email ?? null,
    })
  },
})

/** OrderPayload ⇄ Order: what the orders sink writes. */
export const orderWrite = Schema.transformOrFail(OrderPayload, Order, {
  strict: true,
  decode: (payload) => orderOf(payload.properties, payload.lineItems, payload.contactEmail, payload.updatedAt),
  encode: (order) => {
    const { properties, lineItems } = propertiesOf(order)
    return Effect.succeed({
      properties,
      lineItems,
      contactEmail: order.customer?.email ?? null,
      updatedAt: order.updatedAt,
    })
  },
})

/** `order`: read from the orders stream, written by the orders sink. */
export const orderMapping = defineMapping({ entity: "order", read: orderRead, write: orderWrite })
