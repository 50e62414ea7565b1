import { describe, expect, it } from "vitest"
import { encodeText } from "../../connectors/files/format/encoding.ts"
import { fixtureRecords } from "../../connectors/files/testing.ts"
import { decode, decodeFailure, encode } from "./testing.ts"

const FILE = "artikel-20261102-0600.csv"

describe("product ⇄ consecutive rows of an article export (one row per variant)", () => {
  it("groups variants by product number, with options, GTINs, weights and German texts", async () => {
    const products = await Promise.all(fixtureRecords("products", FILE).map((r) => decode("product", r)))
    expect(products.map((p) => [p.productNumber, p.variants.length])).toEqual([
      ["ALP-TEE", 4],
      ["ALP-HOOD", 2],
      ["ALP-TRAIL", 3],
      ["ALP-BOTTLE-075", 1],
      ["ALP-BEANIE", 1],
    ])
    const tee = products[0]
    expect(tee?.title).toEqual({ de: "Alpenglow Basic T-Shirt" })
    expect(tee?.description).toEqual({ de: "T-Shirt aus Bio-Baumwolle; 180 g/m², GOTS-zertifiziert" })
    expect(tee?.variants[3]).toEqual({
      sku: "ALP-TEE-M-WHT",
      gtin: "4260745310042",
      title: { de: "T-Shirt M Weiß" },
      options: [
        { name: "Size", value: "M" },
        { name: "Color", value: "Weiß" },
      ],
      weight: { value: 0.2, unit: "kg" },
      status: "active",
      position: 3,
    })
    expect(products[2]?.variants.map((v) => v.options)).toEqual([
      [{ name: "Size", value: "42" }],
      [{ name: "Size", value: "43" }],
      [{ name: "Size", value: "44" }],
    ])
    expect(products[1]?.title).toEqual({ de: "Alpenglow Hoodie „Gipfel“" })
    expect(tee?.updatedAt).toBe("2026-11-02T05:00:00Z")
  })

  it("round-trips through export rows", async () => {
    const products = await Promise.all(fixtureRecords("products", FILE).map((r) => decode("product", r)))
    for (const product of products) expect(await decode("product", await encode("product", product))).toEqual(product)
  })

  it("fails a bad GTIN at the variant's line and the EAN column", async () => {
    const text =
      "Artikelnummer;Variante;Bezeichnung;EAN\r\nALP-HOOD;ALP-HOOD-M-NVY;Hoodie;4260745310110\r\nALP-HOOD;ALP-HOOD-L-NVY;Hoodie;42607-4531\r\n"
    const [hood] = fixtureRecords("products", FILE, encodeText(text, "utf-8"))
    const error = await decodeFailure("product", hood)
    expect(error.issues[0]?.path).toBe(`$["${FILE}"][3].EAN`)
  })
})
