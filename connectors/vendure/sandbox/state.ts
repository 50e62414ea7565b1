/**
 * The sandbox shop's data, seeded from what the real Vendure answered (fixtures/): the channel,
 * one product with a Size option group and two variants, two customers, two placed orders.
 * Orders and customers are stored in the shape the Admin API answers; catalog records in
 * Vendure's own (a variant keeps the price as entered and its option ids).
 */
import type { Mutable } from "effect/Types"
import { defaultChannel, trailShirtVariants } from "../fixtures/catalog.ts"
import { vendureCustomers } from "../fixtures/customers.ts"
import { vendureOrders } from "../fixtures/orders.ts"
import type { CustomerRecord } from "../schemas/customer.ts"
import type { FulfillmentRecord, OrderRecord } from "../schemas/order.ts"

export interface SandboxChannel {
  id: string
  code: string
  token: string
  defaultCurrencyCode: string
  availableCurrencyCodes: Array<string>
  pricesIncludeTax: boolean
  defaultLanguageCode: string
  /** The rate of the channel's default tax zone, in percent (the peer seeds DE 19 %). */
  taxRate: number
}

export interface SandboxOption {
  id: string
  code: string
  name: string
  groupId: string
}

export interface SandboxOptionGroup {
  id: string
  code: string
  name: string
  options: Array<SandboxOption>
}

export interface SandboxProduct {
  id: string
  slug: string
  name: string
  description: string
  enabled: boolean
  optionGroupIds: Array<string>
  createdAt: string
  updatedAt: string
}

export interface SandboxVariant {
  id: string
  productId: string
  sku: string
  name: string
  enabled: boolean
  /** As entered: gross when the channel's prices include tax. */
  price: number
  stockOnHand: number
  stockAllocated: number
  trackInventory: string
  optionIds: Array<string>
  createdAt: string
  updatedAt: string
}

export type SandboxFulfillment = Mutable<FulfillmentRecord> & { createdAt: string; updatedAt: string }
export type SandboxOrder = Mutable<Omit<OrderRecord, "fulfillments">> & { fulfillments: Array<SandboxFulfillment> }

export interface VendureSandboxState {
  channel: SandboxChannel
  /** Administrators that may log in. */
  admins: Array<{ username: string; password: string }>
  /** Live session tokens. */
  sessions: Array<string>
  products: Array<SandboxProduct>
  optionGroups: Array<SandboxOptionGroup>
  variants: Array<SandboxVariant>
  customers: Array<CustomerRecord>
  orders: Array<SandboxOrder>
  /** The last id given out, per entity. */
  lastIds: Record<string, number>
}

/** The sandbox's administrator (the peer's default superadmin). */
export const SANDBOX_ADMIN = { username: "superadmin", password: "superadmin" } as const

const copy = <A>(value: A): A => structuredClone(value)

const seedCatalog = () => {
  const products = new Map<string, SandboxProduct>()
  const groups = new Map<string, SandboxOptionGroup>()
  const variants: Array<SandboxVariant> = []
  for (const v of trailShirtVariants) {
    const product = products.get(v.product.id) ?? {
      id: v.product.id,
      slug: v.product.slug,
      name: v.product.name,
      description: "",
      enabled: true,
      optionGroupIds: [],
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
    }
    products.set(product.id, product)
    for (const option of v.options) {
      const group = groups.get(option.group.id) ?? { ...option.group, options: [] }
      groups.set(group.id, group)
      if (!group.options.some((o) => o.id === option.id)) {
        group.options.push({ id: option.id, code: option.code, name: option.name, groupId: group.id })
      }
      if (!product.optionGroupIds.includes(group.id)) product.optionGroupIds.push(group.id)
    }
    variants.push({
      id: v.id,
      productId: v.product.id,
      sku: v.sku,
      name: v.name,
      enabled: v.enabled,
      price: v.priceWithTax,
      stockOnHand: v.stockOnHand,
      stockAllocated: v.stockAllocated,
      trackInventory: v.trackInventory,
      optionIds: v.options.map((o) => o.id),
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
    })
  }
  return { products: [...products.values()], optionGroups: [...groups.values()], variants }
}

const maxId = (records: ReadonlyArray<{ readonly id: string }>): number =>
  records.reduce((max, r) => Math.max(max, Number(r.id) || 0), 0)

/** A fresh state: the seed, or an empty shop with only its channel and administrator. */
export const seedState = (seed: boolean): VendureSandboxState => {
  const channel: SandboxChannel = {
    ...defaultChannel,
    availableCurrencyCodes: [defaultChannel.defaultCurrencyCode],
    taxRate: 19,
  }
  const admins = [{ ...SANDBOX_ADMIN }]
  if (!seed) {
    return {
      channel,
      admins,
      sessions: [],
      products: [],
      optionGroups: [],
      variants: [],
      customers: [],
      orders: [],
      lastIds: {},
    }
  }
  const catalog = seedCatalog()
  const orders: Array<SandboxOrder> = vendureOrders.map((order) => {
    const stored = copy(order)
    return {
      ...stored,
      // The captured answers predate asking for it; before a cancellation it is the quantity.
      lines: stored.lines.map((line) => ({ ...line, orderPlacedQuantity: line.orderPlacedQuantity ?? line.quantity })),
      fulfillments: (stored.fulfillments ?? []).map((f) => ({
        ...f,
        createdAt: order.updatedAt,
        updatedAt: order.updatedAt,
      })),
    }
  })
  const customers = vendureCustomers.map(copy)
  const options = catalog.optionGroups.flatMap((g) => g.options)
  return {
    channel,
    admins,
    sessions: [],
    ...catalog,
    customers,
    orders,
    lastIds: {
      product: maxId(catalog.products),
      variant: maxId(catalog.variants),
      optionGroup: maxId(catalog.optionGroups),
      option: maxId(options),
      customer: maxId(customers),
      order: maxId(orders),
      orderLine: maxId(orders.flatMap((o) => o.lines)),
      fulfillment: maxId(orders.flatMap((o) => o.fulfillments)),
    },
  }
}

/** The next id of an entity, as Vendure's auto-increment strategy gives them. */
export const nextId = (state: VendureSandboxState, entity: string): string => {
  const id = (state.lastIds[entity] ?? 0) + 1
  state.lastIds[entity] = id
  return String(id)
}
