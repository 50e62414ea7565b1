import { describe, expect, it } from "vitest"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"

// Odoo's partners and HubSpot's own contacts flow into the hub, and the hub's customers on into
// HubSpot as contacts (companies upserted by customer number).
const config = `import { defineConfig, env } from "eslayer"
import { hubspot } from "eslayer/connectors/hubspot"
import { odoo } from "eslayer/connectors/odoo"

export default defineConfig({
  systems: {
    erp: odoo({ baseUrl: env("ODOO_URL"), apiKey: env("ODOO_API_KEY", "sandbox-key"), database: "alpenglow" }),
    crm: hubspot({ baseUrl: env("HUBSPOT_URL"), accessToken: env("HUBSPOT_TOKEN", "pat-eu1-sandbox") }),
  },
  ownership: { customer: { "*": "erp" } },
  flows: {
    "erp-customers": { from: "erp", stream: "partners" },
    "crm-customers": { from: "crm", stream: "customers" },
    "crm-contacts": { to: "crm", sink: "contacts" },
  },
})
`

describe("esl with the HubSpot sandbox as a process", () => {
  const { esl, urls } = useSandboxProject("cli-hubspot", {
    config,
    sandboxes: { crm: "hubspot", erp: "odoo" },
    env: ({ crm, erp }) => ({ HUBSPOT_URL: crm, ODOO_URL: erp }),
  })

  it("checks HubSpot through its sandbox", async () => {
    const run = await esl(["check", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean; detail?: string }> }
    expect(report.checks.map((c) => [c.system, c.ok])).toEqual([
      ["erp", true],
      ["crm", true],
    ])
  })

  it("syncs Odoo customers into HubSpot contacts and reads HubSpot's contacts back", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr + run.stdout).toBe(0)
    const { flows } = JSON.parse(run.stdout) as SyncJson
    expect(flows["erp-customers"]?.created).toBeGreaterThan(0)
    expect(flows["crm-contacts"]).toMatchObject({ failed: 0 })
    expect(flows["crm-contacts"]?.created).toBeGreaterThan(0)
    expect(flows["crm-customers"]?.read).toBeGreaterThanOrEqual(5)

    // The B2B customer from Odoo is a HubSpot contact now, found by its e-mail.
    const search = await fetch(`${urls.crm}/crm/v3/objects/contacts/search`, {
      method: "POST",
      headers: { authorization: "Bearer pat-eu1-sandbox", "content-type": "application/json" },
      body: JSON.stringify({
        filterGroups: [{ filters: [{ propertyName: "email", operator: "EQ", value: "einkauf@bergwerk-sport.de" }] }],
        properties: ["email", "customer_number"],
        limit: 1,
      }),
    })
    const found = (await search.json()) as { total: number; results: Array<{ properties: Record<string, string> }> }
    expect(found.total).toBe(1)
    expect(found.results[0]?.properties.customer_number).toBe("C-10001")
  })

  it("writes nothing to HubSpot on a second run when nothing changed", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const { flows } = JSON.parse(run.stdout) as SyncJson
    expect(flows["crm-contacts"]).toMatchObject({ created: 0, updated: 0, failed: 0 })
  })
})
