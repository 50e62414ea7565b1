/**
 * Amazon SP-API ⇄ canonical mappings. Build their context with the connector's lookup tables:
 * `mappingContext(system, defaults, amazonLookupTables(config))`.
 */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { fulfillmentMapping } from "./fulfillment.ts"
import { inventoryMapping } from "./inventory.ts"
import { FBA_NOTE, orderMapping } from "./order.ts"
import { priceMapping } from "./price.ts"

export { FBA_NOTE, fulfillmentMapping, inventoryMapping, orderMapping, priceMapping }

/** Every Amazon mapping, by canonical entity. */
export const amazonMappings: SystemMappings = {
  order: orderMapping,
  inventory: inventoryMapping,
  price: priceMapping,
  fulfillment: fulfillmentMapping,
}
