import { Effect, Either, ParseResult, Schema } from "effect"
import { describe, expect, it } from "vitest"
import listPrices from "../../connectors/odoo/fixtures/list-prices.json" with { type: "json" }
import pricelistPrices from "../../connectors/odoo/fixtures/pricelist-prices.json" with { type: "json" }
import odooProducts from "../../connectors/odoo/fixtures/products.json" with { type: "json" }
import { priceMapping as odooPrice } from "../../mappings/odoo/price.ts"
import { productMapping as odooProduct } from "../../mappings/odoo/product.ts"
import { productMapping as shopifyProduct } from "../../mappings/shopify/product.ts"
import { Price } from "../model/price.ts"
import { Product } from "../model/product.ts"
import { MappingContext, mappingContext } from "./context.ts"
import type { EntityMapping } from "./define.ts"
import { compileMapping } from "./fastPath.ts"
import { decodeRecord, encodeRecord } from "./run.ts"
import { fullCheck } from "./schemaCheck.ts"
import { mappingTransform } from "./transform.ts"

const ctx = mappingContext("erp", { locale: "en", currency: "EUR", channel: "odoo", priceList: "default" })

// biome-ignore lint/suspicious/noExplicitAny: the mappings under test have different vendor shapes.
type AnyMapping = EntityMapping<any, any, any>

/** Both paths on one record, as JSON (key order included: the hub hashes what it stores). */
const bothDecode = (mapping: AnyMapping, raw: unknown) => {
  const slow = Effect.runSync(Effect.either(decodeRecord(mapping, ctx, raw, "r1")))
  const fast = Effect.runSync(Effect.either(compileMapping(mapping).decode(ctx, raw, "r1")))
  return { slow: JSON.stringify(slow), fast: JSON.stringify(fast), ok: Either.isRight(slow) }
}
const bothEncode = (mapping: AnyMapping, record: unknown) => {
  const slow = Effect.runSync(Effect.either(encodeRecord(mapping, ctx, record, "r1")))
  const fast = Effect.runSync(Effect.either(compileMapping(mapping).encode(ctx, record, "r1")))
  return { slow: JSON.stringify(slow), fast: JSON.stringify(fast), ok: Either.isRight(slow) }
}

const clone = <A>(value: A): A => structuredClone(value)
const template = odooProducts[0]!
const canonical = Effect.runSync(decodeRecord(odooProduct, ctx, template, "r1"))

