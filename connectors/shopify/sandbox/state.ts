/**
 * The sandbox shop's data: records shaped like the Admin API's objects (so most fields resolve
 * as they are), seeded from the fixtures. Connections are stored as plain arrays.
 */
import { alpenglowCustomers } from "../fixtures/customers.ts"
import { alpenglowLocations } from "../fixtures/locations.ts"
import { alpenglowOrders } from "../fixtures/orders.ts"
import { stickerPack } from "../fixtures/products.ts"
import { alpenglowRefunds } from "../fixtures/refunds.ts"
import { alpenglowShop } from "../fixtures/shop.ts"
import { gidNumber, toGid } from "../schemas/common.ts"
import type { CustomerNode } from "../schemas/customer.ts"
import type { LocationNode } from "../schemas/location.ts"
import type { OrderNode } from "../schemas/order.ts"
import type { ProductNode } from "../schemas/product.ts"
import type { RefundNode } from "../schemas/refund.ts"

export interface SandboxWeight {
  unit: "KILOGRAMS" | "GRAMS" | "POUNDS" | "OUNCES"
  value: number
}

export interface SandboxInventoryItem {
  id: string
  tracked: boolean
  measurement: { id: string; weight: SandboxWeight | null }
  createdAt: string
  updatedAt: string
}

export interface SandboxVariant {
  id: string
  title: string
  sku: string | null
  barcode: string | null
  position: number
  price: string
  compareAtPrice: string | null
  taxable: boolean
  selectedOptions: Array<{ name: string; value: string }>
  inventoryItem: SandboxInventoryItem
  createdAt: string
  updatedAt: string
}

export interface SandboxProduct {
  id: string
  handle: string
  title: string
  descriptionHtml: string
  vendor: string
  productType: string
  tags: Array<string>
  status: "ACTIVE" | "DRAFT" | "ARCHIVED"
  metafields: Array<{ id: string; namespace: string; key: string; type: string; value: string }>
  media: Array<{
    __typename: string
    id: string
    alt: string | null
    mediaContentType: string
    status: string
    image: { url: string } | null
  }>
  options: Array<{ id: string; name: string; position: number; values: Array<string> }>
  variants: Array<SandboxVariant>
  createdAt: string
  updatedAt: string
}

export interface SandboxInventoryLevel {
  id: string
  itemId: string
  locationId: string
  /** Everything but `available`, which is derived as Shopify derives it. */
  quantities: Record<string, number>
  createdAt: string
  updatedAt: string
}

export type SandboxLocation = LocationNode & { createdAt: string }
export type SandboxCustomer = CustomerNode & { createdAt: string }
/** An order with its refunds (`Order.refunds`), the way the sandbox stores them. */
export type SandboxOrder = OrderNode & { createdAt: string; refunds?: Array<RefundNode> }

/** The throttle Shopify applies to this app on this shop. */
export interface SandboxThrottle {
  enabled: boolean
  maximumAvailable: number
  restoreRate: number
}

export interface ShopifySandboxState {
  shop: typeof alpenglowShop
  products: Array<SandboxProduct>
  locations: Array<SandboxLocation>
  inventoryLevels: Array<SandboxInventoryLevel>
  customers: Array<SandboxCustomer>
  orders: Array<SandboxOrder>
  throttle: SandboxThrottle
  /** Tokens the shop accepts; empty means any non-empty token. */
  accessTokens: Array<string>
  /** The last id handed out; new records count up from here. */
  lastId: number
}

/** Shopify timestamps are whole seconds in UTC. */
export const timestamp = (date: Date = new Date()): string => date.toISOString().replace(/\.\d{3}Z$/, "Z")

/** A new GID of `type`. */
export const nextGid = (state: ShopifySandboxState, type: string): string => {
  state.lastId += 1
  return toGid(type, state.lastId)
}

/** Shopify's `available`: on hand minus everything committed or held back. */
export const availableOf = (quantities: Record<string, number>): number =>
  (quantities.on_hand ?? 0) -
  ["committed", "reserved", "damaged", "quality_control", "safety_stock"].reduce(
    (sum, n) => sum + (quantities[n] ?? 0),
    0,
  )

