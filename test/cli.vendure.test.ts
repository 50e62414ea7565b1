import { describe, expect, it } from "vitest"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"

// Catalogue and stock Odoo → hub → Vendure, orders and customers Vendure → hub, through
// `esl sandbox odoo` and `esl sandbox vendure` as an operator would run them.
const config = `import { defineConfig, env } from "eslayer"
import { odoo } from "eslayer/connectors/odoo"
import { vendure } from "eslayer/connectors/vendure"

export default defineConfig({
  systems: {
    erp: odoo({ baseUrl: env("ODOO_URL"), apiKey: env("ODOO_API_KEY", "sandbox-key"), database: "alpenglow" }),
    shop: vendure({
      baseUrl: env("VENDURE_URL"),
      username: env("VENDURE_USERNAME", "superadmin"),
      password: env("VENDURE_PASSWORD", "superadmin"),
      locationCode: "WH",
    }),
  },
  ownership: {
    product: { "*": "erp" },
    inventory: { "*": "erp" },
    order: { "*": "shop" },
    customer: { "*": "shop" },
  },
  flows: {
    "erp-products": { from: "erp", stream: "products" },
    "shop-products": { to: "shop", sink: "products" },
    "erp-stock": { from: "erp", stream: "stock" },
    "shop-stock": { to: "shop", sink: "inventory", filter: (level) => level.locationCode === "WH" },
    "shop-orders": { from: "shop", stream: "orders" },
    "shop-customers": { from: "shop", stream: "customers" },
  },
})
`

describe("esl with the Vendure sandbox: ERP catalogue and stock → Vendure, Vendure orders → hub", () => {
  const { esl } = useSandboxProject("cli-vendure", {
    config,
    sandboxes: { erp: "odoo", shop: "vendure" },
    env: ({ erp, shop }) => ({ ODOO_URL: erp, VENDURE_URL: `${shop}/admin-api` }),
    oneAfterAnother: true,
  })

  it("checks the ERP and logs in to Vendure's Admin API", async () => {
    const run = await esl(["check", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean; detail?: string }> }
    expect(report.checks.map((c) => [c.system, c.ok])).toEqual([
      ["erp", true],
      ["shop", true],
    ])
    expect(report.checks[1]?.detail).toContain("EUR, prices include tax")
  })

  it("creates the ERP's products in Vendure, sets their stock and reads Vendure's orders and customers", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr + run.stdout).toBe(0)
    const report = JSON.parse(run.stdout) as SyncJson
    expect(report.ok, run.stdout).toBe(true)
    for (const [name, flow] of Object.entries(report.flows))
      expect({ name, failed: flow.failed }).toEqual({ name, failed: 0 })
    expect(report.flows["shop-products"]?.created).toBeGreaterThan(0)
    expect(report.flows["shop-stock"]?.updated).toBeGreaterThan(0)
    expect(report.flows["shop-orders"]).toMatchObject({ read: 2, created: 2 })
    expect(report.flows["shop-customers"]).toMatchObject({ read: 2, created: 2 })
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
