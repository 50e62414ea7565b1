/**
 * eBay ⇄ canonical mappings. Build their context with the connector's lookup tables:
 * `mappingContext(system, defaults, ebayLookupTables(config))`.
 */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { fulfillmentMapping } from "./fulfillment.ts"
import { inventoryMapping } from "./inventory.ts"
import { orderMapping } from "./order.ts"
import { priceMapping } from "./price.ts"
import { productMapping } from "./product.ts"

export { fulfillmentMapping, inventoryMapping, orderMapping, priceMapping, productMapping }

/** Every eBay mapping, by canonical entity. */
export const ebayMappings: SystemMappings = {
  product: productMapping,
  price: priceMapping,
  inventory: inventoryMapping,
  order: orderMapping,
  fulfillment: fulfillmentMapping,
}
