/**
 * The config `esl init` writes: the ERP (Odoo) and the shop (Shopify) pointing at the sandboxes'
 * default ports, so `esl sandbox odoo`, `esl sandbox shopify` and `esl sync` work at once.
 */
export const starterConfig = (importFrom: string) => `import { defineConfig, env } from "${importFrom}"
import { odoo } from "${importFrom}/connectors/odoo"
import { shopify } from "${importFrom}/connectors/shopify"

// Start the two sandboxes in other terminals first:
//   esl sandbox odoo --port 4011
//   esl sandbox shopify --port 4010
// then: esl sync
// For real systems, point baseUrl at them and export the credentials named below.
export default defineConfig({
  systems: {
    erp: odoo({
      baseUrl: env("ODOO_URL", "http://127.0.0.1:4011"),
      apiKey: env("ODOO_API_KEY", "sandbox-key"),
      database: "alpenglow",
    }),
    shop: shopify({
      shop: "alpenglow",
      baseUrl: env("SHOPIFY_URL", "http://127.0.0.1:4010"),
      accessToken: env("SHOPIFY_TOKEN", "shpat_sandbox"),
      locations: { WH: "Central Warehouse Hamburg", BER: "Berlin Mitte Store" },
    }),
  },
  // Which system is authoritative for what: a non-owner's write to an owned field is ignored.
  ownership: {
    product: { "*": "erp" },
    price: { "*": "erp" },
    inventory: { "*": "erp" },
    location: { "*": "erp" },
    order: { "*": "shop" },
    customer: { "*": "shop" },
  },
  // Run in this order by \`esl sync\`: catalogue ERP → hub → shop, orders shop → hub → ERP, then
  // stock last, so what the shop may sell already reflects what the ERP reserved for new orders.
  flows: {
    "erp-locations": { from: "erp", stream: "warehouses" },
    "erp-products": { from: "erp", stream: "products" },
    "erp-prices": { from: "erp", stream: "listPrices" },
    "erp-b2b-prices": { from: "erp", stream: "pricelistItems" },
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
