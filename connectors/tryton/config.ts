/**
 * What a user configures for a Tryton system: where the server is, the database and the user
 * to log in with, and the defaults its records are read and written with.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"

const HttpUrl = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+/, { message: () => "must be an http(s) URL, e.g. https://erp.example.com" }),
)

/** The decoded config of a Tryton system. */
export const TrytonConfig = Schema.Struct({
  /** The server's origin, e.g. `https://erp.example.com` (JSON-RPC goes to `<baseUrl>/<database>/`). */
  baseUrl: HttpUrl,
  /** The database name, the first segment of every JSON-RPC path. */
  database: Schema.NonEmptyTrimmedString,
  /** The login of the user esl works as (`common.db.login`). */
  username: Schema.NonEmptyTrimmedString,
  /** That user's password; only sent to `common.db.login`, which answers with a session. */
  password: Schema.Redacted(Schema.String),
  /** The language of the session and the texts read (default `en`): the third argument of `common.db.login`. */
  locale: Schema.optionalWith(Locale, { default: () => "en" }),
  /** The company currency (default `EUR`); also the currency sale orders are created in. */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** The channel name of sale orders entered in Tryton itself (default `tryton`). */
  channel: Schema.optionalWith(Key, { default: () => "tryton" }),
  /** The canonical price list the templates' `list_price` maps to (default `default`). */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /**
   * The code of the warehouse (a `stock.location` of type `warehouse`) sale orders ship from
   * (default `WH`, the warehouse the stock module creates).
   */
  warehouse: Schema.optionalWith(Key, { default: () => "WH" }),
  /**
   * The warehouses whose stock the inventory stream reads, by code. Unset (the default): every
   * warehouse that has a code.
   */
  warehouses: Schema.optional(Schema.Array(Key)),
  /** Records per `search_read` call (default 200; Tryton has no hard maximum, 1000 is our ceiling). */
  pageSize: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1000)), { default: () => 200 }),
  /** Requests per second we send (default 20). Tryton has no request limit; only logins are throttled. */
  rateLimit: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 20 }),
})
export type TrytonConfig = typeof TrytonConfig.Type
/** What `tryton({...})` takes in `esl.config.ts`. */
export type TrytonConfigInput = typeof TrytonConfig.Encoded
