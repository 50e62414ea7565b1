/** The WooCommerce sandbox's data: products and variations in one table, as WordPress keeps them. */
import type { WooCustomer } from "../schemas/customer.ts"
import type { WooOrder } from "../schemas/order.ts"

export interface StoredAttribute {
  readonly id: number
  readonly name: string
  readonly position?: number
  readonly visible?: boolean
  readonly variation?: boolean
  /** A product's attribute lists its options. */
  readonly options?: ReadonlyArray<string>
  /** A variation's attribute names its one option. */
  readonly option?: string
}

/** A product or a variation (`type: "variation"`, `parent_id` set). Timestamps are GMT without a zone. */
export interface StoredProduct {
  id: number
  parent_id: number
  type: "simple" | "variable" | "variation" | "grouped" | "external"
  name: string
  slug: string
  status: string
  description: string
  sku: string
  global_unique_id: string
  regular_price: string
  sale_price: string
  manage_stock: boolean
  stock_quantity: number | null
  weight: string
  dimensions: { length: string; width: string; height: string }
  attributes: ReadonlyArray<StoredAttribute>
  /** Category ids (a product's; variations have none). */
  categories: ReadonlyArray<number>
  menu_order: number
  meta_data: ReadonlyArray<{ id: number; key: string; value: unknown }>
  date_created_gmt: string
  date_modified_gmt: string
}

/** A product category (a `product_cat` term). */
export interface StoredCategory {
  readonly id: number
  readonly name: string
  readonly slug: string
  readonly parent: number
  readonly description: string
  readonly menu_order: number
}

export interface WooSandboxState {
  readonly products: Map<number, StoredProduct>
  readonly categories: Map<number, StoredCategory>
  readonly orders: Map<number, WooOrder>
  readonly customers: Map<number, WooCustomer>
  /** The next post id WordPress would hand out. */
  nextId: number
  /** The current time in GMT (`2026-03-06T09:00:00`); each write advances it by a second. */
  clock: () => string
  /** Every request the sandbox answered, `METHOD path?query`, for tests that count calls. */
  readonly requests: Array<string>
}

/** The site's time zone offset: WooCommerce's local `date_*` fields are GMT plus this. */
export const SITE_UTC_OFFSET_HOURS = 1

/** GMT `2026-03-02T18:21:07` → site time `2026-03-02T19:21:07`. */
export const siteTime = (gmt: string): string =>
  new Date(Date.parse(`${gmt}Z`) + SITE_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 19)
