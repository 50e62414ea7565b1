/**
 * Odoo ⇄ canonical mappings. Lookup tables they consult: `locationKind` (warehouse code →
 * warehouse/store/dropship) and `odooServiceProduct` (`shipping`, `shipping:<code>`, `discount`
 * → the SKU of the service product those lines are booked on).
 */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { customerMapping } from "./customer.ts"
import { fulfillmentMapping } from "./fulfillment.ts"
import { inventoryMapping } from "./inventory.ts"
import { locationMapping } from "./location.ts"
import { orderMapping } from "./order.ts"
import { priceMapping } from "./price.ts"
import { productMapping } from "./product.ts"
import { returnMapping } from "./return.ts"

export { LOCATION_KIND_TABLE } from "./location.ts"
export { SERVICE_PRODUCT_TABLE } from "./serviceProducts.ts"

/**
 * Every Odoo mapping, by canonical entity. The read-only ones are declared with `unknown` as
 * their write type: with `defineMapping`'s `never` default they would not fit `SystemMappings`.
 */
export const odooMappings: SystemMappings = {
  product: productMapping,
  price: priceMapping,
  inventory: inventoryMapping,
  location: locationMapping,
  customer: customerMapping,
  order: orderMapping,
  fulfillment: fulfillmentMapping,
  return: returnMapping,
}
