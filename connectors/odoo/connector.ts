/**
 * The Odoo connector: an ERP holding the catalog, list and B2B prices, stock per warehouse,
 * customers and sale orders. Speaks the External JSON-2 API of Odoo 19, or `/jsonrpc` for
 * Odoo 16–18 (`protocol: "jsonrpc"`).
 */
import { Effect, Redacted } from "effect"
import { defineConnector } from "../../core/connector/define.ts"
import { bearerToken, tokenBucket } from "../../core/http/index.ts"
import { odooClient } from "./client.ts"
import { OdooConfig, type OdooConfigInput } from "./config.ts"
import { odooSandbox } from "./sandbox/index.ts"
import { partnersSink } from "./sinks/partners.ts"
import { returnsSink } from "./sinks/returns.ts"
import { saleOrdersSink } from "./sinks/saleOrders.ts"
import { deliveriesStream } from "./streams/deliveries.ts"
import { listPricesStream } from "./streams/listPrices.ts"
import { partnersStream } from "./streams/partners.ts"
import { pricelistItemsStream } from "./streams/pricelistItems.ts"
import { productsStream } from "./streams/products.ts"
import { saleOrdersStream } from "./streams/saleOrders.ts"
import { stockStream } from "./streams/stock.ts"
import { warehousesStream } from "./streams/warehouses.ts"

/** The Odoo version whose API this connector is written against (JSON-2); `/jsonrpc` reaches 16–18. */
export const apiVersion = "19.0"

/** The Odoo connector declaration: config, HTTP, defaults, check, streams, sinks and sandbox. */
export const odooConnector = defineConnector<OdooConfig, OdooConfigInput>({
  name: "odoo",
  displayName: "Odoo",
  category: "erp",
  apiVersion,
  docsUrl: `https://www.odoo.com/documentation/${apiVersion}/developer/reference/external_api.html`,
  config: OdooConfig,
  http: (config) => {
    const key = Redacted.value(config.apiKey)
    return {
      baseUrl: config.baseUrl,
      // JSON-2 authenticates every request with the key; /jsonrpc carries it in the body as the
      // password, so the client only needs to know it to keep it out of logs.
      ...(config.protocol === "json2" ? { auth: bearerToken(key) } : { secrets: [key] }),
      rateLimiter: tokenBucket({
        capacity: Math.max(1, Math.ceil(config.rateLimit)),
        refillPerSecond: config.rateLimit,
      }),
      headers: config.database === undefined ? {} : { "X-Odoo-Database": config.database },
      userAgent: "eslayer-odoo",
    }
  },
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  check: (ctx) =>
    odooClient(ctx).whoAmI.pipe(
      Effect.map(({ serverVersion, database, uid }) => ({
        ok: true as const,
        detail: `Odoo ${serverVersion}, database ${database}, user id ${uid} (${ctx.config.protocol})`,
      })),
    ),
  streams: {
    products: productsStream,
    listPrices: listPricesStream,
    pricelistItems: pricelistItemsStream,
    stock: stockStream,
    warehouses: warehousesStream,
    partners: partnersStream,
    saleOrders: saleOrdersStream,
    deliveries: deliveriesStream,
  },
  sinks: {
    saleOrders: saleOrdersSink,
    partners: partnersSink,
    returns: returnsSink,
  },
  sandboxPort: 4011,
  sandbox: odooSandbox,
})
