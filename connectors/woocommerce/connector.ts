/**
 * The WooCommerce connector: the REST API `wc/v3`, declared. Transport, paging, retries and rate
 * limiting are core's; what is WooCommerce's (the API root, Basic auth with the consumer key,
 * `X-WP-TotalPages`, the batch endpoints) is here and in the streams and sinks.
 */
import { Effect, Redacted, Schema } from "effect"
import { defineConnector } from "../../core/connector/index.ts"
import { basicAuth, tokenBucket } from "../../core/http/index.ts"
import { wooRequest } from "./client.ts"
import { apiRoot, apiVersion, WooCommerceConfig } from "./config.ts"
import { woocommerceLookupTables } from "./lookupTables.ts"
import { woocommerceSandbox } from "./sandbox/index.ts"
import { pricesSink } from "./sinks/prices.ts"
import { productsSink } from "./sinks/products.ts"
import { stockSink } from "./sinks/stock.ts"
import { customersStream } from "./streams/customers.ts"
import { ordersStream } from "./streams/orders.ts"
import { productsStream } from "./streams/products.ts"
import { woocommerceWebhooks } from "./webhooks.ts"

const CurrencySetting = Schema.Struct({ id: Schema.Literal("woocommerce_currency"), value: Schema.String })

export const woocommerceConnector = defineConnector({
  name: "woocommerce",
  displayName: "WooCommerce",
  category: "shop",
  apiVersion,
  docsUrl: "https://woocommerce.github.io/woocommerce-rest-api-docs/",
  config: WooCommerceConfig,
  http: (config) => ({
    baseUrl: apiRoot(config),
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication-over-https
    auth: basicAuth(Redacted.value(config.consumerKey), Redacted.value(config.consumerSecret)),
    rateLimiter: tokenBucket({
      capacity: Math.max(1, Math.ceil(config.requestsPerSecond * 2)),
      refillPerSecond: config.requestsPerSecond,
    }),
  }),
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  lookupTables: woocommerceLookupTables,
  check: (ctx) =>
    // https://woocommerce.github.io/woocommerce-rest-api-docs/#retrieve-a-setting-option
    wooRequest(
      ctx,
      "settings.currency",
      { method: "GET", path: "settings/general/woocommerce_currency" },
      CurrencySetting,
    ).pipe(
      Effect.map((setting) => ({
        ok: true as const,
        detail: `WooCommerce at ${ctx.config.baseUrl} (REST API ${apiVersion}, currency ${setting.value})`,
      })),
    ),
  streams: {
    products: productsStream,
    orders: ordersStream,
    customers: customersStream,
  },
  sinks: {
    products: productsSink,
    prices: pricesSink,
    inventory: stockSink,
  },
  webhooks: woocommerceWebhooks,
  sandboxPort: 4016,
  sandbox: woocommerceSandbox,
})
