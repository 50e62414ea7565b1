import { describe, expect, it } from "vitest"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"

// Tryton's catalog, prices, stock, customers, sale states and shipments into the hub, through the sandbox
// served as a process (`esl sandbox tryton`), as an operator would run it.
const config = `import { defineConfig, env } from "eslayer"
import { tryton } from "eslayer/connectors/tryton"

export default defineConfig({
  systems: {
    erp: tryton({ baseUrl: env("TRYTON_URL"), database: "esl", username: "admin", password: env("TRYTON_PASSWORD", "admin") }),
  },
  flows: {
    "erp-products": { from: "erp", stream: "products" },
    "erp-prices": { from: "erp", stream: "prices" },
    "erp-inventory": { from: "erp", stream: "inventory" },
    "erp-customers": { from: "erp", stream: "customers" },
    "erp-orders": { from: "erp", stream: "orders" },
    "erp-fulfillments": { from: "erp", stream: "fulfillments" },
  },
})
`

describe("esl with the Tryton sandbox as a process", () => {
  const { esl } = useSandboxProject("cli-tryton", {
    config,
    sandboxes: { erp: "tryton" },
    env: ({ erp }) => ({ TRYTON_URL: erp }),
  })

  it("checks Tryton through its sandbox (JSON-RPC session login)", async () => {
    const run = await esl(["check", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean; detail?: string }> }
    expect(report.checks).toMatchObject([{ system: "erp", ok: true, detail: expect.stringContaining("Tryton 6.0.29") }])
  })

  it("syncs products, prices, stock per warehouse, customers, sale states and shipments into the hub", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr + run.stdout).toBe(0)
    const { flows } = JSON.parse(run.stdout) as SyncJson
    expect(flows["erp-products"]).toMatchObject({ read: 3, created: 3, failed: 0 })
    expect(flows["erp-prices"]).toMatchObject({ read: 4, created: 4, failed: 0 })
    expect(flows["erp-inventory"]).toMatchObject({ read: 8, failed: 0 })
    expect(flows["erp-customers"]).toMatchObject({ read: 3, created: 3, failed: 0 })
    expect(flows["erp-orders"]).toMatchObject({ read: 1, created: 1, failed: 0 })
    expect(flows["erp-fulfillments"]).toMatchObject({ read: 1, failed: 0 })
  })

  it("moves nothing on a second run when nothing changed", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const { flows } = JSON.parse(run.stdout) as SyncJson
    for (const [name, flow] of Object.entries(flows)) {
      expect({ name, created: flow.created, updated: flow.updated }).toEqual({ name, created: 0, updated: 0 })
    }
  })
})
