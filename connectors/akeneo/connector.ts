/**
 * The Akeneo PIM connector: the REST API (v1, PIM 7.0 and SaaS), declared. Auth is core's
 * OAuth2 password grant with refresh; paging, retries and the rate limit are core's too. What is
 * Akeneo's (paths, filters, the NDJSON PATCH list, the joins of models and variants) is in the
 * streams, sinks and client.
 */
import { Effect, Redacted } from "effect"
import { defineConnector } from "../../core/connector/index.ts"
import { oauth2Password, tokenBucket } from "../../core/http/index.ts"
import { akeneoGet, REST } from "./client.ts"
import { AkeneoConfig, type AkeneoConfigInput, apiVersion, pimOrigin } from "./config.ts"
import { akeneoSandbox } from "./sandbox/index.ts"
import { AkeneoChannel, SystemInformation } from "./schemas/catalog.ts"
import { productsSink } from "./sinks/products.ts"
import { categoriesStream } from "./streams/categories.ts"
import { productsStream } from "./streams/products.ts"
import { akeneoWebhooks } from "./webhooks.ts"

/** https://api.akeneo.com/documentation/authentication.html */
export const TOKEN_PATH = "api/oauth/v1/token"

export const akeneoConnector = defineConnector<AkeneoConfig, AkeneoConfigInput>({
  name: "akeneo",
  displayName: "Akeneo PIM",
  category: "pim",
  apiVersion,
  docsUrl: "https://api.akeneo.com/api-reference.html",
  config: AkeneoConfig,
  http: (config) => ({
    baseUrl: pimOrigin(config),
    auth: oauth2Password({
      tokenUrl: TOKEN_PATH,
      clientId: config.clientId,
      clientSecret: Redacted.value(config.secret),
      credentialsIn: "basic-header",
      username: config.username,
      password: Redacted.value(config.password),
      // Akeneo refuses a wrong login or an expired refresh token with 422, not 400.
      refusalStatuses: [422],
    }),
    rateLimiter: tokenBucket({
      capacity: Math.max(1, Math.ceil(config.requestsPerSecond)),
      refillPerSecond: config.requestsPerSecond,
    }),
    userAgent: "eslayer-akeneo",
  }),
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  // The product mapping reads which attribute codes hold name, description, brand, GTIN, weight,
  // and where media files are published.
  lookupTables: (config) => ({
    "akeneo.attributes": { ...config.attributes },
    "akeneo.media": config.mediaBaseUrl === undefined ? {} : { baseUrl: config.mediaBaseUrl },
  }),
  check: (ctx) =>
    Effect.gen(function* () {
      // https://api.akeneo.com/api-reference.html#get_system_information (no token needed)
      const system = yield* akeneoGet(ctx, "systemInformation.get", `${REST}/system-information`, SystemInformation)
      // https://api.akeneo.com/api-reference.html#get_channels__code_ (proves the credentials)
      const channel = yield* akeneoGet(
        ctx,
        "channels.get",
        `${REST}/channels/${encodeURIComponent(ctx.config.channel)}`,
        AkeneoChannel,
      )
      return {
        ok: true as const,
        detail: `Akeneo PIM ${system.edition} ${system.version}, channel ${channel.code} (tree ${channel.category_tree}, locales ${channel.locales.join(", ")})`,
      }
    }),
  streams: {
    products: productsStream,
    categories: categoriesStream,
  },
  sinks: {
    products: productsSink,
  },
  webhooks: akeneoWebhooks,
  sandboxPort: 4012,
  sandbox: akeneoSandbox,
})
