/**
 * The omnichannel landscape on the sandboxes: a PIM (Akeneo) owns product content, the ERP
 * (Odoo) owns prices, stock and the order book; three shops and two marketplaces sell; the CRM
 * (HubSpot) keeps every customer with their consents. The config `esl init --landscape` writes
 * and the landscape end-to-end test runs.
 */

/** Where each system's sandbox (or the real system) answers. */
export interface LandscapeUrls {
  readonly erp: string
  readonly pim: string
  readonly crm: string
  readonly shopify: string
  readonly shopware: string
  readonly woocommerce: string
  readonly amazon: string
  readonly ebay: string
}

/** The sandboxes' default ports (`esl sandbox <connector>` without `--port`). */
export const landscapeSandboxUrls: LandscapeUrls = {
  shopify: "http://127.0.0.1:4010",
  erp: "http://127.0.0.1:4011",
  pim: "http://127.0.0.1:4012",
  crm: "http://127.0.0.1:4013",
  amazon: "http://127.0.0.1:4014",
  shopware: "http://127.0.0.1:4015",
  woocommerce: "http://127.0.0.1:4016",
  ebay: "http://127.0.0.1:4017",
}

export const landscapeConfig = (
  importFrom: string,
  urls: LandscapeUrls = landscapeSandboxUrls,
) => `import { defineConfig, env } from "${importFrom}"
import { akeneo } from "${importFrom}/connectors/akeneo"
import { amazon } from "${importFrom}/connectors/amazon"
import { ebay } from "${importFrom}/connectors/ebay"
import { hubspot } from "${importFrom}/connectors/hubspot"
import { odoo } from "${importFrom}/connectors/odoo"
import { shopify } from "${importFrom}/connectors/shopify"
import { shopware } from "${importFrom}/connectors/shopware"
import { woocommerce } from "${importFrom}/connectors/woocommerce"

const stores = { WH: "Central Warehouse Hamburg", BER: "Berlin Mitte Store" }

// Credentials below are the sandboxes'; for real systems export the variables they name.
export default defineConfig({
  systems: {
    erp: odoo({
      baseUrl: env("ODOO_URL", ${JSON.stringify(urls.erp)}),
      apiKey: env("ODOO_API_KEY", "sandbox-key"),
      database: "alpenglow",
      // Odoo leaves default_code empty on templates with variants; the PIM's model code lives here.
      productNumberField: "x_studio_product_number",
    }),
    pim: akeneo({
      baseUrl: env("AKENEO_URL", ${JSON.stringify(urls.pim)}),
      clientId: "1_esl-sandbox",
      secret: env("AKENEO_SECRET", "sandbox-secret"),
      username: "esl_connection_1234",
      password: env("AKENEO_PASSWORD", "sandbox-password"),
      // Channels fetch images from where the PIM publishes them, not from its token-guarded API.
      mediaBaseUrl: "https://media.alpenglow-outfitters.de/pim",
    }),
    crm: hubspot({
      baseUrl: env("HUBSPOT_URL", ${JSON.stringify(urls.crm)}),
      accessToken: env("HUBSPOT_TOKEN", "pat-eu1-sandbox"),
    }),
    shopify: shopify({
      shop: "alpenglow",
      baseUrl: env("SHOPIFY_URL", ${JSON.stringify(urls.shopify)}),
      accessToken: env("SHOPIFY_TOKEN", "shpat_sandbox"),
      locations: stores,
    }),
    shopware: shopware({
      baseUrl: env("SHOPWARE_URL", ${JSON.stringify(urls.shopware)}),
      clientId: "SWIAALPENGLOWSANDBOX0000001",
      clientSecret: env("SHOPWARE_SECRET", "sandbox-secret-access-key"),
      pickupShippingMethods: { click_collect_ber: "BER" },
    }),
    woocommerce: woocommerce({
      baseUrl: env("WOOCOMMERCE_URL", ${JSON.stringify(urls.woocommerce)}),
      consumerKey: env("WOOCOMMERCE_KEY", "ck_sandbox"),
      consumerSecret: env("WOOCOMMERCE_SECRET", "cs_sandbox"),
      pickupLocations: { "Berlin Mitte Store": "BER" },
    }),
    amazon: amazon({
      baseUrl: env("AMAZON_URL", ${JSON.stringify(urls.amazon)}),
      tokenUrl: env("AMAZON_TOKEN_URL", ${JSON.stringify(`${urls.amazon}/auth/o2/token`)}),
      clientId: "amzn1.application-oa2-client.esl0sandbox0alpenglow",
      clientSecret: env("AMAZON_CLIENT_SECRET", "amzn1.oa2-cs.v1.sandbox-secret"),
      refreshToken: env("AMAZON_REFRESH_TOKEN", "Atzr|IwEBIsandbox-refresh-token"),
      sellerId: "A2ALPENGLOW7DE",
      feedPollIntervalMs: 200,
    }),
    ebay: ebay({
      baseUrl: env("EBAY_URL", ${JSON.stringify(urls.ebay)}),
      clientId: "Alpenglo-esl-SBX-7f3a91c2d-4b5e6a7c",
      clientSecret: env("EBAY_CLIENT_SECRET", "SBX-7f3a91c2d4b5-6a7c-4d8e-9f01-2b3c"),
      refreshToken: env("EBAY_REFRESH_TOKEN", "v^1.1#i^1#r^1#p^3#f^0#t^Ul4xMF8xOjVFRkQxNjM4MjJCNEUxQ0Y"),
      // Our location codes → eBay merchant location keys; in-store pickup stores → our codes.
      locations: { WH: "WH", BER: "BER" },
      stores: { BER: "BER" },
    }),
  },
  // The PIM owns what a product says and shows; the ERP owns what it is (variants, SKUs,
  // weights), what it costs and how many there are. Orders and customers belong to the channel
  // that took them, so they stay unowned: each channel's records have their own keys.
  ownership: {
    product: { "*": "erp", title: "pim", description: "pim", brand: "pim", media: "pim", categories: "pim", attributes: "pim" },
    category: { "*": "pim" },
    price: { "*": "erp" },
    location: { "*": "erp" },
  },
  flows: {
    // Master data into the hub: stores, content, then the ERP's side of the catalogue.
    "erp-locations": { from: "erp", stream: "warehouses" },
    "pim-categories": { from: "pim", stream: "categories" },
    "pim-products": { from: "pim", stream: "products" },
    "erp-products": { from: "erp", stream: "products" },
    "erp-prices": { from: "erp", stream: "listPrices" },
    // Publish the merged catalogue to every channel.
    "shopify-products": { to: "shopify", sink: "products" },
    "shopware-products": { to: "shopware", sink: "products" },
    "woocommerce-products": { to: "woocommerce", sink: "products" },
    "ebay-products": { to: "ebay", sink: "products" },
    "crm-products": { to: "crm", sink: "products" },
    "shopify-prices": { to: "shopify", sink: "prices", filter: (p) => p.priceList === "default" },
    "shopware-prices": { to: "shopware", sink: "prices", filter: (p) => p.priceList === "default" },
    "woocommerce-prices": { to: "woocommerce", sink: "prices", filter: (p) => p.priceList === "default" },
    "amazon-prices": { to: "amazon", sink: "prices", filter: (p) => p.priceList === "default" && p.minQuantity === 1 },
    "ebay-prices": { to: "ebay", sink: "prices", filter: (p) => p.priceList === "default" && p.minQuantity === 1 },
    // Customers and orders from every channel, into the ERP once and into the CRM.
    "shopify-customers": { from: "shopify", stream: "customers" },
    "shopware-customers": { from: "shopware", stream: "customers" },
    "woocommerce-customers": { from: "woocommerce", stream: "customers" },
    "shopify-orders": { from: "shopify", stream: "orders" },
    "shopware-orders": { from: "shopware", stream: "orders" },
    "woocommerce-orders": { from: "woocommerce", stream: "orders" },
    "amazon-orders": { from: "amazon", stream: "orders" },
    "ebay-orders": { from: "ebay", stream: "orders" },
    "erp-customers": { to: "erp", sink: "partners" },
    "erp-orders": { to: "erp", sink: "saleOrders" },
    "crm-customers": { to: "crm", sink: "contacts" },
    "crm-orders": { to: "crm", sink: "orders" },
    // Returns made in a store reach the ERP's stock at that store.
    "shopify-returns": { from: "shopify", stream: "returns" },
    "erp-returns": { to: "erp", sink: "returns" },
    // Stock last, so every channel sells what the ERP has left after the new orders.
    "erp-stock": { from: "erp", stream: "stock" },
    "shopify-stock": { to: "shopify", sink: "inventory" },
    "shopware-stock": { to: "shopware", sink: "inventory" },
    "woocommerce-stock": { to: "woocommerce", sink: "inventory" },
    "amazon-stock": { to: "amazon", sink: "inventory", filter: (l) => l.locationCode === "WH" },
    "ebay-stock": { to: "ebay", sink: "inventory" },
    // Shipments the ERP made go back to the channel that sold them.
    "erp-deliveries": { from: "erp", stream: "deliveries" },
    "amazon-shipments": { to: "amazon", sink: "shipments", filter: (f) => f.channel === "amazon" },
    "shopware-deliveries": { to: "shopware", sink: "deliveries", filter: (f) => f.channel === "shopware" },
    "ebay-fulfillments": { to: "ebay", sink: "fulfillments", filter: (f) => f.channel === "ebay" },
  },
})
`
