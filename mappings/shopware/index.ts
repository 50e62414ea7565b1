/**
 * Shopware ⇄ canonical mappings. Build their context with the connector's lookup tables:
 * `mappingContext(system, defaults, shopwareLookupTables(config))`.
 */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { categoryMapping } from "./category.ts"
import { customerMapping } from "./customer.ts"
import { fulfillmentMapping } from "./fulfillment.ts"
import { inventoryMapping } from "./inventory.ts"
import { orderMapping } from "./order.ts"
import { priceMapping } from "./price.ts"
import { productMapping } from "./product.ts"

export {
  categoryMapping,
  customerMapping,
  fulfillmentMapping,
  inventoryMapping,
  orderMapping,
  priceMapping,
  productMapping,
}

/** Every Shopware mapping, by canonical entity. */
export const shopwareMappings: SystemMappings = {
  product: productMapping,
  price: priceMapping,
  inventory: inventoryMapping,
  order: orderMapping,
  customer: customerMapping,
  fulfillment: fulfillmentMapping,
  category: categoryMapping,
}
