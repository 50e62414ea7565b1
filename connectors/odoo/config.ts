/**
 * What a user configures for an Odoo system: where it is, how to authenticate, which protocol
 * its version speaks, and the defaults its records are read with.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

/**
 * `json2`: the External JSON-2 API of Odoo 19+ (`POST /json/2/<model>/<method>`, bearer API key),
 * https://www.odoo.com/documentation/19.0/developer/reference/external_api.html.
 * `jsonrpc`: the `/jsonrpc` endpoint of Odoo 16–18 (`common.login`, then `object.execute_kw` with
 * the API key as password); deprecated in 19 and removed in 22.
 */
export const OdooProtocol = Schema.Literal("json2", "jsonrpc")
export type OdooProtocol = typeof OdooProtocol.Type

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+/, { message: () => "must be an http(s) URL, e.g. https://mycompany.odoo.com" }),
)

const OdooConfigFields = Schema.Struct({
  /** The server's origin, e.g. `https://mycompany.odoo.com` (no `/json/2` or `/jsonrpc` suffix). */
  baseUrl: HttpUrl,
  /** An API key (Preferences → Account Security → New API Key); with `jsonrpc` it is the password. */
  apiKey: Schema.Redacted(Schema.String),
  /** The database; sent as `X-Odoo-Database` (JSON-2, only needed when one server hosts several), required for `jsonrpc`. */
  database: Schema.optional(Schema.NonEmptyTrimmedString),
  /** Default `json2`; `jsonrpc` for Odoo 16–18. */
  protocol: Schema.optionalWith(OdooProtocol, { default: () => "json2" as const }),
  /** The login of the API key's user; required for `jsonrpc` (`common.login`). */
  username: Schema.optional(Schema.NonEmptyTrimmedString),
  /** The locale of the texts this system returns (default `en`); sent as context `lang` (`en` → `en_US`). */
  locale: Schema.optionalWith(Locale, { default: () => "en" }),
  /** The company currency (default `EUR`), used where a record carries none. */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** The channel name of orders entered in Odoo itself (default `odoo`). */
  channel: Schema.optionalWith(Key, { default: () => "odoo" }),
  /** The canonical price list the products' sales price (`lst_price`) maps to (default `default`). */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /** Records per `search_read` call (default 200; Odoo has no hard maximum, 2000 is our ceiling). */
  pageSize: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 2000)), { default: () => 200 }),
  /** Requests per second we send (default 10). Odoo has no documented limit; Odoo Online throttles bursts with 429. */
  rateLimit: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 10 }),
  /**
   * Whether product and pricelist prices include tax. Unset (the default), each price follows its
   * product's sales taxes (`price_include`), as Odoo itself reads the price.
   */
  pricesIncludeTax: Schema.optional(Schema.Boolean),
  /**
   * A char field of product.template that holds the product number, e.g. `x_studio_product_number`
   * (a custom field added with Odoo Studio). Odoo leaves `default_code` empty on templates with
   * several variants, so without such a field they get `odoo-tmpl-<id>`, which no PIM or shop
   * shares. Unset (the default), or empty on a template: `default_code`, then `odoo-tmpl-<id>`.
   */
  productNumberField: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^[a-z_][a-z0-9_]*$/, {
        message: () => "must be a technical field name, e.g. x_studio_product_number",
      }),
    ),
  ),
})

/** The decoded config of an Odoo system. */
export const OdooConfig = OdooConfigFields.pipe(
  Schema.filter((config) => {
    if (config.protocol !== "jsonrpc") return true
    if (config.username === undefined) {
      return { path: ["username"], message: "is required with protocol jsonrpc (common.login needs the user's login)" }
    }
    if (config.database === undefined) {
      return { path: ["database"], message: "is required with protocol jsonrpc (execute_kw names the database)" }
    }
    return true
  }),
)
export type OdooConfig = typeof OdooConfig.Type
/** What `odoo({...})` takes in `esl.config.ts`. */
export type OdooConfigInput = typeof OdooConfig.Encoded

// Odoo names languages `ll_CC`; a bare language gets its most common country.
const DEFAULT_COUNTRY: Readonly<Record<string, string>> = {
  en: "US",
  de: "DE",
  fr: "FR",
  es: "ES",
  it: "IT",
  nl: "NL",
  pt: "PT",
  da: "DK",
  sv: "SE",
  ja: "JP",
  zh: "CN",
}

/** The Odoo `lang` code for a BCP 47 locale: `en` → `en_US`, `de-AT` → `de_AT`. */
export const odooLang = (locale: string): string => {
  const [language = "en", region] = locale.split("-")
  if (region !== undefined && /^[A-Za-z]{2}$/.test(region)) return `${language}_${region.toUpperCase()}`
  return `${language}_${DEFAULT_COUNTRY[language] ?? language.toUpperCase()}`
}
