/**
 * Amazon order (getOrders + getOrderItems) → canonical Order.
 *
 * Amazon's item amounts are for the whole quantity, and in Europe include VAT (`ItemTax` is the
 * VAT part): the unit price is `ItemPrice / QuantityOrdered`, a promotion (`PromotionDiscount`)
 * is a line discount, and the line's VAT is `ItemTax − PromotionDiscountTax`. Shipping of all
 * items is one shipping line named after the service level, less shipping discounts. FBA
 * orders (`FulfillmentChannel` AFN) carry the note `Fulfilled by Amazon`, so the ERP does not
 * ship them again.
 */
import { Effect, Schema } from "effect"
import {
  type AmazonAddress,
  type AmazonOrderItem,
  AmazonOrderWithItems,
} from "../../connectors/amazon/schemas/order.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Problems } from "../../core/mapping/problems.ts"
import {
  type Address,
  computeTotals,
  fromMinorUnits,
  Order,
  type OrderLine,
  toInstant,
  toMinorUnits,
} from "../../core/model/index.ts"
import { taxesIncludedOf } from "./lookups.ts"

/** The note FBA orders carry in the hub. */
export const FBA_NOTE = "Fulfilled by Amazon"
const PROMOTION = "Amazon promotion"
const SHIPPING = "Amazon shipping"

type OrderEncoded = typeof Order.Encoded
type Status = OrderEncoded["status"]
type AmazonStatus = AmazonOrderWithItems["order"]["OrderStatus"]

const STATUS: Readonly<Record<AmazonStatus, Status>> = {
  PendingAvailability: "open",
  Pending: "open",
  Unshipped: "confirmed",
  PartiallyShipped: "partially_fulfilled",
  Shipped: "fulfilled",
  InvoiceUnconfirmed: "fulfilled",
  Canceled: "cancelled",
  Unfulfillable: "cancelled",
}
const AMAZON_STATUS: Readonly<Record<Status, AmazonStatus>> = {
  open: "Pending",
  confirmed: "Unshipped",
  partially_fulfilled: "PartiallyShipped",
  fulfilled: "Shipped",
  cancelled: "Canceled",
  closed: "Shipped",
}

/** A VAT rate from amounts in minor units, to four decimals (19 % is 0.19 whatever the rounding of cents). */
const rateOf = (tax: number, base: number): number => (base <= 0 ? 0 : Math.round((tax / base) * 100) / 100)

const addressOf = (address: AmazonAddress | undefined): Address | undefined => {
  if (address?.AddressLine1 === undefined || address.City === undefined || address.CountryCode === undefined)
    return undefined
  const words = (address.Name ?? "")
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "")
  const lastName = words.length > 0 ? words[words.length - 1] : undefined
  const firstName = words.length > 1 ? words.slice(0, -1).join(" ") : undefined
  const line2 = [address.AddressLine2, address.AddressLine3].filter((l) => l !== undefined && l !== "").join(", ")
  return {
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
    ...(address.CompanyName === undefined ? {} : { company: address.CompanyName }),
    line1: address.AddressLine1,
    ...(line2 === "" ? {} : { line2 }),
    city: address.City,
    ...(address.PostalCode === undefined ? {} : { postalCode: address.PostalCode }),
    ...(address.StateOrRegion === undefined ? {} : { region: address.StateOrRegion }),
    countryCode: address.CountryCode.toUpperCase(),
    ...(address.Phone === undefined ? {} : { phone: address.Phone }),
  }
}

const amazonAddressOf = (address: Address): AmazonAddress => {
  const name = [address.firstName, address.lastName].filter((n) => n !== undefined).join(" ")
  return {
    ...(name === "" ? {} : { Name: name }),
    ...(address.company === undefined ? {} : { CompanyName: address.company }),
    AddressLine1: address.line1,
    ...(address.line2 === undefined ? {} : { AddressLine2: address.line2 }),
    City: address.city,
    ...(address.postalCode === undefined ? {} : { PostalCode: address.postalCode }),
    ...(address.region === undefined ? {} : { StateOrRegion: address.region }),
    CountryCode: address.countryCode,
    ...(address.phone === undefined ? {} : { Phone: address.phone }),
  }
}

