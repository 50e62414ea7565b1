/**
 * The Shopware 6 connector's configuration: what a user writes under `systems` in `esl.config.ts`.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

/** The Admin API this connector speaks and is tested against (Shopware 6.5 to 6.7). */
export const apiVersion = "6.6"

/** `Defaults::CURRENCY` of every Shopware 6 installation: the id of its default currency (EUR). */
export const DEFAULT_CURRENCY_ID = "b7d2554b0ce847cd82f3ac9bd1c0dfca"

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: () => "must be an http(s) URL" }),
)
const Hex32 = Schema.String.pipe(
  Schema.pattern(/^[0-9a-f]{32}$/, { message: () => "must be a Shopware id (32 lower-case hex digits)" }),
)
const NonEmpty = Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))

/**
 * Shopware connector options.
 *
 * @example
 * shopware({
 *   baseUrl: "https://shop.example.de",
 *   clientId: env("SHOPWARE_ACCESS_KEY_ID"),
 *   clientSecret: env("SHOPWARE_SECRET_ACCESS_KEY"),
 *   salesChannelId: "98432def39fc4624b33213a56b8c944d",
 *   taxes: { "19": "<tax id>", "7": "<tax id>" },
 *   pickupShippingMethods: { "click_collect_ber": "BER" },
 * })
 */
export const ShopwareConfig = Schema.Struct({
  /** The shop's origin (`https://shop.example.de`); the Admin API lives under `/api`. */
  baseUrl: HttpUrl,
  /** Access key ID of an integration (Settings → System → Integrations), `SWIA…`. */
  clientId: NonEmpty,
  /** The integration's secret access key; only ever sent to `/api/oauth/token`. */
  clientSecret: Schema.Redacted(NonEmpty),
  /** The locale of the shop's system language (plain `name` fields); default `de-DE`. */
  locale: Schema.optionalWith(Locale, { default: () => "de-DE" }),
  /** The shop's default currency; default `EUR`. */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** Currency ISO code → Shopware currency id; default `{ EUR: Defaults::CURRENCY }`. */
  currencies: Schema.optionalWith(Schema.Record({ key: CurrencyCode, value: Hex32 }), {
    default: () => ({ EUR: DEFAULT_CURRENCY_ID }),
  }),
  /** The sales channel orders from this shop carry; default `shopware`. */
  channel: Schema.optionalWith(Key, { default: () => "shopware" }),
  /** The canonical price list Shopware's product `price` maps to; default `default`. */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /** Price list → rule id: prices of these lists become advanced prices (`product.prices`) under that rule. */
  priceRules: Schema.optionalWith(Schema.Record({ key: Key, value: Hex32 }), { default: () => ({}) }),
  /**
   * Tax rate in percent (`"19"`) → Shopware tax id. Products use `defaultTaxRate` unless their
   * `taxRate` attribute says otherwise; a rate not listed here is found among the shop's taxes.
   */
  taxes: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Hex32 }), { default: () => ({}) }),
  /** The tax rate (percent) of products without a `taxRate` attribute; default 19. */
  defaultTaxRate: Schema.optionalWith(Schema.Number.pipe(Schema.between(0, 100)), { default: () => 19 }),
  /** Property group name (`Size`) → the id of an existing Shopware property group; others get a derived id. */
  propertyGroups: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Hex32 }), { default: () => ({}) }),
  /** The sales channel new products are made visible in (`visibilities`, all = 30). */
  salesChannelId: Schema.optional(Hex32),
  /** Location codes whose stock is summed into Shopware's single product stock; default `["WH"]`. */
  stockLocations: Schema.optionalWith(Schema.Array(Key), { default: () => ["WH"] }),
  /** Shipping method id or technical name → store location code: orders shipped with it are click & collect. */
  pickupShippingMethods: Schema.optionalWith(Schema.Record({ key: NonEmpty, value: Key }), { default: () => ({}) }),
  /** The app secret Shopware signs app-system webhooks with (`shopware-shop-signature`). */
  webhookSecret: Schema.optional(Schema.Redacted(NonEmpty)),
  /** Client-side pace in requests per second; default 10 (Shopware publishes no Admin API limit). */
  requestsPerSecond: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 10 }),
})

/** The decoded configuration streams and sinks work with. */
export type ShopwareConfig = typeof ShopwareConfig.Type
/** What a user passes to `shopware({ … })`. */
export type ShopwareConfigInput = typeof ShopwareConfig.Encoded

/** The shop origin without a trailing slash. */
export const shopOrigin = (config: ShopwareConfig): string => config.baseUrl.replace(/\/+$/, "")
