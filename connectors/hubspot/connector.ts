/**
 * The HubSpot CRM connector: contacts with their company and e-mail marketing consent, and
 * orders with their line items (read and written), and products (written), over the CRM objects
 * API v3 and associations API v4 with a private app's token.
 */
import { Effect, Redacted, Schema } from "effect"
import { defineConnector } from "../../core/connector/define.ts"
import { bearerToken, windowLimit } from "../../core/http/index.ts"
import { decodeAnswer } from "./client.ts"
import { HubspotConfig, type HubspotConfigInput, RATE_LIMIT_INTERVAL_MS, requestsPerTenSeconds } from "./config.ts"
import { hubspotSandbox } from "./sandbox/index.ts"
import { contactsSink } from "./sinks/contacts.ts"
import { ordersSink } from "./sinks/orders.ts"
import { productsSink } from "./sinks/products.ts"
import { customersStream } from "./streams/customers.ts"
import { ordersStream } from "./streams/orders.ts"
import { hubspotWebhooks } from "./webhooks.ts"

/** The CRM API generation this connector speaks (objects v3, associations v4). */
export const apiVersion = "v3"

const PropertyList = Schema.Struct({
  results: Schema.Array(Schema.Struct({ name: Schema.String, hasUniqueValue: Schema.optional(Schema.Boolean) })),
})

/** The HubSpot connector declaration. */
export const hubspotConnector = defineConnector<HubspotConfig, HubspotConfigInput>({
  name: "hubspot",
  displayName: "HubSpot CRM",
  category: "crm",
  apiVersion,
  docsUrl: "https://developers.hubspot.com/docs/api-reference/crm-objects-v3",
  config: HubspotConfig,
  http: (config) => ({
    baseUrl: config.baseUrl,
    auth: bearerToken(Redacted.value(config.accessToken)),
    // HubSpot counts requests in a rolling 10-second window per account.
    rateLimiter: windowLimit({ requests: requestsPerTenSeconds[config.tier], perMs: RATE_LIMIT_INTERVAL_MS }),
    ...(config.webhookSecret === undefined ? {} : { secrets: [Redacted.value(config.webhookSecret)] }),
    userAgent: "eslayer-hubspot",
  }),
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  check: (ctx) =>
    Effect.gen(function* () {
      // https://developers.hubspot.com/docs/api-reference/crm-properties-v3 (GET /crm/v3/properties/{objectType})
      const response = yield* ctx.http.request({ method: "GET", path: "crm/v3/properties/contacts" })
      const { results } = yield* decodeAnswer(PropertyList, ctx.system, "properties/contacts")(response.body)
      const property = ctx.config.customerNumberProperty
      const numbered = results.find((p) => p.name === property)
      const note =
        numbered === undefined
          ? `no contact property ${property}: customers without an e-mail cannot be written`
          : numbered.hasUniqueValue === true
            ? `${property} is a unique property`
            : `${property} is not unique: customers without an e-mail cannot be upserted`
      return {
        ok: true as const,
        detail: `HubSpot CRM (${ctx.config.tier}, ${requestsPerTenSeconds[ctx.config.tier]} requests per 10 s), ${results.length} contact properties; ${note}`,
      }
    }),
  streams: {
    customers: customersStream,
    orders: ordersStream,
  },
  sinks: {
    contacts: contactsSink,
    products: productsSink,
    orders: ordersSink,
  },
  webhooks: hubspotWebhooks,
  sandboxPort: 4013,
  sandbox: hubspotSandbox,
})
