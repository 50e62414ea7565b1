import { Effect, Either, ParseResult, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Location } from "../model/location.ts"
import { mappingContext } from "./context.ts"
import { defineMapping } from "./define.ts"
import { compileMapping } from "./fastPath.ts"
import { decodeRecord, encodeRecord } from "./run.ts"
import { mappingTransform } from "./transform.ts"

const Depot = Schema.Struct({ code: Schema.String, label: Schema.String, town: Schema.String })

/** A depot as a canonical location: the name under the context's locale, the town through a lookup table. */
const DepotToLocation = mappingTransform(Depot, Location, {
  decode: (depot, ctx, ast) => {
    const country = ctx.lookup("country", depot.town)
    if (country === undefined) {
      return ParseResult.fail(
        new ParseResult.Pointer("town", depot, new ParseResult.Type(ast, depot.town, `no country for ${depot.town}`)),
      )
    }
    if (depot.label === "throw") throw new Error("the body threw")
    // Built out of the schema's key order on purpose: the fast path must still give Effect's order.
    return ParseResult.succeed({
      name: depot.label,
      code: depot.code,
      kind: "warehouse" as const,
      address: { city: depot.town, line1: depot.label, countryCode: country },
      pickupEnabled: false,
      shipFromEnabled: true,
      updatedAt: "2026-01-01T00:00:00Z",
    })
  },
  encode: (location, ctx) =>
    // A body that needs the runtime (here a Clock read) returns any Effect.
    Effect.map(
      Effect.clockWith((clock) => clock.currentTimeMillis),
      () => ({
        code: location.code,
        label: location.name,
        town: location.address?.city ?? ctx.defaults.channel,
      }),
    ),
})

const mapping = defineMapping({ entity: "location", read: DepotToLocation, write: DepotToLocation })
const ctx = mappingContext(
  "wms",
  { locale: "en", currency: "EUR", channel: "wms", priceList: "default" },
  { country: { Hamburg: "DE" } },
)

const depots: ReadonlyArray<unknown> = [
  { code: "HH", label: "Hamburg depot", town: "Hamburg", extra: 1 },
  { code: "XX", label: "Nowhere", town: "Atlantis" },
  { code: "TH", label: "throw", town: "Hamburg" },
  { code: "HH2", label: "Hamburg two", town: "Hamburg" },
  "not a depot",
]

describe("mappingTransform", () => {
  it("runs its body with the context the Effect path provides", () => {
    const location = Effect.runSync(decodeRecord(mapping, ctx, depots[0], "HH"))
    expect(location.address?.countryCode).toBe("DE")
  })

  it("maps a page with decodeMany exactly as decodeRecord maps each record, failures and throws included", () => {
    const compiled = compileMapping(mapping)
    const before = compiled.slowRuns()
    const page = Effect.runSync(compiled.decodeMany(ctx, depots, (i) => `#${i}`))
    const each = depots.map((raw, i) => Effect.runSync(Effect.either(decodeRecord(mapping, ctx, raw, `#${i}`))))
    expect(JSON.stringify(page)).toBe(JSON.stringify(each))
    expect(Object.keys(Either.getOrThrow(page[0] as Either.Either<unknown, unknown>) as object)).toEqual([
      "code",
      "name",
      "kind",
      "address",
      "pickupEnabled",
      "shipFromEnabled",
      "updatedAt",
    ])
    expect(page.map(Either.isRight)).toEqual([true, false, false, true, false])
    // Only the three bad records went through the Effect path, which explains them.
    expect(compiled.slowRuns() - before).toBe(3)
  })

  it("runs a body that needs the runtime on the fast path, with encodeRecord's result", () => {
    const location = Effect.runSync(decodeRecord(mapping, ctx, depots[0], "HH"))
    const compiled = compileMapping(mapping)
    const before = compiled.slowRuns()
    const [fast] = Effect.runSync(compiled.encodeMany(ctx, [location], () => "HH"))
    const slow = Effect.runSync(Effect.either(encodeRecord(mapping, ctx, location, "HH")))
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow))
    expect(compiled.slowRuns()).toBe(before)
  })
})
