import { describe, expect, it } from "vitest"
import type { Product } from "../../core/model/index.ts"
import { decodeWrite, encodeWrite } from "./testing.ts"

const tee: Product = {
  productNumber: "ALP-TEE",
  title: { "de-DE": "Alpenglow Merino T-Shirt", en: "Alpenglow Merino Tee" },
  categories: [],
  media: [],
  status: "active",
  attributes: {},
  variants: [
    {
      sku: "ALP-TEE-M-BLK",
      options: [
        { name: "Size", value: "M" },
        { name: "Color", value: "Schwarz" },
      ],
      status: "active",
    },
    {
      sku: "ALP-TEE-L-BLK",
      options: [
        { name: "Size", value: "L" },
        { name: "Color", value: "Schwarz" },
      ],
      status: "active",
    },
  ],
  updatedAt: "2026-01-15T10:00:00Z",
}

describe("hubspot product mapping", () => {
  it("writes a HubSpot product per variant, keyed by SKU and named in the system's locale", async () => {
    const payload = (await encodeWrite("product", tee)) as { variants: Array<{ properties: Record<string, string> }> }
    expect(payload.variants.map((v) => v.properties)).toEqual([
      { name: "Alpenglow Merino T-Shirt – M / Schwarz", hs_sku: "ALP-TEE-M-BLK" },
      { name: "Alpenglow Merino T-Shirt – L / Schwarz", hs_sku: "ALP-TEE-L-BLK" },
    ])
  })

  it("maps the payload back to the same product", async () => {
    expect(await decodeWrite("product", await encodeWrite("product", tee))).toEqual(tee)
  })
})
