/**
 * Vendure ⇄ canonical mappings. Build their context with the connector's lookup tables
 * (`vendureChannel`: whether prices include tax, the default stock location's code).
 */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { customerMapping } from "./customer.ts"
import { fulfillmentMapping } from "./fulfillment.ts"
import { inventoryMapping } from "./inventory.ts"
import { orderMapping } from "./order.ts"
import { priceMapping } from "./price.ts"
import { productMapping } from "./product.ts"

export { customerMapping, fulfillmentMapping, inventoryMapping, orderMapping, priceMapping, productMapping }

/** Every Vendure mapping, by canonical entity. */
export const vendureMappings: SystemMappings = {
  product: productMapping,
  price: priceMapping,
  inventory: inventoryMapping,
  order: orderMapping,
  customer: customerMapping,
  fulfillment: fulfillmentMapping,
}
