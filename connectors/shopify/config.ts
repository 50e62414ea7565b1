/**
 * The Shopify connector's configuration: what a user writes under `systems` in `esl.config.ts`.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

/** The Admin API version this connector speaks (https://shopify.dev/docs/api/usage/versioning). */
export const apiVersion = "2025-01"

/** The store plan, which sets the GraphQL cost budget. */
export const ShopifyPlan = Schema.Literal("standard", "advanced", "plus")
export type ShopifyPlan = typeof ShopifyPlan.Type

/**
 * The GraphQL Admin API cost budget per plan. Restore rates are the published figures
 * (https://shopify.dev/docs/api/usage/limits#rate-limits: 100 / 200 / 1000 points per second).
 * The bucket size is not on that page; we start from ten seconds of restore (1000 for standard,
 * which also holds the largest single query Shopify accepts) and follow the server's
 * `throttleStatus.maximumAvailable` from the first answer on.
 */
export const planBudgets: Readonly<
  Record<ShopifyPlan, { readonly bucket: number; readonly restorePerSecond: number }>
> = {
  standard: { bucket: 1000, restorePerSecond: 100 },
  advanced: { bucket: 2000, restorePerSecond: 200 },
  plus: { bucket: 10_000, restorePerSecond: 1000 },
}

const ShopSubdomain = Schema.String.pipe(
  Schema.pattern(/^[a-z0-9][a-z0-9-]*$/, {
    message: () => "must be the shop's myshopify subdomain, e.g. `alpenglow` for alpenglow.myshopify.com",
  }),
)

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: () => "must be an http(s) URL" }),
)

const NonEmptySecret = Schema.Redacted(Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })))

/**
 * Shopify connector options.
 *
 * @example
 * shopify({ shop: "alpenglow", accessToken: env("SHOPIFY_TOKEN"), locations: { "BER-01": "Berlin Mitte Store" } })
 */
export const ShopifyConfig = Schema.Struct({
  /** The myshopify subdomain (`alpenglow` for alpenglow.myshopify.com). */
  shop: ShopSubdomain,
  /** Admin API access token of a custom app (`shpat_…`), sent as `X-Shopify-Access-Token`. */
  accessToken: NonEmptySecret,
  /** Default `https://<shop>.myshopify.com`; point it at a sandbox or proxy. */
  baseUrl: Schema.optional(HttpUrl),
  /** Admin API version, default `2025-01` (the version this connector is tested against). */
  apiVersion: Schema.optionalWith(
    Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}$/, { message: () => "must look like 2025-01" })),
    { default: () => apiVersion },
  ),
  /** The locale Shopify's single-language texts are in; default `en`. */
  locale: Schema.optionalWith(Locale, { default: () => "en" }),
  /** The shop's currency (Shopify's `shopMoney`); default `EUR`. */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** The sales channel orders from this shop carry; default `shopify`. */
  channel: Schema.optionalWith(Key, { default: () => "shopify" }),
  /** The canonical price list Shopify's one price per variant maps to; default `default`. */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /** Whether the shop's prices include tax (Settings → Taxes); default true, as in EU shops. */
  taxesIncluded: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /**
   * Canonical location code → Shopify location name or GID. A code not listed here matches the
   * Shopify location whose name equals the code.
   */
  locations: Schema.optionalWith(Schema.Record({ key: Key, value: Schema.String }), { default: () => ({}) }),
  /** The app's client secret (or the store's webhook signing key) used to verify webhook HMACs. */
  webhookSecret: Schema.optional(NonEmptySecret),
  /** The store's plan, for the cost budget; default `standard`. */
  plan: Schema.optionalWith(ShopifyPlan, { default: () => "standard" }),
})

/** The decoded configuration streams and sinks work with. */
export type ShopifyConfig = typeof ShopifyConfig.Type
/** What a user passes to `shopify({ … })`. */
export type ShopifyConfigInput = typeof ShopifyConfig.Encoded

/** `https://<shop>.myshopify.com` unless `baseUrl` says otherwise. */
export const shopOrigin = (config: ShopifyConfig): string =>
  (config.baseUrl ?? `https://${config.shop}.myshopify.com`).replace(/\/+$/, "")

/** The GraphQL endpoint, relative to the origin (https://shopify.dev/docs/api/admin-graphql#endpoints). */
export const graphqlPath = (config: ShopifyConfig): string => `admin/api/${config.apiVersion}/graphql.json`
