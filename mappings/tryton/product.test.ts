import { describe, expect, it } from "vitest"
import products from "../../connectors/tryton/fixtures/products.json" with { type: "json" }
import { decode, decodeFailure, encodeRead } from "./testing.ts"

const [tee, bottle, jacket] = products

describe("tryton product mapping (fixtures captured from Tryton 6.0)", () => {
  it("maps a template with two variants: product number = template code, SKU = code + suffix", async () => {
    expect(await decode("product", tee)).toEqual({
      productNumber: "TEE",
      title: { en: "Trail Runner Tee" },
      categories: [],
      media: [],
      status: "active",
      attributes: {},
      variants: [
        { sku: "TEE-M", options: [], status: "active", position: 0 },
        { sku: "TEE-L", options: [], status: "active", position: 1 },
      ],
      updatedAt: tee?.changed_at,
    })
  })

  it("archives a variant Tryton deactivated", async () => {
    expect(await decode("product", jacket)).toMatchObject({
      productNumber: "JKT-SUMMIT",
      variants: [{ status: "archived" }],
    })
  })

  it("takes a single variant's code when the template has none, and tryton-tmpl-<id> when neither has one", async () => {
    const noCode = {
      ...bottle,
      code: null,
      variants: bottle?.variants.map((v) => ({ ...v, code: "ALP-1", suffix_code: "ALP-1" })),
    }
    expect(await decode("product", noCode)).toMatchObject({ productNumber: "ALP-1" })
    const twoNoCode = { ...tee, code: null, variants: tee?.variants.map((v, i) => ({ ...v, code: `X-${i}` })) }
    expect(await decode("product", twoNoCode)).toMatchObject({ productNumber: `tryton-tmpl-${tee?.id}` })
  })

  it("sends a variant without code to the DLQ, naming it", async () => {
    const raw = { ...tee, variants: tee?.variants.map((v, i) => (i === 1 ? { ...v, code: null } : v)) }
    expect((await decodeFailure("product", raw)).issues).toEqual([
      {
        path: "$.variants[1].code",
        message: `variant ${tee?.variants[1]?.id} of "Trail Runner Tee" has no code; give the template a code or the variant a suffix code in Tryton, it is the SKU`,
      },
    ])
  })

  it.each(products.map((p) => [p.code, p] as const))(
    "maps %s back to a record that maps to the same product",
    async (_code, raw) => {
      const product = await decode("product", raw)
      expect(await decode("product", await encodeRead("product", product))).toEqual(product)
    },
  )
})
