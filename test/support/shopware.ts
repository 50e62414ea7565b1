/**
 * A scratch project whose config connects the Odoo sandbox (ERP) and the Shopware sandbox
 * (shop): catalogue, list and B2B prices and stock ERP → hub → Shopware, customers and orders
 * Shopware → hub → ERP.
 */
import { writeFileSync } from "node:fs"
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SEED_IDS } from "../../connectors/shopware/index.ts"
import { scratchProject } from "./cli.ts"

const config = `import { defineConfig, env } from "eslayer"
import { odoo } from "eslayer/connectors/odoo"
import { shopware } from "eslayer/connectors/shopware"

export default defineConfig({
  systems: {
    erp: odoo({
      baseUrl: env("ODOO_URL"),
      apiKey: env("ODOO_API_KEY", "sandbox-key"),
      database: "alpenglow",
      productNumberField: "x_studio_product_number",
    }),
    shop: shopware({
      baseUrl: env("SHOPWARE_URL"),
      clientId: env("SHOPWARE_CLIENT_ID", "SWIAALPENGLOWSANDBOX0000001"),
      clientSecret: env("SHOPWARE_CLIENT_SECRET", "sandbox-secret-access-key"),
      taxes: { "19": "${SEED_IDS.tax19}", "7": "${SEED_IDS.tax7}" },
      salesChannelId: "${SEED_IDS.salesChannel}",
      priceRules: { "B2B Wholesale": "${SEED_IDS.ruleB2b}" },
      pickupShippingMethods: { click_collect_ber: "BER" },
      stockLocations: ["WH", "BER"],
    }),
  },
  ownership: {
    product: { "*": "erp" },
    price: { "*": "erp" },
    inventory: { "*": "erp" },
    location: { "*": "erp" },
    order: { "*": "shop" },
    customer: { "*": "shop" },
  },
  flows: {
    "erp-products": { from: "erp", stream: "products" },
    "erp-prices": { from: "erp", stream: "listPrices" },
    "erp-b2b-prices": { from: "erp", stream: "pricelistItems" },
    "shop-products": { to: "shop", sink: "products" },
    "shop-prices": { to: "shop", sink: "prices", filter: (price) => price.validFrom === undefined },
    "shop-customers": { from: "shop", stream: "customers" },
    "shop-orders": { from: "shop", stream: "orders" },
    "erp-customers": { to: "erp", sink: "partners" },
    "erp-orders": { to: "erp", sink: "saleOrders" },
    "erp-stock": { from: "erp", stream: "stock" },
    "shop-stock": { to: "shop", sink: "inventory" },
  },
})
`

/** Searches the running Shopware sandbox as an integration would, for assertions on what esl wrote. */
export const shopwareSearch = async (baseUrl: string, entity: string, criteria: unknown): Promise<unknown[]> => {
  const tokenAnswer = await fetch(`${baseUrl}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: SANDBOX_CLIENT_ID,
      client_secret: SANDBOX_CLIENT_SECRET,
    }),
  })
  const { access_token } = (await tokenAnswer.json()) as { access_token: string }
  const answer = await fetch(`${baseUrl}/api/search/${entity}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${access_token}` },
    body: JSON.stringify(criteria),
  })
  return ((await answer.json()) as { data: unknown[] }).data
}

/** A scratch project with the Odoo + Shopware config. */
export const shopwareScratchProject = (name: string) => {
  const project = scratchProject(name)
  writeFileSync(project.config, config)
  return project
}
