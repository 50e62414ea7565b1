/**
 * Shopify ⇄ canonical mappings. Build their context with the connector's lookup tables:
 * `mappingContext(system, defaults, shopifyLookupTables(config))`.
 */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { customerMapping } from "./customer.ts"
import { inventoryMapping } from "./inventory.ts"
import { locationMapping } from "./location.ts"
import { orderMapping } from "./order.ts"
import { priceMapping } from "./price.ts"
import { productMapping } from "./product.ts"
import { returnMapping } from "./return.ts"

export { customerMapping, inventoryMapping, locationMapping, orderMapping, priceMapping, productMapping, returnMapping }

/** Every Shopify mapping, by canonical entity. */
export const shopifyMappings: SystemMappings = {
  product: productMapping,
  price: priceMapping,
  inventory: inventoryMapping,
  order: orderMapping,
  customer: customerMapping,
  location: locationMapping,
  return: returnMapping,
}
