import { Effect, Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { issuesOf, MappingError, toJsonPath } from "./errors.ts"

describe("toJsonPath", () => {
  it.each([
    [[], "$"],
    [["title"], "$.title"],
    [["variants", 1, "sku"], "$.variants[1].sku"],
    [["totals", "grandTotal", "amount"], "$.totals.grandTotal.amount"],
    [["title", "de-DE"], '$.title["de-DE"]'],
    [["attributes", "Größe"], '$.attributes["Größe"]'],
    [["metafields", "custom.material"], '$.metafields["custom.material"]'],
    [["lines", 0, "taxLines", 2, "amount", "currency"], "$.lines[0].taxLines[2].amount.currency"],
    [["$ref", "_id"], "$.$ref._id"],
    [['quote"d'], '$["quote\\"d"]'],
  ] as const)("writes %j as %s", (path, expected) => {
    expect(toJsonPath(path)).toBe(expected)
  })
})

describe("MappingError", () => {
  const error = new MappingError({
    system: "shopify",
    entity: "product",
    direction: "decode",
    recordKey: "gid://shopify/Product/8123456789",
    issues: [
      { path: "$.variants[1].sku", message: "Expected string, actual null" },
      { path: "$.status", message: 'unknown Shopify product status "UNLISTED"; known: ACTIVE, DRAFT, ARCHIVED' },
    ],
  })

  it("names the system, entity, record and every issue's path in its message", () => {
    expect(error.message).toBe(
      "Cannot map product gid://shopify/Product/8123456789 from shopify to the canonical model: " +
        '$.variants[1].sku: Expected string, actual null; $.status: unknown Shopify product status "UNLISTED"; known: ACTIVE, DRAFT, ARCHIVED',
    )
  })

  it("says the vendor's format when encoding failed", () => {
    const encode = new MappingError({
      system: "odoo",
      entity: "order",
      direction: "encode",
      recordKey: "shopify:#1042",
      issues: [{ path: "$.state", message: 'no Odoo order state for "fulfilled"' }],
    })
    expect(encode.message).toBe(
      'Cannot map order shopify:#1042 from odoo to the vendor\'s format: $.state: no Odoo order state for "fulfilled"',
    )
  })

  it("lists three issues and counts the rest", () => {
    const many = new MappingError({
      system: "shopify",
      entity: "customer",
      direction: "decode",
      recordKey: "gid://shopify/Customer/1",
      issues: ["a", "b", "c", "d", "e"].map((field) => ({ path: `$.${field}`, message: "is missing" })),
    })
    expect(many.message).toMatch(/\$\.a: is missing; \$\.b: is missing; \$\.c: is missing \(\+2 more\)$/)
  })

  it("is caught by its tag", () => {
    const recovered = Effect.runSync(
      Effect.fail(error).pipe(Effect.catchTag("MappingError", (e) => Effect.succeed(`dead-lettered ${e.recordKey}`))),
    )
    expect(recovered).toBe("dead-lettered gid://shopify/Product/8123456789")
  })
})

describe("issuesOf", () => {
  const Variant = Schema.Struct({
    sku: Schema.String,
    gtin: Schema.optional(Schema.String.pipe(Schema.pattern(/^\d{13}$/, { message: () => "must be 13 digits" }))),
    weight: Schema.optional(Schema.Struct({ value: Schema.Number, unit: Schema.Literal("g", "kg") })),
  })
  const VendorProduct = Schema.Struct({ handle: Schema.String, variants: Schema.Array(Variant) })
  const issues = (input: unknown) => {
    const result = Schema.decodeUnknownEither(VendorProduct, { errors: "all" })(input)
    return Either.isLeft(result) ? issuesOf(result.left) : []
  }

  it("gives each issue its JSON path and message", () => {
    expect(issues({ handle: "bio-t-shirt", variants: [{ sku: "A" }, { sku: null }] })).toEqual([
      { path: "$.variants[1].sku", message: "Expected string, actual null" },
    ])
  })

  it("does not tell an operator an optional field should have been undefined", () => {
    expect(issues({ handle: "bio-t-shirt", variants: [{ sku: "A", gtin: "ABC-123" }] })).toEqual([
      { path: "$.variants[0].gtin", message: "must be 13 digits" },
    ])
  })

  it("keeps the nested issue of an optional object", () => {
    expect(issues({ handle: "bio-t-shirt", variants: [{ sku: "A", weight: { value: 180, unit: "lb" } }] })).toEqual([
      { path: "$.variants[0].weight.unit", message: 'Expected "g", actual "lb"' },
      { path: "$.variants[0].weight.unit", message: 'Expected "kg", actual "lb"' },
    ])
  })

  it("still reports a missing required field", () => {
    expect(issues({ variants: [] })).toEqual([{ path: "$.handle", message: "is missing" }])
  })
})
