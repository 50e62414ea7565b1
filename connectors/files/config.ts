/**
 * What a user configures for a Files system: where the directory is (local or over SFTP) and,
 * per entity, a feed: its folders, the file pattern, the file format and the column mapping.
 */
import { Schema } from "effect"
import { CurrencyCode, Key, Locale } from "../../core/model/index.ts"
import { DYNAMIC_PREFIXES, FEED_FIELDS } from "./schemas/fields.ts"

const NonEmpty = Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))

/** A folder on this machine. */
export const LocalLocation = Schema.Struct({
  kind: Schema.Literal("local"),
  /** The directory the feeds' folders are relative to. */
  path: NonEmpty,
})

/** A directory on an SFTP server (SSH File Transfer Protocol, version 3 as OpenSSH speaks it). */
export const SftpLocation = Schema.Struct({
  kind: Schema.Literal("sftp"),
  host: NonEmpty,
  /** Default 22. */
  port: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 65_535)), { default: () => 22 }),
  username: NonEmpty,
  password: Schema.optional(Schema.Redacted(Schema.String)),
  /** An OpenSSH or PEM private key (the key's text, not a file name). */
  privateKey: Schema.optional(Schema.Redacted(Schema.String)),
  passphrase: Schema.optional(Schema.Redacted(Schema.String)),
  /** The directory the feeds' folders are relative to, e.g. `/exports/erp`. */
  path: NonEmpty,
  /** Seconds to wait for the SSH handshake (default 20). */
  readyTimeoutSeconds: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 600)), { default: () => 20 }),
}).pipe(
  Schema.filter(
    (l) =>
      l.password !== undefined ||
      l.privateKey !== undefined || { path: ["password"], message: "set password or privateKey" },
  ),
)

export const Location = Schema.Union(LocalLocation, SftpLocation)
export type Location = typeof Location.Type
export type SftpLocation = typeof SftpLocation.Type

/** Comma-separated values (RFC 4180), as ERPs export them: German ones with `;` and decimal commas. */
export const CsvFormat = Schema.Struct({
  kind: Schema.Literal("csv"),
  /** Default `;` (what Excel and most German ERPs write). */
  delimiter: Schema.optionalWith(Schema.Literal(";", ",", "\t", "|"), { default: () => ";" as const }),
  /** Whether the first row names the columns (default true); without one, columns are `1`, `2`, … */
  header: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** `latin1` reads and writes Windows-1252 (ISO-8859-1 plus €), as older ERPs do. Default `utf-8`. */
  encoding: Schema.optionalWith(Schema.Literal("utf-8", "latin1"), { default: () => "utf-8" as const }),
})

/** One JSON object per line (https://jsonlines.org), always UTF-8. */
export const JsonlFormat = Schema.Struct({ kind: Schema.Literal("jsonl") })

export const FileFormat = Schema.Union(CsvFormat, JsonlFormat)
export type FileFormat = typeof FileFormat.Type

/** How cell texts are written: decimals, dates. */
export const ValueOptions = Schema.Struct({
  /** `,` for German exports (`12,90`). Default `.`. */
  decimalSeparator: Schema.optionalWith(Schema.Literal(",", "."), { default: () => "." as const }),
  /** A grouping separator to ignore when reading (`1.234,50`); never written. */
  thousandsSeparator: Schema.optional(Schema.Literal(".", ",", " ", "'")),
  /**
   * `iso` (ISO 8601, with or without offset), or a pattern of `dd`, `MM`, `yyyy`, `HH`, `mm`,
   * `ss` such as `dd.MM.yyyy HH:mm`. Default `iso`.
   */
  dateFormat: Schema.optionalWith(
    NonEmpty.pipe(
      Schema.filter((f) => f === "iso" || /yyyy/.test(f) || "must be `iso` or a pattern with yyyy, MM, dd"),
    ),
    { default: () => "iso" },
  ),
  /** The IANA time zone of dates without an offset (default `Europe/Berlin`). */
  timeZone: Schema.optionalWith(NonEmpty, { default: () => "Europe/Berlin" }),
})
export type ValueOptions = typeof ValueOptions.Type

const Folder = NonEmpty.pipe(
  Schema.filter((f) => !f.split("/").includes("..") || "must stay inside the location (no `..`)"),
)

