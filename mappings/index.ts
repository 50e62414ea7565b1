import type { SystemMappings } from "../core/mapping/index.ts"
import { odooMappings } from "./odoo/index.ts"
import { shopifyMappings } from "./shopify/index.ts"

/** The default vendor ⇄ canonical mappings of every connector, by connector name. */
export const defaultMappings: Readonly<Record<string, SystemMappings>> = {
  shopify: shopifyMappings,
  odoo: odooMappings,
}
