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
  const reversed = new Map<string, Map<string, string>>()
  const reverse = (table: string) => {
    let map = reversed.get(table)
    if (!map) {
      map = new Map(Object.entries(tables[table] ?? {}).map(([k, v]) => [v, k]))
      reversed.set(table, map)
    }
    return map
  }
  return {
    system,
    defaults,
    lookup: (table, key) => tables[table]?.[key],
    reverseLookup: (table, value) => reverse(table).get(value),
  }
}
