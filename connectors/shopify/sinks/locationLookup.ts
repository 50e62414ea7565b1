/**
 * Canonical location code → Shopify location GID: the `locations` option names a GID or a
 * location name; a code it does not list is the name of the location.
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import type { ShopifyContext } from "../client.ts"
import { allLocations } from "../streams/locations.ts"

/** The GIDs of the locations these codes stand for; unknown codes are absent from the map. */
export const locationIdsByCode = (
  ctx: ShopifyContext,
  codes: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, string>, ConnectorError> =>
  allLocations(ctx).pipe(
    Effect.map((locations) => {
      const found = new Map<string, string>()
      for (const code of new Set(codes)) {
        const configured = Object.hasOwn(ctx.config.locations, code) ? ctx.config.locations[code] : undefined
        const wanted = configured ?? code
        const location = locations.find((l) => l.id === wanted) ?? locations.find((l) => l.name === wanted)
        if (location !== undefined) found.set(code, location.id)
      }
      return found
    }),
  )
