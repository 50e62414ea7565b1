/**
 * The Tryton connector: an ERP holding the catalog, list prices, stock per warehouse,
 * customers and sales. Speaks Tryton's JSON-RPC (written against Tryton 6.0 LTS, Debian 12).
 */
import { Effect, Redacted } from "effect"
import { defineConnector } from "../../core/connector/define.ts"
import { tokenBucket } from "../../core/http/index.ts"
import { trytonClient } from "./client.ts"
import { TrytonConfig, type TrytonConfigInput } from "./config.ts"
import { trytonSandbox } from "./sandbox/index.ts"
import { trytonSession } from "./session.ts"
import { customersSink } from "./sinks/customers.ts"
import { ordersSink } from "./sinks/orders.ts"
import { customersStream } from "./streams/customers.ts"
import { fulfillmentsStream } from "./streams/fulfillments.ts"
import { inventoryStream } from "./streams/inventory.ts"
import { ordersStream } from "./streams/orders.ts"
import { pricesStream } from "./streams/prices.ts"
import { productsStream } from "./streams/products.ts"

/** The Tryton series whose API this connector is written against. */
export const apiVersion = "6.0"

/** Tryton's language code for a BCP 47 locale: `de-AT` → `de`; Tryton 6.0 names most languages by two letters. */
export const trytonLanguage = (locale: string): string => locale.split("-")[0] ?? "en"

/** The Tryton connector declaration: config, HTTP, defaults, check, streams, sinks and sandbox. */
export const trytonConnector = defineConnector<TrytonConfig, TrytonConfigInput>({
  name: "tryton",
  displayName: "Tryton",
  category: "erp",
  apiVersion,
  docsUrl: `https://docs.tryton.org/projects/server/en/${apiVersion}/topics/rpc.html`,
  config: TrytonConfig,
  http: (config) => ({
    baseUrl: config.baseUrl,
    auth: trytonSession({
      path: `${encodeURIComponent(config.database)}/`,
      database: config.database,
      username: config.username,
      password: Redacted.value(config.password),
      language: trytonLanguage(config.locale),
    }),
    rateLimiter: tokenBucket({ capacity: Math.max(1, Math.ceil(config.rateLimit)), refillPerSecond: config.rateLimit }),
    userAgent: "eslayer-tryton",
  }),
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  check: (ctx) =>
    Effect.gen(function* () {
      const client = trytonClient(ctx)
      const preferences = yield* client.preferences
      const version = yield* client.serverVersion
      const company = preferences["company.rec_name"]
      return {
        ok: true as const,
        detail: `Tryton ${version}, database ${ctx.config.database}, user ${ctx.config.username}${
          typeof company === "string" ? `, company ${company}` : ", no company"
        }`,
      }
    }),
  streams: {
    products: productsStream,
    prices: pricesStream,
    inventory: inventoryStream,
    customers: customersStream,
    orders: ordersStream,
    fulfillments: fulfillmentsStream,
  },
  sinks: {
    customers: customersSink,
    orders: ordersSink,
  },
  sandboxPort: 4019,
  sandbox: trytonSandbox,
})