export const inventoryLevelGid = (itemId: string, locationId: string): string =>
  `gid://shopify/InventoryLevel/${gidNumber(locationId)}?inventory_item_id=${gidNumber(itemId)}`

const seedProduct = (node: ProductNode): SandboxProduct => {
  const optionNames = [...new Set(node.variants.nodes.flatMap((v) => v.selectedOptions.map((o) => o.name)))]
  return {
    id: node.id,
    handle: node.handle,
    title: node.title,
    descriptionHtml: node.descriptionHtml,
    vendor: node.vendor,
    productType: node.productType,
    tags: [...node.tags],
    status: node.status,
    metafields:
      node.productNumber === null
        ? []
        : [
            {
              id: "gid://shopify/Metafield/30112345678901",
              namespace: "esl",
              key: "product_number",
              type: "single_line_text_field",
              value: node.productNumber.value,
            },
          ],
    media: node.media.nodes.map((m, i) => ({
      __typename: m.mediaContentType === "IMAGE" ? "MediaImage" : "ExternalVideo",
      id: `gid://shopify/MediaImage/3112345678${String(i).padStart(3, "0")}`,
      alt: m.alt,
      mediaContentType: m.mediaContentType,
      status: "READY",
      image: m.image ?? null,
    })),
    options: optionNames.map((name, i) => ({
      id: `gid://shopify/ProductOption/1012345678${String(i).padStart(3, "0")}`,
      name,
      position: i + 1,
      values: [
        ...new Set(
          node.variants.nodes.flatMap((v) => v.selectedOptions.filter((o) => o.name === name).map((o) => o.value)),
        ),
      ],
    })),
    variants: node.variants.nodes.map((v) => ({
      id: v.id,
      title: v.selectedOptions.map((o) => o.value).join(" / "),
      sku: v.sku,
      barcode: v.barcode,
      position: v.position,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      taxable: true,
      selectedOptions: v.selectedOptions.map((o) => ({ ...o })),
      inventoryItem: {
        id: v.inventoryItem.id,
        tracked: true,
        measurement: {
          id: v.inventoryItem.id.replace("InventoryItem", "InventoryItemMeasurement"),
          weight: v.inventoryItem.measurement.weight === null ? null : { ...v.inventoryItem.measurement.weight },
        },
        createdAt: node.updatedAt,
        updatedAt: v.updatedAt,
      },
      createdAt: node.updatedAt,
      updatedAt: v.updatedAt,
    })),
    createdAt: "2024-11-20T09:00:00Z",
    updatedAt: node.updatedAt,
  }
}

/** The demo shop as it starts: no ERP products yet, one product of the merchant's own. */
export const seedState = (seed: boolean): Omit<ShopifySandboxState, "throttle" | "accessTokens"> => {
  const products = seed ? [seedProduct(stickerPack)] : []
  const sticker = products[0]?.variants[0]?.inventoryItem.id
  const level = (locationId: string, onHand: number, committed: number): SandboxInventoryLevel => ({
    id: inventoryLevelGid(sticker ?? "", locationId),
    itemId: sticker ?? "",
    locationId,
    quantities: {
      on_hand: onHand,
      committed,
      reserved: 0,
      damaged: 0,
      quality_control: 0,
      safety_stock: 0,
      incoming: 0,
    },
    createdAt: "2024-12-02T10:00:00Z",
    updatedAt: "2025-01-08T16:30:00Z",
  })
  return {
    shop: { ...alpenglowShop },
    products,
    locations: seed
      ? alpenglowLocations.map((l) => ({ ...structuredClone(l), createdAt: "2024-06-01T08:00:00Z" }))
      : [],
    inventoryLevels:
      seed && sticker !== undefined
        ? [level("gid://shopify/Location/71234567001", 120, 4), level("gid://shopify/Location/71234567002", 15, 0)]
        : [],
    customers: seed
      ? alpenglowCustomers.map((c) => ({ ...structuredClone(c), createdAt: "2024-03-02T08:14:00Z" }))
      : [],
    orders: seed
      ? alpenglowOrders.map((o) => ({
          ...structuredClone(o),
          createdAt: o.processedAt,
          refunds: structuredClone([...(alpenglowRefunds[o.id] ?? [])]),
        }))
      : [],
    lastId: 9_100_000_000_000,
  }
}
