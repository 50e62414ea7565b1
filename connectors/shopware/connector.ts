/**
 * The Shopware 6 connector: the Admin API, declared. Transport, token handling, retries and rate
 * limiting are core's; what is Shopware's (the token endpoint, Criteria searches, the Sync API,
 * state transitions) is here and in the streams and sinks.
 */
import { Effect, Redacted, Schema } from "effect"
import { defineConnector } from "../../core/connector/index.ts"
import { oauth2ClientCredentials, tokenBucket } from "../../core/http/index.ts"
import { decodeVendor } from "./client.ts"
import { apiVersion, ShopwareConfig, shopOrigin } from "./config.ts"
import { shopwareLookupTables } from "./lookupTables.ts"
import { shopwareSandbox } from "./sandbox/index.ts"
import { categoriesSink } from "./sinks/categories.ts"
import { deliveriesSink } from "./sinks/deliveries.ts"
import { inventorySink } from "./sinks/inventory.ts"
import { pricesSink } from "./sinks/prices.ts"
import { productsSink } from "./sinks/products.ts"
import { customersStream } from "./streams/customers.ts"
import { ordersStream } from "./streams/orders.ts"
import { shopwareWebhooks } from "./webhooks.ts"

const VersionAnswer = Schema.Struct({ version: Schema.String })

export const shopwareConnector = defineConnector({
  name: "shopware",
  displayName: "Shopware 6",
  category: "shop",
  apiVersion,
  docsUrl: "https://shopware.stoplight.io/docs/admin-api",
  config: ShopwareConfig,
  http: (config) => ({
    baseUrl: shopOrigin(config),
    // https://developer.shopware.com/docs/guides/integrations-api/#authentication: integrations use
    // client credentials; tokens live 600 s and are fetched again when they expire or get a 401.
    auth: oauth2ClientCredentials({
      tokenUrl: "api/oauth/token",
      clientId: config.clientId,
      clientSecret: Redacted.value(config.clientSecret),
    }),
    // Shopware publishes no Admin API request limit; the client paces itself.
    rateLimiter: tokenBucket({ capacity: config.requestsPerSecond, refillPerSecond: config.requestsPerSecond }),
  }),
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  lookupTables: shopwareLookupTables,
  check: (ctx) =>
    ctx.http.request({ method: "GET", path: "api/_info/version" }).pipe(
      Effect.flatMap((response) => decodeVendor(ctx, "check", VersionAnswer, response.body)),
      Effect.map(({ version }) => ({ ok: true as const, detail: `Shopware ${version} at ${ctx.http.baseUrl}` })),
    ),
  streams: {
    orders: ordersStream,
    customers: customersStream,
  },
  sinks: {
    products: productsSink,
    prices: pricesSink,
    inventory: inventorySink,
    deliveries: deliveriesSink,
    categories: categoriesSink,
  },
  webhooks: shopwareWebhooks,
  sandboxPort: 4015,
  sandbox: shopwareSandbox,
})
