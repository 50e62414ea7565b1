/** The sandbox account's records, associations and counters, and how records are shown. */
import {
  type SeedObject,
  seedAssociations,
  seedCompanies,
  seedContacts,
  seedLineItems,
  seedOrders,
  seedProducts,
} from "../fixtures/seed.ts"
import { dateProperty } from "./properties.ts"

/** A record as the sandbox keeps it. */
export interface StoredObject {
  readonly id: string
  properties: Record<string, string>
  readonly createdAt: string
  updatedAt: string
}

/** An association between two records (stored once, readable in both directions). */
export interface StoredAssociation {
  readonly fromType: string
  readonly fromId: string
  readonly toType: string
  readonly toId: string
  readonly typeId: number
}

export interface HubspotSandboxState {
  /** Records by object type (`contacts`, `companies`, `products`, `line_items`, `orders`) and id. */
  readonly objects: Record<string, Map<string, StoredObject>>
  readonly associations: Array<StoredAssociation>
  nextId: number
  /** Requests answered (401s included). */
  requests: number
  /** Requests answered 429 because the 10-second window was full. */
  throttled: number
  /** Request times still inside the rate-limit window. */
  window: Array<number>
}

/** The object types the sandbox serves. */
export const OBJECT_TYPES = ["contacts", "companies", "products", "line_items", "orders"] as const

/** HUBSPOT_DEFINED default association type ids (from → to). */
export const DEFAULT_ASSOCIATION_TYPES: Readonly<Record<string, number>> = {
  "contacts→companies": 279,
  "companies→contacts": 280,
  "orders→contacts": 507,
  "contacts→orders": 508,
  "orders→line_items": 513,
  "line_items→orders": 514,
  "orders→companies": 509,
  "companies→orders": 510,
}

/** The `(from, to)` object types of a default association type id. */
export const associationTypeOf = (typeId: number): { fromType: string; toType: string } | undefined => {
  for (const [pair, id] of Object.entries(DEFAULT_ASSOCIATION_TYPES)) {
    if (id === typeId) {
      const [fromType = "", toType = ""] = pair.split("→")
      return { fromType, toType }
    }
  }
  return undefined
}

const stored = (record: SeedObject): StoredObject => ({
  id: record.id,
  properties: { ...record.properties },
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
})

/** A fresh state: the seed, or an empty account. */
export const seedState = (seed: boolean): HubspotSandboxState => {
  const objects: Record<string, Map<string, StoredObject>> = {}
  for (const type of OBJECT_TYPES) objects[type] = new Map()
  const put = (type: string, records: ReadonlyArray<SeedObject>) => {
    for (const record of records) objects[type]?.set(record.id, stored(record))
  }
  if (seed) {
    put("contacts", seedContacts)
    put("companies", seedCompanies)
    put("products", seedProducts)
    put("line_items", seedLineItems)
    put("orders", seedOrders)
  }
  return {
    objects,
    associations: seed
      ? seedAssociations.map((a) => ({ ...a, typeId: DEFAULT_ASSOCIATION_TYPES[`${a.fromType}→${a.toType}`] ?? 1 }))
      : [],
    nextId: 100_001,
    requests: 0,
    throttled: 0,
    window: [],
  }
}

/** The property values HubSpot derives from the record itself. */
const derived = (objectType: string, record: StoredObject): Record<string, string> => ({
  hs_object_id: record.id,
  createdate: record.createdAt,
  [dateProperty(objectType)]: record.updatedAt,
})

/** A property's value as the API shows it (derived ones included), or undefined when unset. */
export const propertyValue = (objectType: string, record: StoredObject, name: string): string | undefined =>
  derived(objectType, record)[name] ?? record.properties[name]

/**
 * `SimplePublicObject` with the requested properties (null when unset) and the ones every answer
 * carries: the id, the create date and the last-modified date.
 */
export const toPublic = (objectType: string, record: StoredObject, requested: ReadonlyArray<string>) => {
  const properties: Record<string, string | null> = { ...derived(objectType, record) }
  for (const name of requested) properties[name] = propertyValue(objectType, record, name) ?? null
  return { id: record.id, properties, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: false }
}

/** Ids associated with `id` of `fromType` among `toType` records, both directions. */
export const associatedWith = (
  state: HubspotSandboxState,
  fromType: string,
  id: string,
  toType: string,
): Array<{ toId: string; typeId: number }> => {
  const out: Array<{ toId: string; typeId: number }> = []
  for (const a of state.associations) {
    if (a.fromType === fromType && a.fromId === id && a.toType === toType) out.push({ toId: a.toId, typeId: a.typeId })
    else if (a.toType === fromType && a.toId === id && a.fromType === toType) {
      out.push({ toId: a.fromId, typeId: DEFAULT_ASSOCIATION_TYPES[`${fromType}→${toType}`] ?? a.typeId })
    }
  }
  return out
}

/** Adds an association unless it exists. */
export const associate = (state: HubspotSandboxState, association: StoredAssociation): void => {
  const exists = associatedWith(state, association.fromType, association.fromId, association.toType).some(
    (a) => a.toId === association.toId,
  )
  if (!exists) state.associations.push(association)
}
