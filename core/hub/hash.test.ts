import { describe, expect, it } from "vitest"
import { contentHash, stableStringify } from "./hash.ts"

describe("contentHash", () => {
  const record = {
    productNumber: "P1",
    title: { en: "Shirt", "de-DE": "Hemd" },
    variants: [{ sku: "A", options: [{ name: "Size", value: "M" }] }],
    updatedAt: "2026-01-01T00:00:00Z",
  }

  it("ignores the order of keys, at every depth", () => {
    const reordered = {
      updatedAt: "2026-01-01T00:00:00Z",
      variants: [{ options: [{ value: "M", name: "Size" }], sku: "A" }],
      title: { "de-DE": "Hemd", en: "Shirt" },
      productNumber: "P1",
    }
    expect(contentHash(reordered)).toBe(contentHash(record))
  })

  it("ignores updatedAt by default: a touched record is not a changed record", () => {
    expect(contentHash({ ...record, updatedAt: "2026-06-01T12:00:00Z" })).toBe(contentHash(record))
    const { updatedAt: _, ...withoutTimestamp } = record
    expect(contentHash(withoutTimestamp)).toBe(contentHash(record))
  })

  it("sees every real change: a value, an array's order, a nested field", () => {
    const hash = contentHash(record)
    expect(contentHash({ ...record, productNumber: "P2" })).not.toBe(hash)
    expect(contentHash({ ...record, title: { en: "Shirt", "de-DE": "Hemd!" } })).not.toBe(hash)
    expect(contentHash({ ...record, variants: [{ sku: "A", options: [] }] })).not.toBe(hash)
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]))
    // A number is not its string.
    expect(contentHash({ price: 1 })).not.toBe(contentHash({ price: "1" }))
  })

  it("hashes everything when told to ignore nothing (outbound payloads)", () => {
    expect(contentHash({ a: 1, updatedAt: "x" }, [])).not.toBe(contentHash({ a: 1, updatedAt: "y" }, []))
  })

  it("treats an undefined field as absent, as JSON does", () => {
    expect(contentHash({ a: 1, b: undefined })).toBe(contentHash({ a: 1 }))
    expect(stableStringify({ b: [undefined, 2], a: null })).toBe('{"a":null,"b":[null,2]}')
  })
})
