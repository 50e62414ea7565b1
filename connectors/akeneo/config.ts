/**
 * What a user configures for an Akeneo PIM: where it is, the API connection's credentials
 * (client id/secret plus the connection user's username/password), the channel whose values
 * are read, and which attribute codes hold the fields the canonical model names.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

/** The REST API this connector speaks (https://api.akeneo.com/api-reference-index.html), 7.0 and SaaS. */
export const apiVersion = "v1 (PIM 7.0 / SaaS)"

/**
 * Akeneo's published fair-use limit: 100 API requests per second per PIM instance
 * (https://api.akeneo.com/documentation/limitations.html). Over it, 429 with `Retry-After`.
 */
export const PUBLISHED_REQUESTS_PER_SECOND = 100

/** Akeneo's largest page (`limit` ≤ 100) and largest PATCH list (100 resources per request). */
export const MAX_PAGE_SIZE = 100
export const MAX_PATCH_LINES = 100

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: () => "must be an http(s) URL, e.g. https://alpenglow.cloud.akeneo.com",
  }),
)

const NonEmptySecret = Schema.Redacted(Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })))

/** An Akeneo code: letters, digits and underscores (attribute, channel and locale codes). */
const AkeneoCode = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_]+$/, { message: () => "must be an Akeneo code (letters, digits, underscores)" }),
)

/** The attribute codes that carry the canonical fields; everything else lands in `attributes`. */
export const AttributeRoles = Schema.Struct({
  /** Localizable text with the product's title; default `name`. */
  name: Schema.optionalWith(AkeneoCode, { default: () => "name" }),
  /** Localizable (and usually scopable) text; default `description`. */
  description: Schema.optionalWith(AkeneoCode, { default: () => "description" }),
  /** Text or simple select; default `brand`. */
  brand: Schema.optionalWith(AkeneoCode, { default: () => "brand" }),
  /** Text with the EAN/GTIN of a variant; default `ean`. */
  gtin: Schema.optionalWith(AkeneoCode, { default: () => "ean" }),
  /** Metric (Weight family) of a variant; default `weight`. */
  weight: Schema.optionalWith(AkeneoCode, { default: () => "weight" }),
})
export type AttributeRoles = typeof AttributeRoles.Type

/**
 * Akeneo connector options.
 *
 * @example
 * akeneo({
 *   baseUrl: "https://alpenglow.cloud.akeneo.com",
 *   clientId: env("AKENEO_CLIENT_ID"), secret: env("AKENEO_SECRET"),
 *   username: env("AKENEO_USERNAME"), password: env("AKENEO_PASSWORD"),
 * })
 */
export const AkeneoConfig = Schema.Struct({
  /** The PIM's origin, e.g. `https://alpenglow.cloud.akeneo.com` (no `/api/rest/v1`). */
  baseUrl: HttpUrl,
  /** The connection's client id (Connect → Connection settings). */
  clientId: Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })),
  /** The connection's secret. */
  secret: NonEmptySecret,
  /** The connection user's username. */
  username: Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })),
  /** The connection user's password. */
  password: NonEmptySecret,
  /** The channel (scope) whose scopable values are read and written; default `ecommerce`. */
  channel: Schema.optionalWith(AkeneoCode, { default: () => "ecommerce" }),
  /** The locale option labels and axis names are taken in (BCP 47); default `en-US`. */
  locale: Schema.optionalWith(Locale, { default: () => "en-US" }),
  /** The currency of this system's context; default `EUR` (Akeneo prices are not synced). */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** Which attribute codes hold name, description, brand, GTIN and weight. */
  attributes: Schema.optionalWith(AttributeRoles, { default: () => Schema.decodeSync(AttributeRoles)({}) }),
  /** Requests per second we send; default 100, Akeneo's published limit per PIM instance. */
  requestsPerSecond: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), {
    default: () => PUBLISHED_REQUESTS_PER_SECOND,
  }),
  /** The Events API subscription's secret, to verify `X-Akeneo-Request-Signature`. */
  webhookSecret: Schema.optional(NonEmptySecret),
  /**
   * Where the PIM's media files are published for the public (an asset CDN or the PIM's public
   * media route), e.g. `https://media.alpenglow-outfitters.de/pim`. Image URLs become
   * `<mediaBaseUrl>/<media file code>`; unset, they are Akeneo's download links, which need a token.
   */
  mediaBaseUrl: Schema.optional(HttpUrl.pipe(Schema.pattern(/[^/]$/, { message: () => "must not end with /" }))),
  /** The price list name in this system's defaults; default `default`. */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
})

/** The decoded configuration streams and sinks work with. */
export type AkeneoConfig = typeof AkeneoConfig.Type
/** What a user passes to `akeneo({ … })`. */
export type AkeneoConfigInput = typeof AkeneoConfig.Encoded

/** The origin without a trailing slash. */
export const pimOrigin = (config: AkeneoConfig): string => config.baseUrl.replace(/\/+$/, "")
