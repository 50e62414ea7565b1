/**
 * The eBay connector's configuration: what a user writes under `systems` in `esl.config.ts`.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

/** The Sell API versions this connector speaks (Inventory v1, Fulfillment v1, Notification v1). */
export const apiVersion = "sell/v1"

/** Where each API lives below the origin (the `basePath` of eBay's OpenAPI documents). */
export const basePaths = {
  inventory: "/sell/inventory/v1",
  fulfillment: "/sell/fulfillment/v1",
  notification: "/commerce/notification/v1",
  token: "/identity/v1/oauth2/token",
} as const

/**
 * The OAuth scopes a user token needs for what this connector does
 * (https://developer.ebay.com/api-docs/static/oauth-scopes.html).
 */
export const userScopes = [
  "https://api.ebay.com/oauth/api_scope/sell.inventory",
  "https://api.ebay.com/oauth/api_scope/sell.fulfillment",
  "https://api.ebay.com/oauth/api_scope/sell.account",
] as const

/** The application scope getPublicKey is called with (commerce_notification_v1_oas3.json, `api_auth`). */
export const applicationScope = "https://api.ebay.com/oauth/api_scope"

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: () => "must be an http(s) URL" }),
)

const NonEmptySecret = Schema.Redacted(Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })))

/** An eBay marketplace id such as `EBAY_DE` (MarketplaceEnum). */
const MarketplaceId = Schema.String.pipe(
  Schema.pattern(/^EBAY_[A-Z_]+$/, { message: () => "must be an eBay marketplace id, e.g. EBAY_DE" }),
)

/** The business policies and category an offer is created with (eBay requires them to publish). */
export const ListingDefaults = Schema.Struct({
  /** eBay leaf category of new offers, e.g. `15687` (Men's T-Shirts). */
  categoryId: Schema.String,
  fulfillmentPolicyId: Schema.String,
  paymentPolicyId: Schema.String,
  returnPolicyId: Schema.String,
})
export type ListingDefaults = typeof ListingDefaults.Type

/**
 * eBay connector options.
 *
 * @example
 * ebay({
 *   clientId: env("EBAY_CLIENT_ID"), clientSecret: env("EBAY_CLIENT_SECRET"),
 *   refreshToken: env("EBAY_REFRESH_TOKEN"), marketplaceId: "EBAY_DE",
 *   locations: { WH: "WH", BER: "BER" }, stores: { BER: "BER" },
 * })
 */
export const EbayConfig = Schema.Struct({
  /** The application's App ID (client id) from the eBay developer portal. */
  clientId: Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })),
  /** The application's Cert ID (client secret). */
  clientSecret: NonEmptySecret,
  /** The seller's long-lived refresh token (18 months), from the user consent flow. */
  refreshToken: NonEmptySecret,
  /** Default `https://api.ebay.com`; `https://api.sandbox.ebay.com` or an esl sandbox. */
  baseUrl: Schema.optional(HttpUrl),
  /** The marketplace offers are listed on and orders come from; default `EBAY_DE`. */
  marketplaceId: Schema.optionalWith(MarketplaceId, { default: () => "EBAY_DE" }),
  /** The language of titles and descriptions sent (`Content-Language`); default `de-DE`. */
  locale: Schema.optionalWith(Locale, { default: () => "de-DE" }),
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** The sales channel orders from eBay carry; default `ebay`. */
  channel: Schema.optionalWith(Key, { default: () => "ebay" }),
  /** The canonical price list the offer price maps to; default `default`. */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /** Whether item prices include VAT (EU marketplaces: true). */
  taxesIncluded: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** The VAT rate eBay's collect-and-remit taxes are reported at (a fraction); default 0.19. */
  vatRate: Schema.optionalWith(Schema.Number.pipe(Schema.between(0, 1)), { default: () => 0.19 }),
  /**
   * Canonical location code → eBay `merchantLocationKey`. The offer quantity is the available
   * stock summed over these locations; levels at other locations are not sent. Empty (default):
   * every location counts, under its own code as the key.
   */
  locations: Schema.optionalWith(Schema.Record({ key: Key, value: Schema.String }), { default: () => ({}) }),
  /** eBay store `merchantLocationKey` → canonical location code, for In-Store Pickup orders. */
  stores: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Key }), { default: () => ({}) }),
  /** Category and business policies new offers are created with. */
  listing: Schema.optional(ListingDefaults),
  /** The merchant location new offers ship from; default the first configured location. */
  merchantLocationKey: Schema.optional(Schema.String),
  /** Publish unpublished offers once the stock sink gave them a quantity (default false: the seller publishes). */
  publish: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** Published daily call limit of the application (5,000 after self-certification). */
  dailyCallLimit: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { default: () => 5000 }),
  /** The verification token registered with the notification endpoint (challenge answer). */
  verificationToken: Schema.optional(NonEmptySecret),
  /** The notification endpoint URL as registered with eBay (part of the challenge hash). */
  notificationEndpoint: Schema.optional(HttpUrl),
})

/** The decoded configuration streams and sinks work with. */
export type EbayConfig = typeof EbayConfig.Type
/** What a user passes to `ebay({ … })`. */
export type EbayConfigInput = typeof EbayConfig.Encoded

/** `https://api.ebay.com` unless `baseUrl` says otherwise. */
export const ebayOrigin = (config: EbayConfig): string => (config.baseUrl ?? "https://api.ebay.com").replace(/\/+$/, "")

/** The merchant location key of a canonical location code (itself when none is configured). */
export const merchantLocationKeyOf = (config: EbayConfig, code: string): string | undefined =>
  Object.keys(config.locations).length === 0 ? code : config.locations[code]

/** The merchant location offers are created at. */
export const offerLocationKey = (config: EbayConfig): string | undefined =>
  config.merchantLocationKey ?? Object.values(config.locations)[0]
