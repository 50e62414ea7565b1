/**
 * The eBay connector: the Sell Inventory, Fulfillment and Notification APIs (v1), declared.
 * OAuth2 user tokens from the seller's refresh token, retries and the daily call limit are
 * core's; what is eBay's (paths, headers, bulk limits, 207 results, signatures) is here.
 */
import { Effect, Redacted } from "effect"
import { defineConnector } from "../../core/connector/index.ts"
import { oauth2RefreshToken, windowLimit } from "../../core/http/index.ts"
import { ebayRequest } from "./client.ts"
import { apiVersion, basePaths, EbayConfig, ebayOrigin, userScopes } from "./config.ts"
import { ebayLookupTables } from "./lookupTables.ts"
import { ebaySandbox } from "./sandbox/index.ts"
import { OrderSearchPage } from "./schemas/order.ts"
import { fulfillmentsSink } from "./sinks/fulfillments.ts"
import { inventorySink } from "./sinks/inventory.ts"
import { pricesSink } from "./sinks/prices.ts"
import { productsSink } from "./sinks/products.ts"
import { ordersStream } from "./streams/orders.ts"
import { ebayWebhooks } from "./webhooks.ts"

const DAY_MS = 86_400_000

export const ebayConnector = defineConnector({
  name: "ebay",
  displayName: "eBay",
  category: "marketplace",
  apiVersion,
  docsUrl: "https://developer.ebay.com/api-docs/sell/static/selling-ig-landing.html",
  config: EbayConfig,
  http: (config) => ({
    baseUrl: ebayOrigin(config),
    // https://developer.ebay.com/api-docs/static/oauth-refresh-token-request.html
    auth: oauth2RefreshToken({
      tokenUrl: basePaths.token,
      clientId: config.clientId,
      clientSecret: Redacted.value(config.clientSecret),
      refreshToken: Redacted.value(config.refreshToken),
      credentialsIn: "basic-header",
      scope: userScopes.join(" "),
    }),
    // https://developer.ebay.com/api-docs/static/rest-request-components.html#HTTP
    headers: { "Content-Language": config.locale, "X-EBAY-C-MARKETPLACE-ID": config.marketplaceId },
    // The application's daily call limit (5,000 after self-certification: http://www.developer.ebay.com/businessbenefits/faq/).
    rateLimiter: windowLimit({ requests: config.dailyCallLimit, perMs: DAY_MS }),
  }),
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  lookupTables: ebayLookupTables,
  check: (ctx) =>
    // https://developer.ebay.com/api-docs/sell/fulfillment/resources/order/methods/getOrders
    ebayRequest(ctx, {
      operation: "fulfillment.getOrders",
      api: "fulfillment",
      method: "GET",
      path: "/order",
      query: { limit: "1" },
      answer: OrderSearchPage,
    }).pipe(
      Effect.map((page) => ({
        ok: true as const,
        detail: `${ctx.config.marketplaceId} seller, ${page.total} orders of the last 90 days (Sell APIs v1)`,
      })),
    ),
  streams: { orders: ordersStream },
  sinks: { products: productsSink, prices: pricesSink, inventory: inventorySink, fulfillments: fulfillmentsSink },
  webhooks: ebayWebhooks,
  sandboxPort: 4017,
  sandbox: ebaySandbox,
})
