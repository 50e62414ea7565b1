import { describe, expect, it } from "vitest"
import levels from "../../connectors/odoo/fixtures/stock-levels.json" with { type: "json" }
import { decode, decodeFailure, encodeRead } from "./testing.ts"

const [teeAtWarehouse, bottleAtWarehouse, whiteTeeAtStore] = levels

describe("odoo inventory mapping", () => {
  it("maps the sum of a warehouse's quants (two lots here) to one level at the warehouse's code", async () => {
    expect(await decode("inventory", bottleAtWarehouse)).toEqual({
      sku: "ALP-BOTTLE-075",
      locationCode: "WH",
      onHand: 180,
      reserved: 5,
      safetyStock: 0,
      incoming: 0,
      available: 175,
      updatedAt: "2026-03-01T06:00:00Z",
    })
    expect(await decode("inventory", teeAtWarehouse)).toMatchObject({ onHand: 43, reserved: 3, available: 40 })
  })

  it("keeps negative stock on hand, and never offers less than nothing", async () => {
    expect(await decode("inventory", whiteTeeAtStore)).toMatchObject({ locationCode: "BER", onHand: -2, available: 0 })
  })

  it.each(levels.map((raw) => [`${raw.default_code}@${raw.warehouse_code}`, raw] as const))(
    "maps %s back to a record that maps to the same level",
    async (_key, raw) => {
      const level = await decode("inventory", raw)
      expect(await decode("inventory", await encodeRead("inventory", level))).toEqual(level)
    },
  )

  it("sends quantities that are not whole, and stock outside any warehouse, to the DLQ", async () => {
    expect((await decodeFailure("inventory", { ...teeAtWarehouse, quantity: 12.5 })).issues).toEqual([
      { path: "$.quantity", message: "12.5 is not a whole quantity (a product sold by weight or length?)" },
    ])
    expect(
      (await decodeFailure("inventory", { ...teeAtWarehouse, warehouse_id: false, warehouse_code: false })).issues,
    ).toEqual([{ path: "$.warehouse_code", message: "quants 2, 3 are in an internal location outside any warehouse" }])
  })

  it("takes float noise from unit conversions as the whole number it is", async () => {
    expect(await decode("inventory", { ...teeAtWarehouse, quantity: 42.99999999999 })).toMatchObject({ onHand: 43 })
  })
})
