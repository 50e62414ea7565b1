/**
 * The lookup tables a Files system gives its mappings, built from its config (`lookupTables`):
 * system-wide defaults, and how each entity's exports write values.
 */
import type { FeedName, FilesConfig } from "../config.ts"

/** `pricesIncludeTax`: `true`/`false`. */
export const DEFAULTS_TABLE = "files:defaults"

/** `format` (`csv`/`jsonl`), `decimalSeparator`, `dateFormat`, `timeZone` of an entity's exports. */
export const exportTable = (entity: string): string => `files:export:${entity}`

const ENTITY_OF: Readonly<Record<FeedName, string>> = { products: "product", prices: "price", stock: "inventory" }

/** The tables of a configured system. */
export const filesLookupTables = (config: FilesConfig): Record<string, Record<string, string>> => {
  const tables: Record<string, Record<string, string>> = {
    [DEFAULTS_TABLE]: { pricesIncludeTax: String(config.pricesIncludeTax) },
  }
  for (const [name, entity] of Object.entries(ENTITY_OF) as Array<[FeedName, string]>) {
    const feed = config.feeds[name]
    tables[exportTable(entity)] = {
      format: feed.format.kind,
      decimalSeparator: feed.values.decimalSeparator,
      dateFormat: feed.values.dateFormat,
      timeZone: feed.values.timeZone,
    }
  }
  return tables
}
