import { describe, expect, it } from "vitest"
import { fixtureRecords } from "../../connectors/files/testing.ts"
import { decode, decodeFailure, encode } from "./testing.ts"

const FILE = "bestand-20261102-0600.jsonl"
const jsonl = (...rows: ReadonlyArray<string>) =>
  fixtureRecords("stock", FILE, new TextEncoder().encode(`${rows.join("\n")}\n`))

describe("inventory ⇄ a line of a JSON Lines stock export", () => {
  it("reads stock per SKU at WH and BER, available derived", async () => {
    const levels = await Promise.all(fixtureRecords("stock", FILE).map((r) => decode("inventory", r)))
    expect(levels).toHaveLength(18)
    expect(new Set(levels.map((l) => l.locationCode))).toEqual(new Set(["WH", "BER"]))
    expect(levels[0]).toEqual({
      sku: "ALP-TEE-S-BLK",
      locationCode: "WH",
      onHand: 42,
      reserved: 2,
      safetyStock: 5,
      incoming: 0,
      available: 35,
      updatedAt: "2026-11-02T05:00:00Z",
    })
  })

  it("round-trips through an export row", async () => {
    const levels = await Promise.all(fixtureRecords("stock", FILE).map((r) => decode("inventory", r)))
    for (const level of levels) expect(await decode("inventory", await encode("inventory", level))).toEqual(level)
  })

  it("fails a fractional quantity and a broken line at file and line", async () => {
    const [fractional, broken] = jsonl(
      '{"artikel":"ALP-BEANIE","lager":"WH","bestand":12.5}',
      '{"artikel":"ALP-BEANIE","lager":',
    )
    const error = await decodeFailure("inventory", fractional)
    expect(error.issues[0]).toEqual({ path: `$["${FILE}"][1].bestand`, message: "12.5 is not a whole number" })
    const parse = await decodeFailure("inventory", broken)
    expect(parse.issues[0]?.path).toBe(`$["${FILE}"][2]`)
    expect(parse.issues[0]?.message).toContain("is not valid JSON")
  })
})