/** Where a feed's files live, relative to the location's path. */
export const Folders = Schema.Struct({
  /** Read from here (default `inbox`). */
  inbox: Schema.optionalWith(Folder, { default: () => "inbox" }),
  /** Read files are moved here once the hub has committed them (default `processed`). */
  processed: Schema.optionalWith(Folder, { default: () => "processed" }),
  /** Exports are written here (default `outbox`). */
  outbox: Schema.optionalWith(Folder, { default: () => "outbox" }),
})

/** One entity's files: where, which, in what format, and which column holds which field. */
export const Feed = Schema.Struct({
  folders: Schema.optionalWith(Folders, {
    default: () => ({ inbox: "inbox", processed: "processed", outbox: "outbox" }),
  }),
  /** Which files in the inbox belong to this feed: `*` any characters, `?` one (e.g. `prices-*.csv`). */
  pattern: NonEmpty,
  format: FileFormat,
  /**
   * Canonical field → column name, e.g. `{ sku: "Artikelnummer", amount: "VK brutto" }`. A
   * field without an entry is read from (and written to) the column of its own name.
   */
  columns: Schema.optionalWith(Schema.Record({ key: Schema.String, value: NonEmpty }), { default: () => ({}) }),
  values: Schema.optionalWith(ValueOptions, {
    default: () => ({ decimalSeparator: "." as const, dateFormat: "iso", timeZone: "Europe/Berlin" }),
  }),
  /** The start of exported file names (default: the feed's name, e.g. `prices`). */
  exportPrefix: Schema.optional(
    NonEmpty.pipe(Schema.pattern(/^[\w.-]+$/, { message: () => "letters, digits, `.`, `-`, `_` only" })),
  ),
})
export type Feed = typeof Feed.Type
export type FeedInput = typeof Feed.Encoded

/** The feeds a Files system has: one per entity it reads and writes. */
export type FeedName = "products" | "prices" | "stock"

const defaultFeed = (name: FeedName): Feed => ({
  folders: { inbox: "inbox", processed: "processed", outbox: "outbox" },
  pattern: `${name}*.csv`,
  format: { kind: "csv", delimiter: ";", header: true, encoding: "utf-8" },
  columns: {},
  values: { decimalSeparator: ".", dateFormat: "iso", timeZone: "Europe/Berlin" },
})

const FilesConfigFields = Schema.Struct({
  location: Location,
  feeds: Schema.optionalWith(
    Schema.Struct({
      products: Schema.optionalWith(Feed, { default: () => defaultFeed("products") }),
      prices: Schema.optionalWith(Feed, { default: () => defaultFeed("prices") }),
      stock: Schema.optionalWith(Feed, { default: () => defaultFeed("stock") }),
    }),
    {
      default: () => ({
        products: defaultFeed("products"),
        prices: defaultFeed("prices"),
        stock: defaultFeed("stock"),
      }),
    },
  ),
  /** The locale of the files' texts (default `de`). */
  locale: Schema.optionalWith(Locale, { default: () => "de" }),
  /** The currency of prices whose row names none (default `EUR`). */
  currency: Schema.optionalWith(CurrencyCode, { default: () => "EUR" }),
  /** The channel name of this system (default `files`). */
  channel: Schema.optionalWith(Key, { default: () => "files" }),
  /** The price list of prices whose row names none (default `default`). */
  priceList: Schema.optionalWith(Key, { default: () => "default" }),
  /** Whether prices include tax when no `taxIncluded` column says so (default true: gross, `VK brutto`). */
  pricesIncludeTax: Schema.optionalWith(Schema.Boolean, { default: () => true }),
})

/** The decoded config of a Files system; a column mapping naming a field its feed lacks fails at start. */
export const FilesConfig = FilesConfigFields.pipe(
  Schema.filter((config) => {
    for (const name of ["products", "prices", "stock"] as const) {
      for (const field of Object.keys(config.feeds[name].columns)) {
        const known = FEED_FIELDS[name].includes(field) || DYNAMIC_PREFIXES[name].some((p) => field.startsWith(p))
        if (!known) {
          return {
            path: ["feeds", name, "columns", field],
            message: `${name} has no field "${field}"; fields: ${[...FEED_FIELDS[name], ...DYNAMIC_PREFIXES[name].map((p) => `${p}<name>`)].join(", ")}`,
          }
        }
      }
    }
    return true
  }),
)
export type FilesConfig = typeof FilesConfig.Type
/** What `files({...})` takes in `esl.config.ts`. */
export type FilesConfigInput = typeof FilesConfig.Encoded