const OrderFromAmazon = Schema.transformOrFail(AmazonOrderWithItems, Order, {
  strict: true,
  decode: (raw, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, raw)
      const { order, items } = raw
      const currency = order.OrderTotal?.CurrencyCode ?? items[0]?.ItemPrice?.CurrencyCode ?? ctx.defaults.currency
      const taxesIncluded = taxesIncludedOf(ctx)
      const minor = (
        path: ReadonlyArray<string | number>,
        value: { CurrencyCode: string; Amount: string } | undefined,
      ) => {
        if (value === undefined) return 0
        if (value.CurrencyCode !== currency) {
          problems.add([...path, "CurrencyCode"], `must be the order's currency ${currency}`, value.CurrencyCode)
          return 0
        }
        return problems.attempt([...path, "Amount"], () => toMinorUnits(value.Amount, currency)) ?? 0
      }
      const lines: Array<OrderLine> = []
      let shipping = 0
      let shippingTax = 0
      for (const [index, item] of items.entries()) {
        const at = ["items", index]
        shipping +=
          minor([...at, "ShippingPrice"], item.ShippingPrice) -
          minor([...at, "ShippingDiscount"], item.ShippingDiscount)
        shippingTax +=
          minor([...at, "ShippingTax"], item.ShippingTax) -
          minor([...at, "ShippingDiscountTax"], item.ShippingDiscountTax)
        // A cancelled item keeps its row with quantity 0: nothing to sell, nothing to book.
        if (item.QuantityOrdered === 0) continue
        const sku = item.SellerSKU?.trim() ?? ""
        if (sku === "") problems.add([...at, "SellerSKU"], "an order item needs the seller's SKU", item.SellerSKU)
        if (item.ItemPrice === undefined) {
          problems.add(
            [...at, "ItemPrice"],
            `Amazon sends no prices while an order is ${order.OrderStatus}; read it again later`,
          )
        }
        const gross = minor([...at, "ItemPrice"], item.ItemPrice)
        if (gross % item.QuantityOrdered !== 0) {
          problems.add(
            [...at, "ItemPrice"],
            `${item.ItemPrice?.Amount} does not divide into ${item.QuantityOrdered} equal unit prices`,
          )
        }
        const discount = minor([...at, "PromotionDiscount"], item.PromotionDiscount)
        const tax =
          minor([...at, "ItemTax"], item.ItemTax) - minor([...at, "PromotionDiscountTax"], item.PromotionDiscountTax)
        const base = taxesIncluded ? gross - discount - tax : gross - discount
        const promotion = item.PromotionIds?.find((id) => id.trim() !== "")
        lines.push({
          lineId: item.OrderItemId,
          sku,
          ...(item.Title === undefined ? {} : { title: item.Title }),
          quantity: item.QuantityOrdered,
          unitPrice: { amount: Math.trunc(gross / item.QuantityOrdered), currency },
          discounts:
            discount > 0
              ? [
                  {
                    ...(promotion === undefined ? {} : { code: promotion }),
                    title: PROMOTION,
                    amount: { amount: discount, currency },
                  },
                ]
              : [],
          taxLines: tax !== 0 ? [{ title: "VAT", rate: rateOf(tax, base), amount: { amount: tax, currency } }] : [],
        })
      }
      const [first, ...rest] = lines
      if (first === undefined) problems.add(["items"], "the order has no item with a quantity")
      const shippingLines =
        shipping !== 0 || shippingTax !== 0
          ? [
              {
                title: order.ShipServiceLevel ?? SHIPPING,
                ...(order.ShipServiceLevel === undefined ? {} : { code: order.ShipServiceLevel }),
                amount: { amount: shipping, currency },
                taxLines:
                  shippingTax !== 0
                    ? [
                        {
                          title: "VAT",
                          rate: rateOf(shippingTax, taxesIncluded ? shipping - shippingTax : shipping),
                          amount: { amount: shippingTax, currency },
                        },
                      ]
                    : [],
              },
            ]
          : []
      const placedAt = problems.attempt(["order", "PurchaseDate"], () => toInstant(order.PurchaseDate))
      const updatedAt = problems.attempt(["order", "LastUpdateDate"], () => toInstant(order.LastUpdateDate))
      const shippingAddress = addressOf(order.ShippingAddress)
      const email = order.BuyerInfo?.BuyerEmail?.trim()
      const pending = order.OrderStatus === "Pending" || order.OrderStatus === "PendingAvailability"
      const cancelled = order.OrderStatus === "Canceled"
      return yield* problems.result((): OrderEncoded => {
        const basis = { currency, taxesIncluded, lines, shippingLines, discounts: [] }
        const totals = computeTotals(basis)
        return {
          channel: ctx.defaults.channel,
          orderNumber: order.AmazonOrderId,
          ...(email === undefined || email === "" ? {} : { customer: { email } }),
          currency,
          taxesIncluded,
          lines: [first!, ...rest],
          shippingLines,
          discounts: [],
          totals,
          paymentStatus: pending ? "pending" : cancelled ? "voided" : "paid",
          payments: pending || cancelled ? [] : [{ gateway: "amazon", amount: totals.grandTotal, status: "captured" }],
          fulfillmentMethod: { kind: "ship" },
          ...(shippingAddress === undefined ? {} : { shippingAddress }),
          placedAt: placedAt!,
          status: STATUS[order.OrderStatus],
          ...(order.FulfillmentChannel === "AFN" ? { note: FBA_NOTE } : {}),
          updatedAt: updatedAt!,
        }
      })
    }),
  encode: (order) =>
    Effect.sync(() => {
      const m = (amount: number) => ({ CurrencyCode: order.currency, Amount: fromMinorUnits(amount, order.currency) })
      const shipping = order.shippingLines.reduce((n, s) => n + s.amount.amount, 0)
      const shippingTax = order.shippingLines.reduce(
        (n, s) => n + s.taxLines.reduce((t, l) => t + l.amount.amount, 0),
        0,
      )
      const items = order.lines.map((line, index): AmazonOrderItem => {
        const discount = line.discounts.reduce((n, d) => n + d.amount.amount, 0)
        const code = line.discounts.find((d) => d.code !== undefined)?.code
        return {
          ASIN: "",
          SellerSKU: line.sku,
          OrderItemId: line.lineId ?? String(index + 1),
          ...(line.title === undefined ? {} : { Title: line.title }),
          QuantityOrdered: line.quantity,
          ItemPrice: m(line.unitPrice.amount * line.quantity),
          ItemTax: m(line.taxLines.reduce((n, t) => n + t.amount.amount, 0)),
          PromotionDiscount: m(discount),
          ...(code === undefined ? {} : { PromotionIds: [code] }),
          ShippingPrice: m(index === 0 ? shipping : 0),
          ShippingTax: m(index === 0 ? shippingTax : 0),
        }
      })
      const serviceLevel = order.shippingLines[0]?.code
      return {
        order: {
          AmazonOrderId: order.orderNumber,
          PurchaseDate: order.placedAt,
          LastUpdateDate: order.updatedAt,
          OrderStatus: AMAZON_STATUS[order.status],
          FulfillmentChannel: order.note === FBA_NOTE ? ("AFN" as const) : ("MFN" as const),
          ...(serviceLevel === undefined ? {} : { ShipServiceLevel: serviceLevel }),
          OrderTotal: m(order.totals.grandTotal.amount),
          ...(order.shippingAddress === undefined ? {} : { ShippingAddress: amazonAddressOf(order.shippingAddress) }),
          ...(order.customer?.email === undefined ? {} : { BuyerInfo: { BuyerEmail: order.customer.email } }),
        },
        items,
      }
    }),
})

/** Amazon orders → canonical orders (read only: orders are created by buyers on Amazon). */
export const orderMapping = defineMapping({ entity: "order", read: OrderFromAmazon })
