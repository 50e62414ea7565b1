import { describe, expect, it } from "vitest"
import products from "../../connectors/odoo/fixtures/products.json" with { type: "json" }
import { decode, decodeFailure, encodeRead } from "./testing.ts"

const [tee, bottle] = products

describe("odoo product mapping", () => {
  it("maps a template with attribute variants: product number, SKUs, GTINs, options, weights, category", async () => {
    const product = await decode("product", tee)
    expect(product).toMatchObject({
      productNumber: "odoo-tmpl-1",
      title: { en: "Organic Cotton T-Shirt" },
      description: { en: "Regular-fit tee in 180 g/m² organic cotton jersey. GOTS certified." },
      categories: ["All/Apparel"],
      status: "active",
      updatedAt: "2026-02-10T08:00:00Z",
    })
    expect(
      product.variants.map((v) => [v.sku, v.gtin, v.options.map((o) => `${o.name}=${o.value}`).join(" ")]),
    ).toEqual([
      ["ALP-TEE-S-BLK", "4006381400015", "Size=S Color=Black"],
      ["ALP-TEE-M-BLK", "4006381400022", "Size=M Color=Black"],
      ["ALP-TEE-L-BLK", "4006381400039", "Size=L Color=Black"],
      ["ALP-TEE-M-WHT", "4006381400046", "Size=M Color=White"],
    ])
    expect(product.variants[0]?.weight).toEqual({ value: 0.17, unit: "kg" })
  })

  it("takes a single-variant template's Internal Reference as its product number", async () => {
    const product = await decode("product", bottle)
    expect(product.productNumber).toBe("ALP-BOTTLE-075")
    expect(product.variants).toEqual([
      {
        sku: "ALP-BOTTLE-075",
        gtin: "4006381400107",
        options: [],
        weight: { value: 0.39, unit: "kg" },
        status: "active",
        position: 0,
      },
    ])
  })

  it.each([
    ["the T-shirt", tee],
    ["the bottle", bottle],
  ])("maps %s back to a record that maps to the same product", async (_name, raw) => {
    const product = await decode("product", raw)
    expect(await decode("product", await encodeRead("product", product))).toEqual(product)
  })

  it("sends a variant without Internal Reference to the DLQ, pointing at it", async () => {
    const variants = tee?.variants.map((v, i) => (i === 2 ? { ...v, default_code: false } : v))
    const error = await decodeFailure("product", { ...tee, variants })
    expect(error.issues).toEqual([
      {
        path: "$.variants[2].default_code",
        message:
          'variant 3 (Size: L, Color: Black) of "Organic Cotton T-Shirt" has no Internal Reference (default_code); set one in Odoo, it is the SKU',
      },
    ])
  })

  it("maps archived and not-for-sale templates to archived and draft products", async () => {
    expect((await decode("product", { ...tee, active: false })).variants.every((v) => v.status === "archived")).toBe(
      true,
    )
    expect((await decode("product", { ...tee, active: false })).status).toBe("archived")
    expect((await decode("product", { ...tee, sale_ok: false })).status).toBe("draft")
  })

  it("keeps a barcode that is no GTIN as an attribute, not as a GTIN", async () => {
    const variants = bottle?.variants.map((v) => ({ ...v, barcode: "INT-0075" }))
    const [variant] = (await decode("product", { ...bottle, variants })).variants
    expect(variant?.gtin).toBeUndefined()
    expect(variant?.attributes).toEqual({ barcode: "INT-0075" })
  })
})
