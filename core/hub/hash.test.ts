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

describe("stableStringify's text", () => {
  // The text stored hashes were made from: keys sorted by Object.keys().sort(), JSON for the rest.
  const reference = (value: unknown): string => {
    if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
    if (Array.isArray(value)) {
      const items: Array<string> = []
      for (let i = 0; i < value.length; i++) {
        items.push(!(i in value) ? "" : value[i] === undefined ? "null" : reference(value[i]))
      }
      return `[${items.join(",")}]`
    }
    const record = value as Record<string, unknown>
    const fields = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`)
    return `{${fields.join(",")}}`
  }

  const inherited = Object.create({ fromPrototype: 1 }) as Record<string, unknown>
  inherited.own = 2
  const samples: ReadonlyArray<unknown> = [
    { z: 1, a: [3, { y: 'ü\n"q"', b: null }], m: { "de-DE": "Hemd", en: "Shirt", "": "empty" } },
    { 10: "ten", 2: "two", b: "b", a: "a", "1.5": "x", "-1": "y" },
    { "\u00e9": 1, e: 2, E: 3, "\ud83d\ude00": 4, "\u2028": 5, '"': 6, "\\": 7 },
    // biome-ignore lint/suspicious/noSparseArray: a hole renders as join renders it.
    [1, , undefined, null, Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, "\ud800"],
    { nested: { deeper: { deepest: [{ k: [{ j: 1, i: 2 }], a: true }] } }, after: false },
    { [Symbol("s")]: 1, visible: 1 },
    inherited,
    "just a string",
    42,
  ]

  it.each(samples.map((s, i) => [i, s]))("is the text stored hashes were made from (#%s)", (_, sample) => {
    expect(stableStringify(sample)).toBe(reference(sample))
  })

  it("is the same text when a conversion throws half-way and the next record is hashed", () => {
    expect(() => stableStringify({ a: 1n })).toThrow()
    expect(stableStringify({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
  })
})

describe("contentHash's bytes", () => {
  it("are the SHA-1 of the stable text's UTF-8, as hashes stored before were made", async () => {
    const { createHash } = await import("node:crypto")
    const samples: ReadonlyArray<unknown> = [
      { title: { "de-DE": "Größe M – Über", ja: "シャツ", emoji: "👕" }, sku: "A-1", n: 1.5, ok: true, none: null },
      { escaped: 'quote " backslash \\ newline \n tab \t lone \ud800', "k\u00e9y": ["\u2028", "\u0000"] },
      { long: "x".repeat(100_000), nested: [{ b: 1, a: [1, 2, { z: "ü".repeat(30_000) }] }] },
      // Past the size the buffer is kept at; the record after it is hashed in a fresh one.
      { huge: "y".repeat(2_000_000) },
      { small: "after the huge one" },
    ]
    for (const sample of samples) {
      const text = stableStringify(sample)
      expect(contentHash(sample, [])).toBe(createHash("sha1").update(text).digest("base64url"))
    }
  })
})
