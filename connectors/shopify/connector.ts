/**
 * The Shopify connector: the Admin GraphQL API, declared. Transport, paging, retries and rate
 * limiting are core's; what is Shopify's (the endpoint, the token header, the cost budget, the
 * queries and mutations) is here and in the streams and sinks.
 */
import { Effect, Redacted, Schema } from "effect"
import { defineConnector } from "../../core/connector/index.ts"
import { apiKeyHeader, leakyBucket } from "../../core/http/index.ts"
import { shopifyRequest } from "./client.ts"
import { apiVersion, planBudgets, ShopifyConfig, shopOrigin } from "./config.ts"
import { shopifyLookupTables } from "./lookupTables.ts"
import { shopifySandbox } from "./sandbox/index.ts"
import { inventorySink } from "./sinks/inventory.ts"
import { pricesSink } from "./sinks/prices.ts"
import { productsSink } from "./sinks/products.ts"
import { customersStream } from "./streams/customers.ts"
import { inventoryStream } from "./streams/inventory.ts"
import { locationsStream } from "./streams/locations.ts"
import { ordersStream } from "./streams/orders.ts"
import { productsStream } from "./streams/products.ts"
import { returnsStream } from "./streams/returns.ts"
import { shopifyWebhooks } from "./webhooks.ts"

const SHOP_QUERY = "query Check { shop { name currencyCode myshopifyDomain } }"
const ShopAnswer = Schema.Struct({
  shop: Schema.Struct({ name: Schema.String, currencyCode: Schema.String, myshopifyDomain: Schema.String }),
})

export const shopifyConnector = defineConnector({
  name: "shopify",
  displayName: "Shopify",
  category: "shop",
  apiVersion,
  docsUrl: `https://shopify.dev/docs/api/admin-graphql/${apiVersion}`,
  config: ShopifyConfig,
  http: (config) => {
    const budget = planBudgets[config.plan]
    return {
      baseUrl: shopOrigin(config),
      // https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens
      auth: apiKeyHeader("X-Shopify-Access-Token", Redacted.value(config.accessToken)),
      rateLimiter: leakyBucket({ capacity: budget.bucket, leakPerSecond: budget.restorePerSecond }),
    }
  },
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  lookupTables: shopifyLookupTables,
  check: (ctx) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/shop
    shopifyRequest(ctx, { operation: "shop.check", query: SHOP_QUERY, data: ShopAnswer }).pipe(
      Effect.map(({ shop }) => ({
        ok: true as const,
        detail: `${shop.name} (${shop.myshopifyDomain}, ${shop.currencyCode}, Admin API ${ctx.config.apiVersion})`,
      })),
    ),
  streams: {
    products: productsStream,
    orders: ordersStream,
    customers: customersStream,
    locations: locationsStream,
    inventory: inventoryStream,
    returns: returnsStream,
  },
  sinks: {
    products: productsSink,
    prices: pricesSink,
    inventory: inventorySink,
  },
  webhooks: shopifyWebhooks,
  sandboxPort: 4010,
  sandbox: shopifySandbox,
})
