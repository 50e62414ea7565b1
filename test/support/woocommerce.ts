/**
 * A scratch project whose config connects the Odoo sandbox (ERP) and the WooCommerce sandbox
 * (shop): catalogue, prices and stock ERP → hub → WooCommerce, orders WooCommerce → hub → ERP.
 */
import { writeFileSync } from "node:fs"
import { scratchProject } from "./cli.ts"

const config = `import { defineConfig, env } from "eslayer"
import { odoo } from "eslayer/connectors/odoo"
import { woocommerce } from "eslayer/connectors/woocommerce"

export default defineConfig({
  systems: {
    erp: odoo({ baseUrl: env("ODOO_URL"), apiKey: env("ODOO_API_KEY", "sandbox-key"), database: "alpenglow" }),
    shop: woocommerce({
      baseUrl: env("WC_URL"),
      consumerKey: env("WC_CONSUMER_KEY", "ck_sandbox"),
      consumerSecret: env("WC_CONSUMER_SECRET", "cs_sandbox"),
      pickupLocations: { "Berlin Mitte Store": "BER" },
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
    "shop-products": { to: "shop", sink: "products" },
    "shop-prices": { to: "shop", sink: "prices", filter: (price) => price.priceList === "default" },
    "shop-customers": { from: "shop", stream: "customers" },
    "shop-orders": { from: "shop", stream: "orders" },
    "erp-customers": { to: "erp", sink: "partners" },
    "erp-orders": { to: "erp", sink: "saleOrders" },
    "erp-stock": { from: "erp", stream: "stock" },
    "shop-stock": { to: "shop", sink: "inventory" },
  },
})
`

/** A scratch project with the Odoo + WooCommerce config. */
export const wooScratchProject = (name: string) => {
  const project = scratchProject(name)
  writeFileSync(project.config, config)
  return project
}
