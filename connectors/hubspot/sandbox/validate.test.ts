import { describe, expect, it } from "vitest"
import { batchUpdate, batchUpsert } from "./batch.ts"
import { seedState } from "./state.ts"
import { findByUnique } from "./validate.ts"

const NOW = Date.UTC(2026, 5, 1)

describe("unique-value lookups in the hubspot sandbox", () => {
  it("finds a contact by the e-mail an update gave it, and no longer by the old one", () => {
    const state = seedState(true)
    const lena = findByUnique(state, "contacts", "email", "lena.schneider@example.de")
    expect(lena?.id).toBe("502")
    const response = batchUpdate(
      state,
      "contacts",
      { inputs: [{ id: "502", properties: { email: "lena.wolf@example.de" } }] },
      NOW,
    )
    expect(response.status).toBe(200)
    expect(findByUnique(state, "contacts", "email", "Lena.Wolf@example.de")?.id).toBe("502")
    expect(findByUnique(state, "contacts", "email", "lena.schneider@example.de")).toBeUndefined()
  })

  it("finds a record a test put into the state directly, after the index was built", () => {
    const state = seedState(true)
    expect(findByUnique(state, "contacts", "email", "new.customer@example.de")).toBeUndefined()
    state.objects.contacts?.set("9001", {
      id: "9001",
      properties: { email: "new.customer@example.de" },
      createdAt: "2026-06-01T00:00:00.000Z",
      updatedAt: "2026-06-01T00:00:00.000Z",
    })
    expect(findByUnique(state, "contacts", "email", "new.customer@example.de")?.id).toBe("9001")
  })

  it("updates a product upserted again by hs_sku instead of creating a second one", () => {
    const state = seedState(false)
    const upsert = (skus: ReadonlyArray<string>, price: string) =>
      batchUpsert(
        state,
        "products",
        { inputs: skus.map((sku) => ({ id: sku, idProperty: "hs_sku", properties: { name: sku, price } })) },
        NOW,
      )
    const skus = Array.from({ length: 300 }, (_, i) => `TS-${i}`)
    for (let i = 0; i < skus.length; i += 100) upsert(skus.slice(i, i + 100), "10.00")
    upsert(["TS-7", "ts-250"], "12.50")
    expect(state.objects.products?.size).toBe(300)
    expect(findByUnique(state, "products", "hs_sku", "TS-250")?.properties.price).toBe("12.50")
  })
})
