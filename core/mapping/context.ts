import { Context } from "effect"
import type { SystemDefaults } from "../connector/define.ts"

/**
 * What a mapping may consult besides the record: the system's defaults (locale, currency,
 * channel, price list) and lookup tables (value maps from config, location codes ⇄ vendor
 * location ids). Lookups are synchronous over tables loaded before the run, so mappings stay
 * pure and fast.
 */
export interface MappingContextShape {
  readonly system: string
  readonly defaults: SystemDefaults
  /** A value from a lookup table, or undefined: `lookup("location", "gid://shopify/Location/1")`. */
  readonly lookup: (table: string, key: string) => string | undefined
  /** The reverse direction of the same table. */
  readonly reverseLookup: (table: string, value: string) => string | undefined
}

export class MappingContext extends Context.Tag("esl/MappingContext")<MappingContext, MappingContextShape>() {}

/** A context from plain tables, for tests, `esl map` and runs. */
export const mappingContext = (
  system: string,
  defaults: SystemDefaults,
  tables: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): MappingContextShape => {
  // Own keys only: a vendor code such as `constructor` must not find Object.prototype's.
  const tableOf = (table: string) => (Object.hasOwn(tables, table) ? tables[table] : undefined)
  const reversed = new Map<string, Map<string, string>>()
  const reverse = (table: string) => {
    let map = reversed.get(table)
    if (!map) {
      map = new Map()
      // When two keys share a value the first wins, as in `valueMap`.
      for (const [key, value] of Object.entries(tableOf(table) ?? {})) if (!map.has(value)) map.set(value, key)
      reversed.set(table, map)
    }
    return map
  }
  return {
    system,
    defaults,
    lookup: (table, key) => {
      const entries = tableOf(table)
      return entries && Object.hasOwn(entries, key) ? entries[key] : undefined
    },
    reverseLookup: (table, value) => reverse(table).get(value),
  }
}