describe("compiled mapping fast path", () => {
  it("decodes valid Odoo products to the same canonical records, without the Effect path", () => {
    const compiled = compileMapping(odooProduct)
    const before = compiled.slowRuns()
    for (const raw of odooProducts) {
      const { slow, fast, ok } = bothDecode(odooProduct, raw)
      expect(ok).toBe(true)
      expect(fast).toBe(slow)
    }
    expect(compiled.fast.decode).toBe(true)
    expect(compiled.slowRuns()).toBe(before)
  })

  it("decodes Odoo list and pricelist prices (a union of vendor shapes) to the same Price", () => {
    for (const raw of [...listPrices, ...pricelistPrices]) {
      const { slow, fast, ok } = bothDecode(odooPrice, raw)
      expect(ok).toBe(true)
      expect(fast).toBe(slow)
    }
  })

  it("encodes canonical products to the same Shopify productSet payload", () => {
    const compiled = compileMapping(shopifyProduct)
    const before = compiled.slowRuns()
    for (const raw of odooProducts) {
      const record = Effect.runSync(decodeRecord(odooProduct, ctx, raw, "r1"))
      const { slow, fast, ok } = bothEncode(shopifyProduct, record)
      expect(ok).toBe(true)
      expect(fast).toBe(slow)
    }
    expect(compiled.slowRuns()).toBe(before)
  })

  it("uses a MappingContext the caller already provided, with the same result", () => {
    const compiled = compileMapping(odooProduct)
    const provided = Effect.runSync(
      compiled.decode(ctx, template, "r1").pipe(Effect.provideService(MappingContext, ctx)),
    )
    expect(JSON.stringify(provided)).toBe(JSON.stringify(canonical))
  })

  const badOdooProducts: ReadonlyArray<[string, (raw: typeof template) => unknown]> = [
    [
      "a variant without an Internal Reference (the transformation fails)",
      (raw) => {
        ;(raw.variants[1] as { default_code: unknown }).default_code = false
        return raw
      },
    ],
    ["a malformed write_date (a pattern)", (raw) => ({ ...raw, changed_at: "10.02.2026" })],
    [
      "a wrong type deep inside (a variant's weight)",
      (raw) => {
        ;(raw.variants[0] as { weight: unknown }).weight = "0.17"
        return raw
      },
    ],
    ["a negative record id (nonNegative)", (raw) => ({ ...raw, id: -1 })],
    ["a fractional id (int)", (raw) => ({ ...raw, id: 1.5 })],
    [
      "the same SKU on two variants (the Product filter on the output)",
      (raw) => {
        raw.variants[1]!.default_code = raw.variants[0]!.default_code
        return raw
      },
    ],
    ["no variants (NonEmptyArray)", (raw) => ({ ...raw, variants: [] })],
    ["not an object", () => "nope"],
    [
      "a NaN weight (ajv is stricter than Schema.Number: slow path, same result)",
      (raw) => {
        raw.variants[0]!.weight = Number.NaN
        return raw
      },
    ],
    ["extra fields Odoo also returns (ignored, as by Effect)", (raw) => ({ ...raw, list_price: 29.95, taxes_id: [1] })],
  ]

  it.each(badOdooProducts)("decodes %s exactly as decodeRecord does", (_, mutate) => {
    const { slow, fast } = bothDecode(odooProduct, mutate(clone(template)))
    expect(fast).toBe(slow)
  })

  it("fails the record, like the Effect path, when the mapping throws on a day that does not exist", () => {
    const raw = { ...clone(template), changed_at: "2026-02-30 08:00:00" }
    const slow = Effect.runSync(Effect.flip(decodeRecord(odooProduct, ctx, raw, "r1")))
    const fast = Effect.runSync(Effect.flip(compileMapping(odooProduct).decode(ctx, raw, "r1")))
    expect(slow._tag).toBe("MappingError")
    expect(slow.issues[0]?.message).toContain("not a real date and time")
    expect(fast.issues).toEqual(slow.issues)
  })

  it("fails with the same MappingError and JSON path as the Effect path", () => {
    const raw = clone(template)
    raw.variants[1]!.default_code = raw.variants[0]!.default_code
    const error = Effect.runSync(Effect.flip(compileMapping(odooProduct).decode(ctx, raw, "r1")))
    expect(error._tag).toBe("MappingError")
    expect(error.issues.map((i) => i.path)).toEqual(["$.variants[1].sku"])
  })

  it("refuses a canonical title in a locale that is no BCP 47 tag, like the LocalizedText filter", () => {
    const odd = mappingContext("erp", { locale: "de_DE", currency: "EUR", channel: "odoo", priceList: "default" })
    const slow = Effect.runSync(Effect.either(decodeRecord(odooProduct, odd, template, "r1")))
    const fast = Effect.runSync(Effect.either(compileMapping(odooProduct).decode(odd, template, "r1")))
    expect(Either.isLeft(slow)).toBe(true)
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow))
  })

  const badProducts: ReadonlyArray<[string, (p: typeof canonical) => unknown]> = [
    ["a duplicate SKU", (p) => ({ ...p, variants: [p.variants[0], p.variants[0]] })],
    ["an impossible instant", (p) => ({ ...p, updatedAt: "2026-02-30T08:00:00Z" })],
    ["a SKU with surrounding white space (Key)", (p) => ({ ...p, variants: [{ ...p.variants[0], sku: " X " }] })],
    ["a negative weight", (p) => ({ ...p, variants: [{ ...p.variants[0], weight: { value: -1, unit: "kg" } }] })],
    ["a GTIN of 9 digits", (p) => ({ ...p, variants: [{ ...p.variants[0], gtin: "123456789" }] })],
    [
      "variants with different options (the transformation fails)",
      (p) => ({
        ...p,
        variants: [p.variants[0], { ...p.variants[1], options: [{ name: "Fit", value: "Slim" }] }],
      }),
    ],
    ["an attribute with a bad locale key", (p) => ({ ...p, attributes: { fit: { de_DE: "Schmal" } } })],
    [
      "list and localized attributes (valid)",
      (p) => ({ ...p, attributes: { tags: ["a"], fit: { de: "Schmal" }, n: 2 } }),
    ],
  ]

  it.each(badProducts)("encodes a canonical product with %s exactly as encodeRecord does", (_, mutate) => {
    const { slow, fast } = bothEncode(shopifyProduct, mutate(clone(canonical)))
    expect(fast).toBe(slow)
  })

  describe("a page at once (decodeMany / encodeMany, as the sync engine maps)", () => {
    const page: ReadonlyArray<unknown> = [
      ...odooProducts,
      ...badOdooProducts.map(([, mutate]) => mutate(clone(template))),
      { ...clone(template), changed_at: "2026-02-30 08:00:00" },
      ...odooProducts.map((raw) => ({ ...clone(raw), list_price: 10, name: `${raw.name} (copy)` })),
    ]

    it("decodes every record of a page as decodeRecord does, in order, valid and bad alike", () => {
      const many = Effect.runSync(compileMapping(odooProduct).decodeMany(ctx, page, (i) => `#${i}`))
      const each = page.map((raw, i) => Effect.runSync(Effect.either(decodeRecord(odooProduct, ctx, raw, `#${i}`))))
      expect(many).toHaveLength(page.length)
      expect(many.map((result) => JSON.stringify(result))).toEqual(each.map((result) => JSON.stringify(result)))
    })

    it("encodes every canonical record of a page as encodeRecord does", () => {
      const records = [
        ...odooProducts.map((raw) => Effect.runSync(decodeRecord(odooProduct, ctx, raw, "r"))),
        ...badProducts.map(([, mutate]) => mutate(clone(canonical))),
      ] as ReadonlyArray<typeof canonical>
      const many = Effect.runSync(compileMapping(shopifyProduct).encodeMany(ctx, records, (i) => `#${i}`))
      const each = records.map((r, i) => Effect.runSync(Effect.either(encodeRecord(shopifyProduct, ctx, r, `#${i}`))))
      expect(many.map((result) => JSON.stringify(result))).toEqual(each.map((result) => JSON.stringify(result)))
    })

    it("passes on a transformation's output without a copy when it already is what Effect outputs", () => {
      const [result] = Effect.runSync(compileMapping(odooProduct).decodeMany(ctx, [template], () => "r1"))
      const product = Either.getOrThrow(result as Either.Either<typeof canonical, unknown>)
      expect(JSON.stringify(product)).toBe(JSON.stringify(canonical))
    })
  })
})

