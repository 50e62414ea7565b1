/**
 * The Vendure connector's configuration: what a user writes under `systems` in `esl.config.ts`.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

/** The Vendure release this connector is written and tested against (Admin API, GraphQL). */
export const apiVersion = "3.7"

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: () => "must be an http(s) URL, e.g. http://127.0.0.1:3000/admin-api",
  }),
)

const NonEmpty = Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))

/**
 * Vendure connector options.
 *
 * @example
 * vendure({
 *   baseUrl: "https://shop.example/admin-api",
 *   username: env("VENDURE_USERNAME"),
 *   password: env("VENDURE_PASSWORD"),
 * })
 */
export const VendureConfig = Schema.Struct({
  /** The Admin API endpoint, e.g. `http://127.0.0.1:3000/admin-api` (https://docs.vendure.io/guides/getting-started/graphql-intro/). */
  baseUrl: HttpUrl,
  /** An administrator's identifier (the superadmin, or a role with catalog, stock, order and customer permissions). */
  username: NonEmpty,
  /** That administrator's password; it only ever goes into the login mutation. */
  password: Schema.Redacted(NonEmpty),
  /** The channel token (`vendure-token` header) for a channel other than the default one. */
  channelToken: Schema.optional(NonEmpty),
  /** The language texts are written in (Vendure `LanguageCode`); default `en`. */
  languageCode: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[a-z]{2}(_[A-Z]{2})?$/)), {
    default: () => "en",
  }),
  /** The canonical locale those texts are in; default `en`. */
  locale: Schema.optionalWith(Locale, { default: () => "en" }),
  /** The channel's currency (its `defaultCurrencyCode`); default `EUR`. `check` verifies it. */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /**
   * Whether the channel's prices include tax (its `pricesIncludeTax`); default true, as in EU
   * shops. Vendure reads a variant's `price` input as gross when it is set. `check` verifies it.
   */
  pricesIncludeTax: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** The sales channel orders from this shop carry; default `vendure`. */
  channel: Schema.optionalWith(Key, { default: () => "vendure" }),
  /** The canonical price list the variants' single price maps to; default `default`. */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /** The canonical location code of Vendure's default stock location; default `default`. */
  locationCode: Schema.optionalWith(Key, { default: () => "default" }),
})

/** The decoded configuration streams and sinks work with. */
export type VendureConfig = typeof VendureConfig.Type
/** What a user passes to `vendure({ … })`. */
export type VendureConfigInput = typeof VendureConfig.Encoded
