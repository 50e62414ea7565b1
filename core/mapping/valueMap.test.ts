import { Either, ParseResult, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeValue, encodeValue, valueMap } from "./valueMap.ts"

const ShopifyProductStatus = valueMap("Shopify product status", [
  ["ACTIVE", "active"],
  ["DRAFT", "draft"],
  ["ARCHIVED", "archived"],
])

/** Odoo's sale.order states fold into fewer canonical statuses: several vendor codes, one value. */
const OdooOrderState = valueMap("Odoo order state", [
  ["draft", "open"],
  ["sent", "open"],
  ["sale", "confirmed"],
  ["done", "closed"],
  ["cancel", "cancelled"],
])

describe("valueMap", () => {
  it("decodes each vendor code to its canonical value", () => {
    const decode = Schema.decodeUnknownSync(ShopifyProductStatus)
    expect(["ACTIVE", "DRAFT", "ARCHIVED"].map((code) => decode(code))).toEqual(["active", "draft", "archived"])
  })

  it("encodes each canonical value back to the vendor code", () => {
    const encode = Schema.encodeSync(ShopifyProductStatus)
    expect((["active", "draft", "archived"] as const).map((value) => encode(value))).toEqual([
      "ACTIVE",
      "DRAFT",
      "ARCHIVED",
    ])
  })

  it("encodes a value several codes decode to as the first code listed", () => {
    expect(decodeValue(OdooOrderState, "sent")).toBe("open")
    expect(encodeValue(OdooOrderState, "open")).toBe("draft")
  })

  it("fails on an unknown vendor code with a message listing the known codes", () => {
    const result = Schema.decodeUnknownEither(ShopifyProductStatus)("UNLISTED")
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(ParseResult.ArrayFormatter.formatErrorSync(result.left)).toMatchObject([
        { path: [], message: 'unknown Shopify product status "UNLISTED"; known: ACTIVE, DRAFT, ARCHIVED' },
      ])
    }
  })

  it("fails on a code that differs only in case, since vendor codes are exact", () => {
    expect(() => decodeValue(ShopifyProductStatus, "active" as "ACTIVE")).toThrow(/known: ACTIVE, DRAFT, ARCHIVED/)
  })

  it("fails on a canonical value with no vendor code, listing the mapped values", () => {
    expect(() => encodeValue(OdooOrderState, "fulfilled" as "open")).toThrow(
      'no Odoo order state for "fulfilled"; mapped: open, confirmed, closed, cancelled',
    )
  })

  it("fails on a vendor value that is not a string", () => {
    expect(Either.isLeft(Schema.decodeUnknownEither(ShopifyProductStatus)(1))).toBe(true)
  })

  it("reports the path of the unknown code inside a vendor record", () => {
    const VendorProduct = Schema.Struct({ handle: Schema.String, status: ShopifyProductStatus })
    const result = Schema.decodeUnknownEither(VendorProduct)({ handle: "organic-t-shirt", status: "UNLISTED" })
    expect(Either.isLeft(result) && ParseResult.ArrayFormatter.formatErrorSync(result.left)[0]?.path).toEqual([
      "status",
    ])
  })

  it("uses the fallbacks for codes a vendor adds later, when given", () => {
    const Unit = valueMap(
      "Odoo unit of measure",
      [
        ["Units", "piece"],
        ["kg", "kilogram"],
      ],
      { decodeFallback: "piece", encodeFallback: "Units" },
    )
    expect(decodeValue(Unit, "Dozens" as "Units")).toBe("piece")
    expect(encodeValue(Unit, "litre" as "piece")).toBe("Units")
  })
})
