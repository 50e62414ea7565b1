import { describe, expect, it } from "vitest"
import levels from "../../connectors/tryton/fixtures/inventory.json" with { type: "json" }
import { decode, decodeFailure, encodeRead } from "./testing.ts"

const at = (code: string, warehouse: string) => levels.find((l) => l.code === code && l.warehouse_code === warehouse)

describe("tryton inventory mapping (fixtures captured from Tryton 6.0)", () => {
  it("maps a warehouse's quantity to a level at the warehouse's code", async () => {
    expect(await decode("inventory", at("TEE-L", "BER"))).toEqual({
      sku: "TEE-L",
      locationCode: "BER",
      onHand: 7,
      reserved: 0,
      safetyStock: 0,
      incoming: 0,
      available: 7,
      updatedAt: at("TEE-L", "BER")?.read_at,
    })
  })

  it("counts what a confirmed sale's waiting shipment will take as reserved", async () => {
    expect(await decode("inventory", at("TEE-L", "WH"))).toMatchObject({ onHand: 12, reserved: 3, available: 9 })
  })

  it("sends quantities that are not whole to the DLQ", async () => {
    expect((await decodeFailure("inventory", { ...levels[0], quantity: 2.5 })).issues).toEqual([
      { path: "$.quantity", message: "2.5 is not a whole quantity (a product sold by weight or length?)" },
    ])
  })

  it.each(levels.map((l) => [`${l.code}@${l.warehouse_code}`, l] as const))(
    "maps %s back to the same level",
    async (_k, raw) => {
      const level = await decode("inventory", raw)
      expect(await decode("inventory", await encodeRead("inventory", level))).toEqual(level)
    },
  )
})
