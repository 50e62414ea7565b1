import { describe, expect, it } from "vitest"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"

// Amazon.de (marketplace) and Odoo (ERP), each an `esl sandbox` process: orders come from
// Amazon into the hub and go on to Odoo; Odoo's prices and warehouse stock go to the listings.
const config = `import { defineConfig, env } from "eslayer"
import { amazon } from "eslayer/connectors/amazon"
import { odoo } from "eslayer/connectors/odoo"

export default defineConfig({
  systems: {
    erp: odoo({ baseUrl: env("ODOO_URL"), apiKey: env("ODOO_API_KEY", "sandbox-key"), database: "alpenglow" }),
    marketplace: amazon({
      baseUrl: env("AMAZON_URL"),
      tokenUrl: env("LWA_TOKEN_URL"),
      clientId: "amzn1.application-oa2-client.esl0sandbox0alpenglow",
      clientSecret: env("LWA_CLIENT_SECRET", "amzn1.oa2-cs.v1.sandbox-secret"),
      refreshToken: env("SP_API_REFRESH_TOKEN", "Atzr|IwEBIsandbox-refresh-token"),
      sellerId: "A2ALPENGLOW7DE",
      channel: "amazon-de",
      feedPollIntervalMs: 20,
    }),
  },
  ownership: {
    product: { "*": "erp" },
    price: { "*": "erp" },
    order: { "*": "marketplace" },
    customer: { "*": "marketplace" },
  },
  flows: {
    "amazon-orders": { from: "marketplace", stream: "orders" },
    "erp-orders": { to: "erp", sink: "saleOrders" },
    "erp-prices": { from: "erp", stream: "listPrices" },
    "amazon-prices": {
      to: "marketplace",
      sink: "prices",
      filter: (price) => price.priceList === "default" && price.sku.startsWith("ALP-"),
    },
    "erp-stock": { from: "erp", stream: "stock" },
    "amazon-stock": { to: "marketplace", sink: "inventory", filter: (level) => level.locationCode === "WH" },
    "amazon-fba-stock": { from: "marketplace", stream: "fbaInventory" },
  },
})
`

/** The listings' offers and quantities, read through the sandbox's own API with a token from its LWA endpoint. */
const listingsOf = async (url: string) => {
  const token = await fetch(`${url}/auth/o2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: "Atzr|cli-test",
      client_id: "amzn1.application-oa2-client.cli-test",
      client_secret: "cli-test-secret",
    }),
  }).then((r) => r.json() as Promise<{ access_token: string }>)
  const search = await fetch(
    `${url}/listings/2021-08-01/items/A2ALPENGLOW7DE?marketplaceIds=A1PA6795UKMFR9&identifiers=ALP-TRAIL-42,ALP-HOOD-M-NVY&identifiersType=SKU&includedData=offers,fulfillmentAvailability`,
    { headers: { "x-amz-access-token": token.access_token } },
  ).then(
    (r) =>
      r.json() as Promise<{
        items: Array<{
          sku: string
          offers: Array<{ price: { amount: string } }>
          fulfillmentAvailability: Array<{ fulfillmentChannelCode: string; quantity?: number }>
        }>
      }>,
  )
  return new Map(search.items.map((i) => [i.sku, i]))
}

describe("esl sync between `esl sandbox amazon` and `esl sandbox odoo`", () => {
  const { esl, urls } = useSandboxProject("cli-amazon", {
    config,
    sandboxes: { marketplace: "amazon", erp: "odoo" },
    env: ({ marketplace, erp }) => ({
      ODOO_URL: erp,
      AMAZON_URL: marketplace,
      LWA_TOKEN_URL: `${marketplace}/auth/o2/token`,
    }),
  })

  it("checks both systems, Amazon with an LWA token", async () => {
    const run = await esl(["check", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean }> }
    expect(report.checks.map((c) => [c.system, c.ok])).toEqual([
      ["erp", true],
      ["marketplace", true],
    ])
  })

  it("pulls Amazon orders into Odoo and pushes Odoo prices and warehouse stock to the Amazon listings", async () => {
    const before = await listingsOf(urls.marketplace)
    expect(before.get("ALP-TRAIL-42")?.offers[0]?.price.amount).toBe("134.90")

    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr + run.stdout).toBe(0)
    const { flows } = JSON.parse(run.stdout) as SyncJson
    for (const [name, flow] of Object.entries(flows)) expect({ name, failed: flow.failed }).toEqual({ name, failed: 0 })
    expect(flows["amazon-orders"]?.created).toBe(4)
    expect(flows["erp-orders"]?.created).toBe(4)
    // Every shared SKU is listed on Amazon.de, so prices and stock update existing listings.
    expect(flows["amazon-prices"]?.updated).toBe(11)
    expect(flows["amazon-stock"]?.updated).toBeGreaterThan(0)
    expect(flows["amazon-fba-stock"]?.created).toBe(5)

    const after = await listingsOf(urls.marketplace)
    expect(after.get("ALP-TRAIL-42")?.offers[0]?.price.amount).toBe("129.90")
    expect(after.get("ALP-HOOD-M-NVY")?.fulfillmentAvailability[0]?.fulfillmentChannelCode).toBe("DEFAULT")
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
