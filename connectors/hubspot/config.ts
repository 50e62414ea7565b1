/**
 * What a user configures for a HubSpot system: the private app's access token, the account's
 * API limit tier, the unique properties records are matched by, and the webhook secret.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+/, { message: () => "must be an http(s) URL, e.g. https://api.hubapi.com" }),
)

/**
 * The account's API limit tier. Private apps get 100 requests per 10 s on Free and Starter,
 * 190 on Professional and Enterprise, 250 with the API limit increase pack
 * (https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details#rate-limits).
 */
export const HubspotTier = Schema.Literal("free", "starter", "professional", "enterprise", "api-limit-increase")
export type HubspotTier = typeof HubspotTier.Type

/** Requests per rolling 10 seconds, per tier. */
export const requestsPerTenSeconds: Readonly<Record<HubspotTier, number>> = {
  free: 100,
  starter: 100,
  professional: 190,
  enterprise: 190,
  "api-limit-increase": 250,
}

/** The length of HubSpot's burst window (`X-HubSpot-RateLimit-Interval-Milliseconds`). */
export const RATE_LIMIT_INTERVAL_MS = 10_000

export const HubspotConfig = Schema.Struct({
  /** Default `https://api.hubapi.com`; point it at `esl sandbox hubspot` or a proxy. */
  baseUrl: Schema.optionalWith(HttpUrl, { default: () => "https://api.hubapi.com" }),
  /** The private app's access token (Settings → Integrations → Private apps), sent as a bearer token. */
  accessToken: Schema.Redacted(Schema.NonEmptyTrimmedString),
  /** The account's API limit tier (default `starter`: 100 requests per 10 s). */
  tier: Schema.optionalWith(HubspotTier, { default: () => "starter" as const }),
  /**
   * A unique-value property (contacts and companies) holding the customer number; contacts
   * without an e-mail and companies are upserted by it (default `customer_number`).
   */
  customerNumberProperty: Schema.optionalWith(Schema.NonEmptyTrimmedString, { default: () => "customer_number" }),
  /** The app's client secret, for `X-HubSpot-Signature-v3` on webhooks. */
  webhookSecret: Schema.optional(Schema.Redacted(Schema.NonEmptyTrimmedString)),
  /** The target URL registered for the app's webhooks, exactly as HubSpot calls it (it is signed). */
  webhookUrl: Schema.optional(HttpUrl),
  /** The locale of texts in this account (default `de-DE`). */
  locale: Schema.optionalWith(Locale, { default: () => "de-DE" }),
  /** The account's company currency (default `EUR`). */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** The channel of orders entered in HubSpot itself (default `hubspot`). */
  channel: Schema.optionalWith(Key, { default: () => "hubspot" }),
  /** The canonical price list HubSpot's product price maps to (default `default`). */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /** Records per search page (default 100; HubSpot allows 200). */
  pageSize: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 200)), { default: () => 100 }),
})
export type HubspotConfig = typeof HubspotConfig.Type
/** What `hubspot({...})` takes in `esl.config.ts`. */
export type HubspotConfigInput = typeof HubspotConfig.Encoded
