/**
 * The Amazon Selling Partner API connector: a marketplace. Reads orders (with their items) and
 * FBA inventory into the hub; writes offer prices and seller-fulfilled stock through JSON
 * listings feeds, and shipment confirmations. Authenticates with Login with Amazon; paces each
 * operation by its own usage plan.
 */
import { Effect, Redacted } from "effect"
import { defineConnector } from "../../core/connector/define.ts"
import { oauth2RefreshToken } from "../../core/http/index.ts"
import { callAs } from "./client.ts"
import { AmazonConfig, type AmazonConfigInput } from "./config.ts"
import { amazonLookupTables } from "./lookupTables.ts"
import { amazonSandbox } from "./sandbox/index.ts"
import { MarketplaceParticipations } from "./schemas/sellers.ts"
import { inventorySink, pricesSink } from "./sinks/listings.ts"
import { shipmentsSink } from "./sinks/shipments.ts"
import { fbaInventoryStream } from "./streams/inventory.ts"
import { ordersStream } from "./streams/orders.ts"
import { operationLimiters, usagePlansWith } from "./usagePlans.ts"

/** The API versions this connector speaks: Orders v0, FBA Inventory v1, Feeds 2021-06-30, Listings Items 2021-08-01. */
export const apiVersion = "orders-v0+feeds-2021-06-30+listings-2021-08-01"

/** The Amazon SP-API connector declaration. */
export const amazonConnector = defineConnector<AmazonConfig, AmazonConfigInput>({
  name: "amazon",
  displayName: "Amazon Selling Partner API",
  category: "marketplace",
  apiVersion,
  docsUrl: "https://developer-docs.amazon.com/sp-api/docs/welcome",
  config: AmazonConfig,
  http: (config) => ({
    baseUrl: config.baseUrl,
    // https://developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api
    auth: oauth2RefreshToken({
      tokenUrl: config.tokenUrl,
      clientId: config.clientId,
      clientSecret: Redacted.value(config.clientSecret),
      refreshToken: Redacted.value(config.refreshToken),
      tokenHeader: "x-amz-access-token",
    }),
    rateLimiters: operationLimiters(usagePlansWith(config.usagePlans)),
    userAgent: "eslayer-amazon (Language=TypeScript)",
  }),
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  lookupTables: amazonLookupTables,
  check: (ctx) =>
    // https://developer-docs.amazon.com/sp-api/docs/sellers-api-v1-reference#getmarketplaceparticipations
    callAs(
      ctx,
      "getMarketplaceParticipations",
      { method: "GET", path: "sellers/v1/marketplaceParticipations" },
      MarketplaceParticipations,
    ).pipe(
      Effect.map(({ payload }) => {
        const own = payload.find((p) => p.marketplace.id === ctx.config.marketplaceId)
        return own === undefined
          ? {
              ok: true as const,
              detail: `seller ${ctx.config.sellerId} reached, but it does not sell in marketplace ${ctx.config.marketplaceId}`,
            }
          : {
              ok: true as const,
              detail: `seller ${ctx.config.sellerId} on ${own.marketplace.name} (${own.marketplace.id}), participating: ${own.participation.isParticipating}`,
            }
      }),
    ),
  streams: {
    orders: ordersStream,
    fbaInventory: fbaInventoryStream,
  },
  sinks: {
    prices: pricesSink,
    inventory: inventorySink,
    shipments: shipmentsSink,
  },
  sandboxPort: 4014,
  sandbox: amazonSandbox,
})
