/**
 * The canonical fields a feed's columns can hold, per feed. A column mapping names the column
 * of each (`{ sku: "Artikelnummer" }`); an unmapped field is read from the column of its own
 * name. Products also take `option:<name>` (a variant option such as `option:Size`) and
 * `attribute:<name>` (a product attribute).
 */
import type { FeedName } from "../config.ts"

export const FEED_FIELDS: Readonly<Record<FeedName, ReadonlyArray<string>>> = {
  products: [
    "productNumber",
    "sku",
    "title",
    "variantTitle",
    "description",
    "brand",
    "category",
    "status",
    "gtin",
    "weightKg",
    "position",
    "updatedAt",
  ],
  prices: [
    "sku",
    "amount",
    "compareAtAmount",
    "currency",
    "priceList",
    "minQuantity",
    "taxIncluded",
    "validFrom",
    "validTo",
    "updatedAt",
  ],
  stock: ["sku", "locationCode", "onHand", "reserved", "safetyStock", "incoming", "updatedAt"],
}

/** Field name prefixes a product feed's column mapping may use besides the fixed fields. */
export const DYNAMIC_PREFIXES: Readonly<Record<FeedName, ReadonlyArray<string>>> = {
  products: ["option:", "attribute:"],
  prices: [],
  stock: [],
}

/** Field → column for every field a feed reads: the mapping's entries, the rest by their own name. */
export const columnsOf = (feed: FeedName, mapping: Readonly<Record<string, string>>): Record<string, string> => {
  const columns: Record<string, string> = {}
  for (const field of FEED_FIELDS[feed]) columns[field] = mapping[field] ?? field
  for (const [field, column] of Object.entries(mapping)) {
    if (DYNAMIC_PREFIXES[feed].some((prefix) => field.startsWith(prefix))) columns[field] = column
  }
  return columns
}
