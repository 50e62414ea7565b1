/** Tryton ⇄ canonical mappings: products, prices, stock, customers (both ways), sale orders (written), shipments. */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { customerMapping } from "./customer.ts"
import { fulfillmentMapping } from "./fulfillment.ts"
import { inventoryMapping } from "./inventory.ts"
import { orderMapping } from "./order.ts"
import { priceMapping } from "./price.ts"
import { productMapping } from "./product.ts"

/** Every Tryton mapping, by canonical entity. */
export const trytonMappings: SystemMappings = {
  product: productMapping,
  price: priceMapping,
  inventory: inventoryMapping,
  customer: customerMapping,
  order: orderMapping,
  fulfillment: fulfillmentMapping,
}
