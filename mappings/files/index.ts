/**
 * Files ⇄ canonical mappings: rows of export files (already under canonical field names, the
 * feed's column mapping applied by the stream) to products, prices and stock levels, and back.
 * Lookup tables they consult, filled by the connector from its config: `files:defaults`
 * (`pricesIncludeTax`) and `files:export:<entity>` (`format`, `decimalSeparator`, `dateFormat`,
 * `timeZone` of the exported files).
 */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { inventoryMapping } from "./inventory.ts"
import { priceMapping } from "./price.ts"
import { productMapping } from "./product.ts"

export { DEFAULTS_TABLE, exportTable } from "../../connectors/files/schemas/tables.ts"

export const filesMappings: SystemMappings = {
  product: productMapping,
  price: priceMapping,
  inventory: inventoryMapping,
}
