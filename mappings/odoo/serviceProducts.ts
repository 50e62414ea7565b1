/**
 * Odoo sells shipping and order-level discounts as lines of service products. Which products:
 * the lookup table `odooServiceProduct` says, by key `shipping:<shipping code>`, `shipping`
 * and `discount`; without it, the Internal References `SHIP` and `DISCOUNT`.
 */
import type { MappingContextShape } from "../../core/mapping/index.ts"

/** The lookup table naming the service products shipping and discount lines are booked on. */
export const SERVICE_PRODUCT_TABLE = "odooServiceProduct"

/** The SKU of the delivery product for a shipping method. */
export const shippingSku = (ctx: MappingContextShape, code: string | undefined): string =>
  (code === undefined ? undefined : ctx.lookup(SERVICE_PRODUCT_TABLE, `shipping:${code}`)) ??
  ctx.lookup(SERVICE_PRODUCT_TABLE, "shipping") ??
  "SHIP"

/** The SKU of the product order-level discounts are booked on. */
export const discountSku = (ctx: MappingContextShape): string =>
  ctx.lookup(SERVICE_PRODUCT_TABLE, "discount") ?? "DISCOUNT"
