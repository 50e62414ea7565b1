import { describe, expect, it } from "vitest"
import { ebaySandboxCredentials } from "../connectors/ebay/index.ts"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"

// eBay.de (marketplace) and Odoo (ERP), each an `esl sandbox` process: Odoo's catalogue, prices
// and stock go to eBay inventory items and offers; eBay orders come into the hub and go on to Odoo.
const config = `import { defineConfig, env } from "eslayer"
import { ebay } from "eslayer/connectors/ebay"
import { odoo } from "eslayer/connectors/odoo"

export default defineConfig({
  systems: {
    erp: odoo({ baseUrl: env("ODOO_URL"), apiKey: env("ODOO_API_KEY", "sandbox-key"), database: "alpenglow" }),
    marketplace: ebay({
      baseUrl: env("EBAY_URL"),
      clientId: "${ebaySandboxCredentials.clientId}",
      clientSecret: env("EBAY_CLIENT_SECRET", "${ebaySandboxCredentials.clientSecret}"),
      refreshToken: env("EBAY_REFRESH_TOKEN", "${ebaySandboxCredentials.refreshToken}"),
      marketplaceId: "EBAY_DE",
      locations: { WH: "WH", BER: "BER" },
      stores: { BER: "BER" },
    }),
  },
  ownership: {
    product: { "*": "erp" },
    price: { "*": "erp" },
    inventory: { "*": "erp" },
    order: { "*": "marketplace" },
  },
  flows: {
    "erp-products": { from: "erp", stream: "products" },
    "ebay-products": { to: "marketplace", sink: "products" },
    "erp-prices": { from: "erp", stream: "listPrices" },
    "ebay-prices": { to: "marketplace", sink: "prices", filter: (price) => price.priceList === "default" },
    "ebay-orders": { from: "marketplace", stream: "orders" },
    "erp-orders": { to: "erp", sink: "saleOrders" },
    "erp-stock": { from: "erp", stream: "stock" },
    "ebay-stock": { to: "marketplace", sink: "inventory", filter: (level) => ["WH", "BER"].includes(level.locationCode) },
  },
})
`

/** Reads inventory items and offers through the sandbox's own API, with a token from its OAuth endpoint. */
const listingOf = async (url: string, sku: string) => {
  const basic = Buffer.from(`${ebaySandboxCredentials.clientId}:${ebaySandboxCredentials.clientSecret}`).toString(
    "base64",
  )
  const token = await fetch(`${url}/identity/v1/oauth2/token`, {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: ebaySandboxCredentials.refreshToken }),
  }).then((r) => r.json() as Promise<{ access_token: string }>)
  const headers = { Authorization: `Bearer ${token.access_token}`, "Content-Type": "application/json" }
  const items = await fetch(`${url}/sell/inventory/v1/bulk_get_inventory_item`, {
    method: "POST",
    headers,
    body: JSON.stringify({ requests: [{ sku }] }),
  }).then(
    (r) =>
      r.json() as Promise<{
        responses: Array<{ inventoryItem?: { availability?: { shipToLocationAvailability?: { quantity?: number } } } }>
      }>,
  )
  const offers = await fetch(`${url}/sell/inventory/v1/offer?sku=${sku}&marketplace_id=EBAY_DE`, { headers }).then(
    (r) => r.json() as Promise<{ offers: Array<{ pricingSummary?: { price?: { value: string } } }> }>,
  )
  return {
    quantity: items.responses[0]?.inventoryItem?.availability?.shipToLocationAvailability?.quantity,
    price: offers.offers[0]?.pricingSummary?.price?.value,
  }
}

describe("esl sync between `esl sandbox ebay` and `esl sandbox odoo`", () => {
  const { esl, urls } = useSandboxProject("cli-ebay", {
    config,
    sandboxes: { marketplace: "ebay", erp: "odoo" },
    env: ({ marketplace, erp }) => ({ ODOO_URL: erp, EBAY_URL: marketplace }),
  })

  it("checks both systems, eBay with a user token from the refresh token", async () => {
    const run = await esl(["check", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean }> }
    expect(report.checks.map((c) => [c.system, c.ok])).toEqual([
      ["erp", true],
      ["marketplace", true],
    ])
  })

  it("pushes Odoo products, prices and stock to eBay and pulls eBay orders into Odoo", async () => {
    const before = await listingOf(urls.marketplace, "ALP-BOTTLE-075")
    expect(before).toEqual({ quantity: 40, price: "24.95" })

    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr + run.stdout).toBe(0)
    const { flows } = JSON.parse(run.stdout) as SyncJson
    for (const [name, flow] of Object.entries(flows)) expect({ name, failed: flow.failed }).toEqual({ name, failed: 0 })
    // Five Odoo products: ALP-BOTTLE-075 is already listed on eBay (linked), the rest are new.
    expect([flows["ebay-products"]?.created, flows["ebay-products"]?.updated]).toEqual([4, 1])
    expect(flows["ebay-prices"]?.updated).toBe(11)
    expect(flows["ebay-stock"]?.created).toBe(flows["erp-stock"]?.created)
    expect(flows["ebay-orders"]?.created).toBe(4)
    expect(flows["erp-orders"]?.created).toBe(4)

    // Odoo's list price; what Hamburg (180 − 5 − the 2 the eBay order reserved) and Berlin (18) may sell, summed.
    expect(await listingOf(urls.marketplace, "ALP-BOTTLE-075")).toEqual({ quantity: 191, price: "24.50" })
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