describe("the fast path's output, where a union holds objects", () => {
  // A vendor payload with a nullable object (Shopify's `weight: {…} | null`) and a union of two objects.
  const Payload = Schema.Struct({
    sku: Schema.String,
    weight: Schema.NullOr(Schema.Struct({ value: Schema.Number, unit: Schema.String })),
    either: Schema.Union(Schema.Struct({ a: Schema.Number }), Schema.Struct({ b: Schema.String })),
  })
  const Canonical = Schema.Struct({ sku: Schema.String })
  const write = mappingTransform(Payload, Canonical, {
    decode: (payload) => ParseResult.succeed({ sku: payload.sku }),
    // Excess keys inside the union members: Effect's parser leaves them out; so must the fast path.
    encode: (record) =>
      ParseResult.succeed({
        sku: record.sku,
        weight: record.sku === "none" ? null : { value: 1.5, unit: "kg", grams: 1500 },
        either: record.sku === "b" ? { b: "x", extra: true } : { a: 1, extra: true },
      }),
  })
  // Not a canonical entity: the fast path only needs the transformation, so it is declared as is.
  const mapping = { entity: "product", write } as unknown as AnyMapping

  it.each(["a", "b", "none"])("is what Effect outputs, excess keys left out (sku %s)", (sku) => {
    const { slow, fast, ok } = bothEncode(mapping, { sku })
    expect(ok).toBe(true)
    expect(fast).toBe(slow)
    expect(compileMapping(mapping).slowRuns()).toBe(0)
  })
})

