/**
 * Akeneo ⇄ canonical mappings. Their context takes the connector's lookup tables
 * (`akeneo.attributes`: which attribute codes hold name, description, brand, GTIN, weight) and
 * its defaults (`locale` for option labels, `channel` for scopable values).
 */
import type { SystemMappings } from "../../core/mapping/index.ts"
import { categoryMapping } from "./category.ts"
import { productMapping } from "./product.ts"

export { categoryMapping, productMapping }

/** Every Akeneo mapping, by canonical entity. */
export const akeneoMappings: SystemMappings = {
  product: productMapping,
  category: categoryMapping,
}
