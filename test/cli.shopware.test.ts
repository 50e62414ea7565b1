import { describe, expect, it } from "vitest"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"
import { shopwareScratchProject, shopwareSearch } from "./support/shopware.ts"

describe("esl sync between the Odoo and Shopware sandboxes", () => {
  const { esl, urls } = useSandboxProject("cli-shopware", {
    project: shopwareScratchProject,
    sandboxes: { erp: "odoo", shop: "shopware" },
    env: ({ erp, shop }) => ({ ODOO_URL: erp, SHOPWARE_URL: shop }),
  })

  it("checks both systems through their sandboxes", async () => {
    const run = await esl(["check", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean; detail?: string }> }
    expect(report.checks.map((c) => [c.system, c.ok])).toEqual([
      ["erp", true],
      ["shop", true],
    ])
    expect(report.checks[1]?.detail).toContain("Shopware 6.6")
  })

  it("pushes Odoo products, prices and stock to Shopware and pulls Shopware customers and orders into Odoo", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr + run.stdout).toBe(0)
    const report = JSON.parse(run.stdout) as SyncJson
    expect(report.ok, run.stdout).toBe(true)
    const flows = report.flows
    for (const [name, flow] of Object.entries(flows)) expect({ name, failed: flow.failed }).toEqual({ name, failed: 0 })
    expect(flows["shop-products"]?.created).toBe(5)
    expect(flows["shop-prices"]?.updated).toBeGreaterThanOrEqual(11)
    expect(flows["shop-stock"]?.updated).toBeGreaterThan(0)
    expect(flows["shop-customers"]?.created).toBe(3)
    expect(flows["shop-orders"]?.created).toBe(3)
    expect(flows["erp-orders"]?.created).toBe(3)
  })

  it("leaves the shop with variants, prices per currency, B2B advanced prices and summed stock", async () => {
    const products = (await shopwareSearch(urls.shop, "product", { limit: 100 })) as Array<{
      productNumber: string
      parentId?: string | null
      price?: Array<{ gross: number; net: number; linked: boolean }>
      stock: number
      customFields?: { esl_stock_by_location?: Record<string, number> }
    }>
    const byNumber = new Map(products.map((p) => [p.productNumber, p]))
    expect(
      products
        .filter((p) => !p.parentId)
        .map((p) => p.productNumber)
        .sort(),
    ).toEqual(["ALP-BEANIE", "ALP-BOTTLE-075", "ALP-HOOD", "ALP-TEE", "ALP-TRAIL"])
    const tee = byNumber.get("ALP-TEE-M-BLK")
    expect(tee?.parentId).toBeTruthy()
    expect(tee?.price?.[0]).toEqual(expect.objectContaining({ linked: true, gross: expect.any(Number) }))
    expect(tee?.price?.[0]?.gross).toBeGreaterThan(tee?.price?.[0]?.net ?? Number.POSITIVE_INFINITY)
    const breakdown = tee?.customFields?.esl_stock_by_location ?? {}
    expect(Object.keys(breakdown).sort()).toEqual(["BER", "WH"])
    expect(tee?.stock).toBe((breakdown.WH ?? 0) + (breakdown.BER ?? 0))
    expect(await shopwareSearch(urls.shop, "product-price", { limit: 100 })).not.toHaveLength(0)
  })

  it("moves nothing on a second run when nothing changed", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as SyncJson
    for (const [name, flow] of Object.entries(report.flows)) {
      expect({ name, created: flow.created, updated: flow.updated }).toEqual({ name, created: 0, updated: 0 })
    }
  })
})
