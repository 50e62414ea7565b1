import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { LocalizedText, pickLocale } from "./localizedText.ts"
import { Gtin, Product } from "./product.ts"
import { rejectedPaths, rejectionsOf } from "./testkit.ts"

const variant = (sku: string, size: string, gtin: string) => ({
  sku,
  gtin,
  options: [
    { name: "Size", value: size },
    { name: "Colour", value: "Navy" },
  ],
  weight: { value: 0.18, unit: "kg" },
  status: "active",
})

const shirt = {
  productNumber: "TSHIRT-ORG",
  title: { "de-DE": "Bio-T-Shirt", en: "Organic T-Shirt" },
  description: { "de-DE": "<p>100 % Bio-Baumwolle, GOTS-zertifiziert.</p>", en: "<p>100% organic cotton.</p>" },
  brand: "Nordfaser",
  categories: ["apparel/shirts", "sustainability"],
  media: [{ url: "https://cdn.example.com/tshirt-org-navy.jpg", alt: { en: "Navy T-shirt" }, position: 0 }],
  status: "active",
  attributes: { material: "cotton", organic: true, fit: { "de-DE": "Schmal", en: "Slim" } },
  variants: [
    variant("TSHIRT-ORG-S-NAVY", "S", "4006381333931"),
    variant("TSHIRT-ORG-M-NAVY", "M", "4006381333948"),
    variant("TSHIRT-ORG-L-NAVY", "L", "4006381333955"),
  ],
  updatedAt: "2026-11-20T14:03:11.250Z",
}

describe("the Product schema", () => {
  it("accepts a product with localized texts, typed attributes and three variants", () => {
    expect(rejectionsOf(Product, shirt)).toEqual([])
    expect(Schema.decodeUnknownSync(Product)(shirt)).toEqual(shirt)
  })

  it("rejects a SKU that appears twice in one product, at the second variant's sku", () => {
    const duplicate = {
      ...shirt,
      variants: [shirt.variants[0]!, shirt.variants[1]!, { ...shirt.variants[2]!, sku: "TSHIRT-ORG-M-NAVY" }],
    }
    expect(rejectionsOf(Product, duplicate)).toEqual([
      { path: "variants[2].sku", message: "SKU TSHIRT-ORG-M-NAVY appears twice in this product" },
    ])
  })

  it("rejects a product without variants", () => {
    expect(rejectedPaths(Product, { ...shirt, variants: [] })).toEqual(["variants[0]"])
  })

  it("rejects a SKU with surrounding white space, which would otherwise look like a second SKU", () => {
    const padded = { ...shirt, variants: [{ ...shirt.variants[0]!, sku: "TSHIRT-ORG-S-NAVY " }] }
    expect(rejectedPaths(Product, padded)).toEqual(["variants[0].sku"])
  })

  it.each(["draft", "active", "archived"])("accepts the status %s", (status) => {
    expect(rejectionsOf(Product, { ...shirt, status })).toEqual([])
  })

  it.each(["ACTIVE", "published", "deleted", ""])(
    "rejects the vendor status %j, which a mapping must translate",
    (status) => {
      expect(rejectedPaths(Product, { ...shirt, status })).toEqual(["status"])
    },
  )

  it("rejects a variant status outside draft/active/archived", () => {
    const hidden = { ...shirt, variants: [{ ...shirt.variants[0]!, status: "hidden" }] }
    expect(rejectedPaths(Product, hidden)).toEqual(["variants[0].status"])
  })

  it("rejects a title keyed by a vendor locale that is not BCP 47 (de_DE) instead of dropping it", () => {
    expect(rejectionsOf(Product, { ...shirt, title: { de_DE: "Bio-T-Shirt", en: "Organic T-Shirt" } })).toEqual([
      { path: "title.de_DE", message: '"de_DE" is not a BCP 47 language tag, e.g. de-DE' },
    ])
  })

  it("rejects an attribute that is an untyped object", () => {
    const blob = { ...shirt, attributes: { care: { wash: 30, tumble: false } } }
    expect(rejectedPaths(Product, blob)).not.toEqual([])
  })

  it("rejects a negative weight", () => {
    const negative = { ...shirt, variants: [{ ...shirt.variants[0]!, weight: { value: -0.18, unit: "kg" } }] }
    expect(rejectedPaths(Product, negative)).toContain("variants[0].weight.value")
  })
})

describe("GTIN", () => {
  it.each([
    ["EAN-13", "4006381333931"],
    ["UPC-A (12)", "036000291452"],
    ["EAN-8", "96385074"],
    ["GTIN-14", "10036000291459"],
  ])("accepts an %s", (_, gtin) => {
    expect(rejectionsOf(Gtin, gtin)).toEqual([])
  })

  it.each([
    ["too short", "1234567"],
    ["9 digits", "123456789"],
    ["15 digits", "400638133393112"],
    ["with a space", "4006381 333931"],
    ["with a letter", "400638133393X"],
    ["empty", ""],
  ])("rejects a GTIN %s", (_, gtin) => {
    expect(rejectionsOf(Gtin, gtin)).toEqual([{ path: "", message: "must be a GTIN of 8, 12, 13 or 14 digits" }])
  })

  it("rejects a GTIN sent as a number, which would lose leading zeros", () => {
    const numeric = { ...shirt, variants: [{ ...shirt.variants[0]!, gtin: 36000291452 }] }
    expect(rejectedPaths(Product, numeric)).toEqual(["variants[0].gtin"])
  })
})

describe("LocalizedText", () => {
  it.each([["de-DE"], ["en"], ["fr-CH"], ["zh-Hant-TW"], ["es-419"], ["gsw"]])("accepts the BCP 47 key %s", (key) => {
    expect(rejectionsOf(LocalizedText, { [key]: "text" })).toEqual([])
  })

  it.each([["de_DE"], ["DE"], ["German"], ["en-"], [""], ["de DE"]])("rejects the key %j", (key) => {
    expect(rejectedPaths(LocalizedText, { en: "Shirt", [key]: "Hemd" })).toEqual([key])
  })

  it("rejects a value that is not a string", () => {
    expect(rejectedPaths(LocalizedText, { "de-DE": 42 })).toEqual(["de-DE"])
  })

  it("picks the exact locale, then the language, then a sibling region, then any text", () => {
    const title = { "de-DE": "Hemd", en: "Shirt", "fr-CH": "Chemise" }
    expect(pickLocale(title, "de-DE")).toBe("Hemd")
    expect(pickLocale(title, "en-GB")).toBe("Shirt")
    expect(pickLocale(title, "de-AT")).toBe("Hemd")
    expect(pickLocale(title, "fr")).toBe("Chemise")
    expect(pickLocale(title, "ja-JP")).toBe("Hemd")
    expect(pickLocale(undefined, "de-DE")).toBeUndefined()
    expect(pickLocale({}, "de-DE")).toBeUndefined()
  })
})
