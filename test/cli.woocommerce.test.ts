import { describe, expect, it } from "vitest"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"
import { wooScratchProject } from "./support/woocommerce.ts"

describe("esl sync between the Odoo and WooCommerce sandboxes", () => {
  const { esl, urls } = useSandboxProject("cli-woocommerce", {
    project: wooScratchProject,
    sandboxes: { erp: "odoo", shop: "woocommerce" },
    env: ({ erp, shop }) => ({ ODOO_URL: erp, WC_URL: shop }),
  })

  it("checks both systems through their sandboxes", async () => {
    const run = await esl(["check", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean; detail?: string }> }
    expect(report.checks.map((c) => [c.system, c.ok])).toEqual([
      ["erp", true],
      ["shop", true],
    ])
  })

  it("pushes Odoo products, prices and stock to WooCommerce and pulls WooCommerce orders into Odoo", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr + run.stdout).toBe(0)
    const report = JSON.parse(run.stdout) as SyncJson
    expect(report.ok, run.stdout).toBe(true)
    const flows = report.flows
    for (const [name, flow] of Object.entries(flows)) expect({ name, failed: flow.failed }).toEqual({ name, failed: 0 })
    // ALP-TEE and ALP-BOTTLE-075 are in the shop already and get linked; the other three are new.
    expect(flows["shop-products"]).toEqual(expect.objectContaining({ created: 3, updated: 2 }))
    expect(flows["shop-prices"]?.updated).toBeGreaterThanOrEqual(11)
    expect(flows["shop-stock"]?.updated).toBeGreaterThan(0)
    expect(flows["shop-orders"]?.created).toBe(4)
    expect(flows["shop-customers"]?.created).toBeGreaterThanOrEqual(4)
    expect(flows["erp-orders"]?.created).toBe(4)

    // What the shop holds now, asked the way any WooCommerce client would.
    const response = await fetch(`${urls.shop}/wp-json/wc/v3/products?sku=ALP-HOOD-L-NVY,ALP-BEANIE`, {
      headers: { Authorization: `Basic ${Buffer.from("ck_sandbox:cs_sandbox").toString("base64")}` },
    })
    const products = (await response.json()) as Array<{
      sku: string
      type: string
      regular_price: string
      manage_stock: boolean
      stock_quantity: number | null
    }>
    expect(products.map((p) => [p.sku, p.type, p.regular_price, p.manage_stock]).sort()).toEqual([
      ["ALP-BEANIE", "simple", "19.99", true],
      ["ALP-HOOD-L-NVY", "variation", "89.00", true],
    ])
    for (const p of products) expect(p.stock_quantity).toBeGreaterThanOrEqual(0)
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
