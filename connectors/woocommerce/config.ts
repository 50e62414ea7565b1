/**
 * The WooCommerce connector's configuration: what a user writes under `systems` in `esl.config.ts`.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

/** The REST API this connector speaks (https://woocommerce.github.io/woocommerce-rest-api-docs/). */
export const apiVersion = "wc/v3"

/** Where the REST API lives below the site URL. */
export const API_PATH = "/wp-json/wc/v3"

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: () => "must be an http(s) URL" }),
)

const NonEmptySecret = Schema.Redacted(Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" })))

/**
 * WooCommerce connector options.
 *
 * @example
 * woocommerce({
 *   baseUrl: "https://shop.alpenglow-outfitters.de",
 *   consumerKey: env("WC_CONSUMER_KEY"),
 *   consumerSecret: env("WC_CONSUMER_SECRET"),
 *   pickupLocations: { "Berlin Mitte Store": "BER" },
 * })
 */
export const WooCommerceConfig = Schema.Struct({
  /** The WordPress site URL (`https://shop.example.de`); the API is under `/wp-json/wc/v3`. */
  baseUrl: HttpUrl,
  /** REST API consumer key (`ck_…`, WooCommerce → Settings → Advanced → REST API), sent as HTTP Basic user. */
  consumerKey: NonEmptySecret,
  /** REST API consumer secret (`cs_…`), sent as HTTP Basic password. Use HTTPS. */
  consumerSecret: NonEmptySecret,
  /** The locale the shop's texts are in; default `de-DE`. */
  locale: Schema.optionalWith(Locale, { default: () => "de-DE" }),
  /** The shop currency (WooCommerce → Settings → General); default `EUR`. */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** The sales channel orders from this shop carry; default `woocommerce`. */
  channel: Schema.optionalWith(Key, { default: () => "woocommerce" }),
  /** The canonical price list the shop's one price per product maps to; default `default`. */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /** Settings → Tax → "Prices entered with tax"; default true, as in EU shops. */
  pricesIncludeTax: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /**
   * WooCommerce core keeps one stock quantity per product or variation. The quantity written is
   * the sum of the available stock at these canonical location codes; default `["WH"]`.
   */
  stockLocations: Schema.optionalWith(Schema.Array(Key), { default: () => ["WH"] }),
  /**
   * Click & collect: the pickup location name a shipping line carries (WooCommerce Local
   * Pickup's `pickup_location`, or a legacy `local_pickup` rate's title) → canonical store code.
   */
  pickupLocations: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Key }), { default: () => ({}) }),
  /** The shop's weight unit (Settings → Products); default `kg`. */
  weightUnit: Schema.optionalWith(Schema.Literal("kg", "g", "lbs", "oz"), { default: () => "kg" as const }),
  /** The shop's dimension unit (Settings → Products); default `cm`. */
  dimensionUnit: Schema.optionalWith(Schema.Literal("m", "cm", "mm", "in", "yd"), { default: () => "cm" as const }),
  /** The secret of the shop's webhooks (WooCommerce → Settings → Advanced → Webhooks), to verify signatures. */
  webhookSecret: Schema.optional(NonEmptySecret),
  /**
   * Requests per second. WooCommerce itself publishes no REST limit; hosts and security plugins
   * do. Default 5 (bursts of 10), the pace the sandbox enforces.
   */
  requestsPerSecond: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 5 }),
})

/** The decoded configuration streams and sinks work with. */
export type WooCommerceConfig = typeof WooCommerceConfig.Type
/** What a user passes to `woocommerce({ … })`. */
export type WooCommerceConfigInput = typeof WooCommerceConfig.Encoded

/** The REST API root: the site URL plus `/wp-json/wc/v3`. */
export const apiRoot = (config: WooCommerceConfig): string => `${config.baseUrl.replace(/\/+$/, "")}${API_PATH}`
