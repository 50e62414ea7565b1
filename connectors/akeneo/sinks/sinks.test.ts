import { describe, expect, it } from "vitest"
import type { AkeneoProductPatch } from "../schemas/patch.ts"
import { pimSystem, run, useAkeneoSandbox } from "../testing.ts"
import { COLLECTION_CONTENT_TYPE, productsSink } from "./products.ts"

const item = (payload: AkeneoProductPatch, externalId?: string) => ({
  naturalKey: payload.productNumber,
  payload,
  ...(externalId === undefined ? {} : { externalId }),
})

describe("Akeneo products sink", () => {
  const { sandbox } = useAkeneoSandbox({ rateLimits: false })

  it("links by product number: models by code, simple products by identifier, never a variant", async () => {
    const pim = await pimSystem()
    const found = await run(productsSink.lookup(pim.context, ["ALP-TEE", "ALP-BOTTLE-075", "ALP-TEE-S-BLK", "NOPE"]))
    expect([...found.entries()].sort()).toEqual([
      ["ALP-BOTTLE-075", "ALP-BOTTLE-075"],
      ["ALP-TEE", "ALP-TEE"],
    ])
  })

  it("PATCHes GTIN, weight and status as an NDJSON list and reports each product", async () => {
    const pim = await pimSystem()
    const outcomes = await run(
      productsSink.write(pim.context, [
        item(
          {
            productNumber: "ALP-TRAIL",
            lines: [
              {
                identifier: "ALP-TRAIL-42",
                enabled: true,
                values: { weight: [{ locale: null, scope: null, data: { amount: 0.615, unit: "KILOGRAM" } }] },
              },
              { identifier: "ALP-TRAIL-44", enabled: false },
            ],
          },
          "ALP-TRAIL",
        ),
        item({
          productNumber: "ALP-GAITER",
          lines: [
            {
              identifier: "ALP-GAITER",
              enabled: true,
              values: { ean: [{ locale: null, scope: null, data: "4006381400121" }] },
            },
          ],
        }),
      ]),
    )
    expect(outcomes).toEqual([
      { naturalKey: "ALP-TRAIL", ok: true, externalId: "ALP-TRAIL", action: "updated" },
      { naturalKey: "ALP-GAITER", ok: true, externalId: "ALP-GAITER", action: "created" },
    ])
    expect(sandbox.state.products.get("ALP-TRAIL-42")?.values.weight).toEqual([
      { locale: null, scope: null, data: { amount: "0.615", unit: "KILOGRAM" } },
    ])
    expect(sandbox.state.products.get("ALP-TRAIL-44")?.enabled).toBe(false)
    expect(sandbox.state.products.get("ALP-GAITER")?.parent).toBeNull()
    const patches = sandbox.state.requests.filter((r) => r.method === "PATCH")
    expect(patches.map((p) => p.contentType)).toEqual([COLLECTION_CONTENT_TYPE])
  })

  it("rejects a product whose line Akeneo refuses, with its message and the attribute's path; the rest goes on", async () => {
    const pim = await pimSystem()
    const outcomes = await run(
      productsSink.write(pim.context, [
        item({
          productNumber: "ALP-TEE",
          lines: [
            { identifier: "ALP-TEE-S-BLK", enabled: true },
            { identifier: "ALP-TEE-M-BLK", values: { ean: [{ locale: null, scope: null, data: "40063814-0002" }] } },
          ],
        }),
        item({ productNumber: "ALP-BEANIE", lines: [{ identifier: "ALP-BEANIE", enabled: false }] }),
      ]),
    )
    expect(outcomes[0]).toMatchObject({ naturalKey: "ALP-TEE", ok: false })
    const rejected = outcomes[0]
    if (rejected?.ok !== false) throw new Error("expected a rejection")
    expect(rejected.error.reason).toBe("ALP-TEE-M-BLK: Validation failed. This value is not valid. (attribute ean)")
    expect(rejected.error.path).toBe("$.lines[1].values.ean")
    expect(outcomes[1]).toEqual({ naturalKey: "ALP-BEANIE", ok: true, externalId: "ALP-BEANIE", action: "updated" })
    expect(sandbox.state.products.get("ALP-BEANIE")?.enabled).toBe(false)
  })

  it("carries Akeneo's message for an attribute the PIM does not have (a wrong `attributes` option)", async () => {
    const pim = await pimSystem()
    const [outcome] = await run(
      productsSink.write(pim.context, [
        item({
          productNumber: "ALP-BOTTLE-075",
          lines: [
            {
              identifier: "ALP-BOTTLE-075",
              values: { gtin13: [{ locale: null, scope: null, data: "4006381400107" }] },
            },
          ],
        }),
      ]),
    )
    if (outcome?.ok !== false) throw new Error("expected a rejection")
    expect(outcome.error.reason).toBe(
      "ALP-BOTTLE-075: The gtin13 attribute does not exist in your PIM. Check the expected format on the API documentation.",
    )
    expect(outcome.error.path).toBe("$.lines[0].values.gtin13")
  })

  it("never sends more than 100 lines in one request", async () => {
    const pim = await pimSystem()
    const items = Array.from({ length: 70 }, (_, i) =>
      item({
        productNumber: `ALP-BULK-${i}`,
        lines: [
          { identifier: `ALP-BULK-${i}-A`, enabled: true },
          { identifier: `ALP-BULK-${i}-B`, enabled: true },
        ],
      }),
    )
    const outcomes = await run(productsSink.write(pim.context, items))
    expect(outcomes.every((o) => o.ok)).toBe(true)
    expect(sandbox.state.requests.filter((r) => r.method === "PATCH")).toHaveLength(2)
    expect(sandbox.state.products.has("ALP-BULK-69-B")).toBe(true)
  })
})
