import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeRecord, MappingContext } from "../../core/mapping/index.ts"
import { categoryMapping } from "./category.ts"
import { pimContext, recordedCategories, runMapping } from "./testing.ts"

const decode = (raw: unknown) => runMapping(decodeRecord(categoryMapping, pimContext(), raw, "fixture"))

describe("Akeneo category → canonical category", () => {
  it("keeps the tree: code, labels per BCP 47 locale, parent code, position", async () => {
    const tshirts = recordedCategories.find((c) => c.code === "tshirts")
    expect(await decode(tshirts)).toEqual({
      code: "tshirts",
      name: { "en-US": "T-Shirts", "de-DE": "T-Shirts" },
      parentCode: "apparel",
      position: 1,
      updatedAt: "2026-09-01T08:06:00Z",
    })
  })

  it("gives a tree's root no parent", async () => {
    const master = await decode(recordedCategories.find((c) => c.code === "master"))
    expect(master.parentCode).toBeUndefined()
    expect(master.name).toEqual({ "en-US": "Master catalog", "de-DE": "Hauptkatalog" })
  })

  it("survives a round trip for every recorded category", async () => {
    const ctx = pimContext()
    for (const raw of recordedCategories) {
      const canonical = await decode(raw)
      const vendor = await runMapping(
        Schema.encode(categoryMapping.read!)(canonical).pipe(Effect.provideService(MappingContext, ctx)),
      )
      expect(await decode(vendor)).toEqual(canonical)
    }
  })
})
