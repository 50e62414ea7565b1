/**
 * The Amazon Selling Partner API connector's configuration: what a user writes under `systems`
 * in `esl.config.ts`. Credentials are a Login with Amazon (LWA) app's client id and secret and
 * the seller's refresh token from authorising the app.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

/** Amazon.de (https://developer-docs.amazon.com/sp-api/docs/marketplace-ids). */
export const AMAZON_DE = "A1PA6795UKMFR9"
/** The SP-API endpoint of the Europe region (https://developer-docs.amazon.com/sp-api/docs/sp-api-endpoints). */
export const EU_ENDPOINT = "https://sellingpartnerapi-eu.amazon.com"
/** The Login with Amazon token endpoint (https://developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api). */
export const LWA_TOKEN_URL = "https://api.amazon.com/auth/o2/token"

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: () => "must be an http(s) URL" }),
)
const NonEmptySecret = Schema.Redacted(Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })))
const UsagePlanSchema = Schema.Struct({
  rate: Schema.Number.pipe(Schema.positive()),
  burst: Schema.Int.pipe(Schema.positive()),
})
const FulfillmentChannel = Schema.Literal("AFN", "MFN")

/** The decoded config of an Amazon system. */
export const AmazonConfig = Schema.Struct({
  /** The regional SP-API endpoint (default Europe, `https://sellingpartnerapi-eu.amazon.com`). */
  baseUrl: Schema.optionalWith(HttpUrl, { default: () => EU_ENDPOINT }),
  /** The LWA token endpoint (default `https://api.amazon.com/auth/o2/token`); a sandbox serves its own. */
  tokenUrl: Schema.optionalWith(HttpUrl, { default: () => LWA_TOKEN_URL }),
  /** The LWA app's client identifier (`amzn1.application-oa2-client.…`). */
  clientId: Schema.NonEmptyTrimmedString,
  /** The LWA app's client secret. */
  clientSecret: NonEmptySecret,
  /** The seller's refresh token (`Atzr|…`) from authorising the app. */
  refreshToken: NonEmptySecret,
  /** The seller's merchant token (Seller Central → Account info), used in listings paths and feed headers. */
  sellerId: Schema.NonEmptyTrimmedString,
  /** The marketplace this system reads and writes (default Amazon.de, `A1PA6795UKMFR9`). */
  marketplaceId: Schema.optionalWith(Schema.NonEmptyTrimmedString, { default: () => AMAZON_DE }),
  /** The channel name orders from this marketplace carry in the hub (default `amazon`; e.g. `amazon-de`). */
  channel: Schema.optionalWith(Key, { default: () => "amazon" }),
  /** The marketplace currency (default `EUR`). */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** The language of the marketplace's texts (default `de-DE`). */
  locale: Schema.optionalWith(Locale, { default: () => "de-DE" }),
  /** The canonical price list whose prices become the offer price (default `default`). */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /** Whether the marketplace's prices include VAT (default true: every European marketplace). */
  taxesIncluded: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** The location code FBA stock is kept under in the hub (default `FBA-EU`). */
  fbaLocation: Schema.optionalWith(Key, { default: () => "FBA-EU" }),
  /** The hub location whose stock is the seller-fulfilled (`DEFAULT` channel) quantity (default `WH`). */
  stockLocation: Schema.optionalWith(Key, { default: () => "WH" }),
  /** Only orders of these fulfilment channels (default both: `AFN` = FBA, `MFN` = seller). */
  fulfillmentChannels: Schema.optional(Schema.Array(FulfillmentChannel)),
  /** The product type listings feed messages name (default `PRODUCT`, valid for offer-only patches). */
  productType: Schema.optionalWith(Schema.NonEmptyTrimmedString, { default: () => "PRODUCT" }),
  /** Orders per getOrders page (1–100, default 100). */
  pageSize: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100)), { default: () => 100 }),
  /** How long to wait between getFeed polls, in ms (default 30000). */
  feedPollIntervalMs: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 600_000)), { default: () => 30_000 }),
  /** How long a feed may take before the batch fails as not confirmed, in ms (default 1 hour). */
  feedTimeoutMs: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { default: () => 3_600_000 }),
  /**
   * Usage plans per operation where the seller's differ from the published defaults
   * (`{ getOrderItems: { rate: 1, burst: 40 } }`); see `x-amzn-RateLimit-Limit`.
   */
  usagePlans: Schema.optional(Schema.Record({ key: Schema.String, value: UsagePlanSchema })),
})
export type AmazonConfig = typeof AmazonConfig.Type
/** What `amazon({...})` takes in `esl.config.ts`. */
export type AmazonConfigInput = typeof AmazonConfig.Encoded
