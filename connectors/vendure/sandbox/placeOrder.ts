/**
 * Places an order in the sandbox as Vendure's draft-order flow leaves it (customer, shipping
 * address, the flat-rate shipping method, a settled payment): prices from the variants, tax at
 * the channel's rate, stock allocated, state `PaymentSettled`. As on the real server,
 * `updatedAt` stays at the draft's creation and only `orderPlacedAt` marks the placement.
 */
import type { CustomerRecord } from "../schemas/customer.ts"
import { nextId, type SandboxOrder, type VendureSandboxState } from "./state.ts"

/** What to order. */
export interface SandboxOrderInput {
  readonly email: string
  readonly firstName?: string
  readonly lastName?: string
  readonly lines: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>
  /** Gross shipping in minor units; default 490 (the peer's flat rate). */
  readonly shippingWithTax?: number
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

const orderCode = (): string =>
  Array.from({ length: 16 }, () => CODE_ALPHABET[Math.floor(Math.random() * CODE_ALPHABET.length)]).join("")

const customerFor = (state: VendureSandboxState, input: SandboxOrderInput, at: string): CustomerRecord => {
  const email = input.email.toLowerCase()
  const existing = state.customers.find((c) => c.emailAddress === email)
  if (existing !== undefined) return existing
  const customer: CustomerRecord = {
    id: nextId(state, "customer"),
    createdAt: at,
    updatedAt: at,
    title: null,
    firstName: input.firstName ?? "",
    lastName: input.lastName ?? "",
    emailAddress: email,
    phoneNumber: null,
    addresses: [],
    groups: [],
  }
  state.customers.push(customer)
  return customer
}

/** Places the order and returns it; throws for a SKU the sandbox does not have. */
export const placeSandboxOrder = (
  state: VendureSandboxState,
  input: SandboxOrderInput,
  now = new Date(),
): SandboxOrder => {
  const factor = 1 + state.channel.taxRate / 100
  const gross = state.channel.pricesIncludeTax
  const draftAt = new Date(Math.floor(now.getTime() / 1000) * 1000 - 1000).toISOString()
  const customer = customerFor(state, input, draftAt)
  const lines = input.lines.map((wanted) => {
    const variant = state.variants.find((v) => v.sku === wanted.sku)
    if (variant === undefined) throw new Error(`the Vendure sandbox has no variant with SKU ${wanted.sku}`)
    variant.stockAllocated += wanted.quantity
    const unitPriceWithTax = gross ? variant.price : Math.round(variant.price * factor)
    const unitPrice = gross ? Math.round(variant.price / factor) : variant.price
    const linePriceWithTax = unitPriceWithTax * wanted.quantity
    const linePrice = gross ? Math.round(linePriceWithTax / factor) : unitPrice * wanted.quantity
    return {
      id: nextId(state, "orderLine"),
      quantity: wanted.quantity,
      orderPlacedQuantity: wanted.quantity,
      unitPrice,
      unitPriceWithTax,
      linePrice,
      linePriceWithTax,
      proratedLinePrice: linePrice,
      proratedLinePriceWithTax: linePriceWithTax,
      taxLines: [{ description: `DE ${state.channel.taxRate}%`, taxRate: state.channel.taxRate }],
      discounts: [],
      productVariant: { id: variant.id, sku: variant.sku, name: variant.name },
    }
  })
  const shippingWithTax = input.shippingWithTax ?? 490
  const shippingNet = shippingWithTax / factor
  const subTotal = lines.reduce((sum, l) => sum + l.proratedLinePrice, 0)
  const subTotalWithTax = lines.reduce((sum, l) => sum + l.proratedLinePriceWithTax, 0)
  const shipping = Math.round(shippingNet)
  const address = {
    fullName: `${customer.firstName} ${customer.lastName}`.trim(),
    company: null,
    streetLine1: "Invalidenstraße 1",
    streetLine2: null,
    city: "Berlin",
    province: null,
    postalCode: "10115",
    countryCode: "DE",
    phoneNumber: null,
  }
  const order: SandboxOrder = {
    id: nextId(state, "order"),
    code: orderCode(),
    state: "PaymentSettled",
    active: false,
    createdAt: draftAt,
    updatedAt: draftAt,
    orderPlacedAt: now.toISOString(),
    currencyCode: state.channel.defaultCurrencyCode,
    couponCodes: [],
    customer: {
      id: customer.id,
      emailAddress: customer.emailAddress,
      firstName: customer.firstName,
      lastName: customer.lastName,
    },
    shippingAddress: address,
    billingAddress: address,
    lines,
    shippingLines: [
      {
        id: nextId(state, "shippingLine"),
        shippingMethod: { id: "1", code: "standard", name: "Standard shipping" },
        price: shippingNet,
        priceWithTax: shippingWithTax,
        discountedPrice: shipping,
        discountedPriceWithTax: shippingWithTax,
      },
    ],
    subTotal,
    subTotalWithTax,
    shipping,
    shippingWithTax,
    total: subTotal + shipping,
    totalWithTax: subTotalWithTax + shippingWithTax,
    payments: [],
    fulfillments: [],
  }
  order.payments = [
    {
      id: nextId(state, "payment"),
      method: "dummy",
      amount: order.totalWithTax,
      state: "Settled",
      transactionId: `tx-${order.id}`,
      createdAt: draftAt,
    },
  ]
  state.orders.push(order)
  return order
}
