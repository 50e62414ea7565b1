/**
 * WooCommerce ⇄ canonical mappings. Build their context with the connector's lookup tables:
 * `mappingContext(system, defaults, woocommerceLookupTables(config))`.
 */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { customerMapping } from "./customer.ts"
import { inventoryMapping } from "./inventory.ts"
import { orderMapping } from "./order.ts"
import { priceMapping } from "./price.ts"
import { productMapping } from "./product.ts"

export { customerMapping, inventoryMapping, orderMapping, priceMapping, productMapping }

/** Every WooCommerce mapping, by canonical entity. */
export const woocommerceMappings: SystemMappings = {
  product: productMapping,
  price: priceMapping,
  inventory: inventoryMapping,
  order: orderMapping,
  customer: customerMapping,
}
