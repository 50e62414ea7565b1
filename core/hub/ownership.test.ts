import { describe, expect, it } from "vitest"
import { mergeOwned, type OwnershipRules, ownershipFor } from "./ownership.ts"

const rules: OwnershipRules = { product: { title: "pim", description: "pim", "*": "erp" } }

describe("ownershipFor", () => {
  it("names the field's owner, else the entity's `*` owner, else nobody", () => {
    expect(ownershipFor(rules, "product", "title")).toBe("pim")
    expect(ownershipFor(rules, "product", "price")).toBe("erp")
    expect(ownershipFor(rules, "customer", "email")).toBeUndefined()
  })
})

describe("mergeOwned", () => {
  const existing = { productNumber: "P1", title: "Linen shirt", price: 10, updatedAt: "2026-01-01T00:00:00Z" }
  const existingSources = { productNumber: "erp", title: "pim", price: "erp", updatedAt: "erp" }

  it("ignores a non-owner's write to an owned field, and counts it", () => {
    const result = mergeOwned({
      rules,
      entity: "product",
      system: "erp",
      incoming: { productNumber: "P1", title: "LINEN SHIRT 42", price: 11, updatedAt: "2026-01-02T00:00:00Z" },
      existing,
      existingSources,
    })
    expect(result.merged).toEqual({
      productNumber: "P1",
      title: "Linen shirt",
      price: 11,
      updatedAt: "2026-01-02T00:00:00Z",
    })
    expect(result.ignoredFields).toEqual(["title"])
    expect(result.fieldSources).toMatchObject({ title: "pim", price: "erp" })
  })

  it("lets the owner overwrite its field", () => {
    const result = mergeOwned({
      rules,
      entity: "product",
      system: "pim",
      incoming: { title: "Linen shirt, relaxed fit" },
      existing,
      existingSources,
    })
    expect(result.merged).toEqual({ ...existing, title: "Linen shirt, relaxed fit" })
    expect(result.ignoredFields).toEqual([])
    expect(result.fieldSources.title).toBe("pim")
  })

  it("counts an ignored write only when it would have changed the owner's value", () => {
    const same = mergeOwned({
      rules,
      entity: "product",
      system: "erp",
      incoming: { ...existing },
      existing,
      existingSources,
    })
    expect(same.ignoredFields).toEqual([])
    const different = mergeOwned({
      rules,
      entity: "product",
      system: "erp",
      incoming: { ...existing, title: "ERP title" },
      existing,
      existingSources,
    })
    expect(different.ignoredFields).toEqual(["title"])
    expect(different.merged.title).toEqual(existing.title)
  })

  it("fills a field the hub has no value for from a non-owner, provisionally: the owner overwrites it later", () => {
    const provisional = mergeOwned({
      rules,
      entity: "product",
      system: "erp",
      incoming: { ...existing, description: "ERP description" },
      existing,
      existingSources,
    })
    expect(provisional.merged.description).toBe("ERP description")
    expect(provisional.fieldSources.description).toBe("erp")
    // the erp re-sent the pim's title unchanged: nothing was overruled, nothing is counted
    expect(provisional.ignoredFields).toEqual([])

    // The erp may keep its own provisional value up to date while the owner is silent…
    const refreshed = mergeOwned({
      rules,
      entity: "product",
      system: "erp",
      incoming: { ...existing, description: "ERP description v2" },
      existing: provisional.merged,
      existingSources: provisional.fieldSources,
    })
    expect(refreshed.merged.description).toBe("ERP description v2")

    // …until the owner sends it; from then on the erp's value is ignored.
    const owned = mergeOwned({
      rules,
      entity: "product",
      system: "pim",
      incoming: { title: "Linen shirt", description: "Soft washed linen" },
      existing: refreshed.merged,
      existingSources: refreshed.fieldSources,
    })
    expect(owned.merged.description).toBe("Soft washed linen")
    expect(owned.fieldSources.description).toBe("pim")
    const after = mergeOwned({
      rules,
      entity: "product",
      system: "erp",
      incoming: { ...existing, description: "ERP description v3" },
      existing: owned.merged,
      existingSources: owned.fieldSources,
    })
    expect(after.merged.description).toBe("Soft washed linen")
    expect(after.ignoredFields).toEqual(["description"])
  })

  it("keeps a field owned elsewhere that the incoming record does not carry, and drops an own field the owner removed", () => {
    const result = mergeOwned({
      rules,
      entity: "product",
      system: "erp",
      incoming: { productNumber: "P1", updatedAt: "2026-01-02T00:00:00Z" },
      existing,
      existingSources,
    })
    expect(result.merged).toEqual({ productNumber: "P1", title: "Linen shirt", updatedAt: "2026-01-02T00:00:00Z" })
  })

  it("takes a new record as it comes, every field sourced from the sender", () => {
    const result = mergeOwned({
      rules,
      entity: "product",
      system: "erp",
      incoming: { productNumber: "P9", title: "X" },
    })
    expect(result).toEqual({
      merged: { productNumber: "P9", title: "X" },
      fieldSources: { productNumber: "erp", title: "erp" },
      ignoredFields: [],
    })
  })

  it("merges everything from everyone when no rule names the entity", () => {
    const result = mergeOwned({
      rules,
      entity: "customer",
      system: "shop",
      incoming: { email: "b@example.com" },
      existing: { email: "a@example.com", name: "A" },
      existingSources: { email: "crm", name: "crm" },
    })
    expect(result.merged).toEqual({ email: "b@example.com" })
    expect(result.ignoredFields).toEqual([])
  })
})
