/**
 * The Vendure connector: the Admin GraphQL API of a Vendure 3 shop, declared. Products, prices
 * and stock come from the hub; placed orders and customers go to it; fulfilments come back.
 * Transport, paging, retries and redaction are core's; what is Vendure's (the login session,
 * the queries and mutations, ErrorResult unions) is here and in the streams and sinks.
 */
import { Effect, Schema } from "effect"
import { defineConnector, VendorResponseError } from "../../core/connector/index.ts"
import { asVendorError, vendureRequest } from "./client.ts"
import { apiVersion, VendureConfig } from "./config.ts"
import { vendureSandbox } from "./sandbox/index.ts"
import { vendureSession } from "./session.ts"
import { fulfillmentsSink } from "./sinks/fulfillments.ts"
import { inventorySink } from "./sinks/inventory.ts"
import { pricesSink } from "./sinks/prices.ts"
import { productsSink } from "./sinks/products.ts"
import { customersStream } from "./streams/customers.ts"
import { ordersStream } from "./streams/orders.ts"

const CHECK_QUERY = `
query Check {
  activeChannel { code defaultCurrencyCode pricesIncludeTax defaultLanguageCode }
}`

const CheckAnswer = Schema.Struct({
  activeChannel: Schema.Struct({
    code: Schema.String,
    defaultCurrencyCode: Schema.String,
    pricesIncludeTax: Schema.Boolean,
    defaultLanguageCode: Schema.String,
  }),
})

export const vendureConnector = defineConnector({
  name: "vendure",
  displayName: "Vendure",
  category: "shop",
  apiVersion,
  docsUrl: "https://docs.vendure.io/reference/graphql-api/admin/",
  config: VendureConfig,
  http: (config) => ({
    baseUrl: config.baseUrl.replace(/\/+$/, ""),
    auth: vendureSession(config).strategy,
    ...(config.channelToken === undefined ? {} : { headers: { "vendure-token": config.channelToken } }),
  }),
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  lookupTables: (config) => ({
    vendureChannel: { pricesIncludeTax: String(config.pricesIncludeTax), locationCode: config.locationCode },
  }),
  check: (ctx) =>
    // https://docs.vendure.io/reference/graphql-api/admin/queries#activechannel
    asVendorError(vendureRequest(ctx, { operation: "channel.check", query: CHECK_QUERY, data: CheckAnswer })).pipe(
      Effect.flatMap(({ activeChannel: channel }) => {
        const mismatch = [
          channel.defaultCurrencyCode !== ctx.config.currency &&
            `its currency is ${channel.defaultCurrencyCode}, the config says ${ctx.config.currency}`,
          channel.pricesIncludeTax !== ctx.config.pricesIncludeTax &&
            `its prices ${channel.pricesIncludeTax ? "include" : "exclude"} tax, the config says pricesIncludeTax: ${ctx.config.pricesIncludeTax}`,
        ].filter((m): m is string => typeof m === "string")
        if (mismatch.length > 0) {
          return Effect.fail(
            new VendorResponseError({
              system: ctx.system,
              operation: "channel.check",
              detail: `channel ${channel.code} does not match the config: ${mismatch.join("; ")}. Fix currency/pricesIncludeTax in esl.config.ts`,
            }),
          )
        }
        return Effect.succeed({
          ok: true as const,
          detail: `channel ${channel.code} (${channel.defaultCurrencyCode}, prices ${channel.pricesIncludeTax ? "include" : "exclude"} tax, ${channel.defaultLanguageCode}), Vendure ${apiVersion} Admin API`,
        })
      }),
    ),
  streams: {
    orders: ordersStream,
    customers: customersStream,
  },
  sinks: {
    products: productsSink,
    prices: pricesSink,
    inventory: inventorySink,
    fulfillments: fulfillmentsSink,
  },
  sandboxPort: 4020,
  sandbox: vendureSandbox,
})
