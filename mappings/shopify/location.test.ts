import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { berlinStore, hamburgWarehouse } from "../../connectors/shopify/fixtures/locations.ts"
import { decodeRecord } from "../../core/mapping/index.ts"
import { locationMapping } from "./location.ts"
import { alpenglowContext, readRoundTrip } from "./testing.ts"

const ctx = alpenglowContext()

describe("Shopify location mapping", () => {
  it.effect("reads a configured warehouse (by GID) and a pickup store (by name)", () =>
    Effect.gen(function* () {
      const hamburg = yield* decodeRecord(locationMapping, ctx, hamburgWarehouse, "hamburg")
      expect(hamburg).toEqual({
        code: "HAM-WH",
        name: "Central Warehouse Hamburg",
        kind: "warehouse",
        address: {
          line1: "Am Sandtorkai 50",
          city: "Hamburg",
          postalCode: "20457",
          region: "HH",
          countryCode: "DE",
          phone: "+49 40 98765430",
        },
        pickupEnabled: false,
        shipFromEnabled: true,
        updatedAt: "2024-11-18T08:30:12Z",
      })
      const berlin = yield* decodeRecord(locationMapping, ctx, berlinStore, "berlin")
      expect(berlin).toMatchObject({ code: "BER-MITTE", kind: "store", pickupEnabled: true })
    }),
  )

  it.effect("uses the location's name as its code when the config does not list it", () =>
    Effect.gen(function* () {
      const berlin = yield* decodeRecord(locationMapping, alpenglowContext({ locations: {} }), berlinStore, "berlin")
      expect(berlin.code).toBe("Berlin Mitte Store")
    }),
  )

  it.effect("round-trips both locations", () =>
    Effect.gen(function* () {
      for (const fixture of [hamburgWarehouse, berlinStore]) {
        const { canonical, again } = yield* readRoundTrip(locationMapping, ctx, fixture)
        expect(again).toEqual(canonical)
      }
    }),
  )
})
