import type { Schema } from "effect"
import { Category } from "./category.ts"
import { Customer, customerKey } from "./customer.ts"
import { CustomerEvent } from "./customerEvent.ts"
import { Fulfillment } from "./fulfillment.ts"
import { InventoryLevel } from "./inventory.ts"
import { Location } from "./location.ts"
import { Order } from "./order.ts"
import { Price } from "./price.ts"
import { Product } from "./product.ts"
import { Return } from "./return.ts"

/** Every canonical entity the hub stores, by the name flows and mappings use. */
export const Entities = {
  product: Product,
  price: Price,
  inventory: InventoryLevel,
  location: Location,
  category: Category,
  customer: Customer,
  order: Order,
  fulfillment: Fulfillment,
  return: Return,
  customerEvent: CustomerEvent,
} as const

export type EntityName = keyof typeof Entities
export const entityNames = Object.keys(Entities) as ReadonlyArray<EntityName>

/** The canonical record type of an entity. */
export type Canonical<E extends EntityName> = Schema.Schema.Type<(typeof Entities)[E]>

export const isEntityName = (name: string): name is EntityName => Object.hasOwn(Entities, name)

/**
 * Each entity's natural key as one string. The hub's identity and every connector's
 * link-before-create use these, so they must never change shape once data exists.
 */
export const naturalKeys: { readonly [E in EntityName]: (record: Canonical<E>) => string } = {
  product: (p) => p.productNumber,
  price: (p) => `${p.sku}|${p.priceList}|${p.currency}|${p.minQuantity}`,
  inventory: (l) => `${l.sku}@${l.locationCode}`,
  location: (l) => l.code,
  category: (c) => c.code,
  customer: (c) => customerKey(c),
  order: (o) => `${o.channel}:${o.orderNumber}`,
  fulfillment: (f) => `${f.channel}:${f.orderNumber}:${f.fulfillmentId}`,
  return: (r) => `${r.channel}:${r.returnId}`,
  customerEvent: (e) => e.eventId,
}

/** The natural key of a record of an entity. */
export const naturalKeyOf = <E extends EntityName>(entity: E, record: Canonical<E>): string =>
  naturalKeys[entity](record)
