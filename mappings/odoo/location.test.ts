import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import warehouses from "../../connectors/odoo/fixtures/warehouses.json" with { type: "json" }
import { decodeRecord, mappingContext } from "../../core/mapping/index.ts"
import { decode, encodeRead, mappingOf } from "./testing.ts"

const [central, store] = warehouses

describe("odoo location mapping", () => {
  it("maps a warehouse with its address", async () => {
    expect(await decode("location", central)).toEqual({
      code: "WH",
      name: "Central Warehouse Hamburg",
      kind: "warehouse",
      address: {
        company: "Alpenglow Outfitters GmbH",
        line1: "Große Elbstraße 145",
        city: "Hamburg",
        postalCode: "22767",
        countryCode: "DE",
        phone: "+49 40 3861 2200",
      },
      pickupEnabled: false,
      shipFromEnabled: true,
      updatedAt: "2026-01-02T10:00:00Z",
    })
  })

  it("makes a warehouse the locationKind table names a store a click & collect location", async () => {
    expect(await decode("location", store)).toMatchObject({
      code: "BER",
      kind: "store",
      pickupEnabled: true,
      shipFromEnabled: false,
    })
  })

  it("refuses a kind the canonical model does not have", async () => {
    const ctx = mappingContext(
      "erp",
      { locale: "en", currency: "EUR", channel: "odoo", priceList: "default" },
      { locationKind: { BER: "popup" } },
    )
    const error = await Effect.runPromise(Effect.flip(decodeRecord(mappingOf("location"), ctx, store, "BER")))
    expect(error.issues[0]?.message).toContain('lookup locationKind says "popup" for BER')
  })

  it("offers neither pickup nor shipping from an archived warehouse", async () => {
    expect(await decode("location", { ...store, active: false })).toMatchObject({
      pickupEnabled: false,
      shipFromEnabled: false,
    })
  })

  it.each(warehouses.map((raw) => [raw.code, raw] as const))(
    "maps %s back to a record that maps to the same location",
    async (_code, raw) => {
      const location = await decode("location", raw)
      expect(await decode("location", await encodeRead("location", location))).toEqual(location)
    },
  )
})