describe("compiled check (ajv from JSONSchema.make, plus the schema's filters)", () => {
  const price = {
    sku: "ALP-TEE-M-BLK",
    priceList: "default",
    currency: "EUR",
    minQuantity: 1,
    amount: { amount: 2995, currency: "EUR" },
    taxIncluded: true,
    validFrom: "2026-01-01T00:00:00Z",
    validTo: "2026-12-31T00:00:00Z",
    updatedAt: "2026-02-10T08:00:00Z",
  }
  const prices: ReadonlyArray<unknown> = [
    price,
    { ...price, amount: { amount: 2995, currency: "USD" } },
    { ...price, amount: { amount: -1, currency: "EUR" } },
    { ...price, amount: { amount: 29.95, currency: "EUR" } },
    { ...price, amount: { amount: 2 ** 60, currency: "EUR" } },
    { ...price, compareAtAmount: { amount: 3995, currency: "EUR" } },
    { ...price, compareAtAmount: { amount: 3995, currency: "CHF" } },
    { ...price, compareAtAmount: { amount: -5, currency: "EUR" } },
    { ...price, validTo: "2025-12-31T00:00:00Z" },
    { ...price, validTo: "2026-01-01T00:00:00.000Z" },
    { ...price, currency: "eur" },
    { ...price, minQuantity: 0 },
    { ...price, priceList: "" },
    { ...price, validFrom: undefined },
    { ...price, extra: "ignored" },
  ]

  it.each(prices.map((p, i) => [i, p]))(
    "says what Schema.is says about price #%s (Money and Price filters)",
    (_, p) => {
      expect(fullCheck(Price.ast)(p)).toBe(Schema.is(Price)(p))
    },
  )

  const bounded = Schema.Struct({
    weight: Schema.Number.pipe(Schema.nonNegative()),
    count: Schema.Int.pipe(Schema.positive(), Schema.lessThanOrEqualTo(100)),
    ratio: Schema.Number.pipe(Schema.lessThan(1)),
    code: Schema.String.pipe(Schema.pattern(/^[a-z]{3}$/i)),
    sku: Schema.String.pipe(Schema.pattern(/^ALP-\d+$/)),
  })
  const valid = { weight: 0, count: 1, ratio: 0.5, code: "abc", sku: "ALP-1" }
  const edges: ReadonlyArray<unknown> = [
    valid,
    { ...valid, weight: -0 },
    { ...valid, weight: -1e-9 },
    { ...valid, weight: Number.POSITIVE_INFINITY },
    { ...valid, weight: Number.NaN },
    { ...valid, count: 0 },
    { ...valid, count: 100 },
    { ...valid, count: 101 },
    { ...valid, count: 2 ** 60 },
    { ...valid, ratio: 1 },
    { ...valid, ratio: Number.NEGATIVE_INFINITY },
    { ...valid, code: "abcd" },
    { ...valid, sku: "ALP-" },
    { ...valid, sku: "alp-1" },
  ]

  it.each(edges.map((e, i) => [i, e]))(
    "says what Schema.is says about bounds and patterns, which ajv checks in their place (#%s)",
    (_, value) => {
      expect(fullCheck(bounded.ast)(value)).toBe(Schema.is(bounded)(value))
    },
  )

  it("says what Schema.is says about unions whose members each take one JSON type (picked by type)", () => {
    const unions = Schema.Struct({
      char: Schema.Union(Schema.String, Schema.Literal(false)),
      weight: Schema.NullOr(Schema.Struct({ value: Schema.Number.pipe(Schema.nonNegative()), unit: Schema.String })),
      id: Schema.Union(Schema.Int, Schema.String.pipe(Schema.minLength(2))),
      list: Schema.Union(Schema.Array(Schema.String), Schema.Literal(false)),
    })
    const valid = { char: "x", weight: null, id: 1, list: false }
    const samples: ReadonlyArray<unknown> = [
      valid,
      { ...valid, char: false },
      { ...valid, char: true },
      { ...valid, char: null },
      { ...valid, char: 1 },
      { ...valid, weight: { value: 1, unit: "kg" } },
      { ...valid, weight: { value: -1, unit: "kg" } },
      { ...valid, weight: [] },
      { ...valid, weight: "heavy" },
      { ...valid, id: 1.5 },
      { ...valid, id: 2 ** 60 },
      { ...valid, id: "ab" },
      { ...valid, id: "a" },
      { ...valid, id: false },
      { ...valid, list: ["a", "b"] },
      { ...valid, list: ["a", 1] },
      { ...valid, list: true },
      { ...valid, list: {} },
    ]
    for (const sample of samples) expect(fullCheck(unions.ast)(sample)).toBe(Schema.is(unions)(sample))
  })

  it("says what Schema.is says about properties whose names need quoting", () => {
    const odd = Schema.Struct({ 'say "hi"': Schema.Int, "line\u2028break": Schema.optional(Schema.Int) })
    const samples: ReadonlyArray<unknown> = [
      { 'say "hi"': 1 },
      { 'say "hi"': 1.5 },
      { 'say "hi"': 1, "line\u2028break": 2 },
      { 'say "hi"': 1, "line\u2028break": 2.5 },
    ]
    for (const sample of samples) expect(fullCheck(odd.ast)(sample)).toBe(Schema.is(odd)(sample))
  })

  it("is never looser than Schema.is about a property named like one of Object.prototype's", () => {
    const shadowing = Schema.Struct({ name: Schema.String, constructor: Schema.optional(Schema.Int) })
    expect(fullCheck(shadowing.ast)({ name: "a", constructor: 3 })).toBe(true)
    expect(fullCheck(shadowing.ast)({ name: "a", constructor: 0.5 })).toBe(false)
    // ajv reads `constructor` through the prototype when the record has none: the Effect path decides.
    expect(Schema.is(shadowing)({ name: "a" })).toBe(true)
    expect(fullCheck(shadowing.ast)({ name: "a" })).toBe(false)
  })

  it("is never looser than Schema.is where JSON Schema drops a pattern's flags (the filter still runs)", () => {
    const upper = { ...valid, code: "ABC" }
    expect(Schema.is(bounded)(upper)).toBe(true)
    // ajv runs the pattern without its `i` flag: stricter, so the record only costs the Effect path.
    expect(fullCheck(bounded.ast)(upper)).toBe(false)
    expect(fullCheck(bounded.ast)({ ...valid, code: "ab1" })).toBe(false)
  })

  it("says what Schema.is says about products, including the SKU-uniqueness filter", () => {
    const samples: ReadonlyArray<unknown> = [
      canonical,
      { ...canonical, variants: [canonical.variants[0], canonical.variants[0]] },
      { ...canonical, variants: [] },
      { ...canonical, title: { "not a tag": "x" } },
      { ...canonical, attributes: { list: [] } },
      { ...canonical, media: [{ url: "u", position: 0, alt: { en: "a" } }] },
      { ...canonical, media: [{ url: "u", position: -1 }] },
      null,
    ]
    for (const sample of samples) expect(fullCheck(Product.ast)(sample)).toBe(Schema.is(Product)(sample))
  })
})
