/** HubSpot ⇄ canonical mappings: customers (contacts + company + consents), products, orders. */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { customerMapping } from "./customer.ts"
import { orderMapping } from "./order.ts"
import { productMapping } from "./product.ts"

/** Every HubSpot mapping, by canonical entity. */
export const hubspotMappings: SystemMappings = {
  customer: customerMapping,
  product: productMapping,
  order: orderMapping,
}
