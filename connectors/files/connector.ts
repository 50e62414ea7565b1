/**
 * The Files connector: an ERP that exchanges products, prices and stock as export files in a
 * directory, local or on an SFTP server. Reads CSV (any delimiter, decimal comma, Windows-1252)
 * and JSON Lines through a column mapping per feed; moves read files to `processed/` once the
 * hub has committed them; writes exports atomically to `outbox/`.
 */
import { Effect, Redacted } from "effect"
import { type ConnectorContext, defineConnector } from "../../core/connector/index.ts"
import { type FeedName, FilesConfig, type FilesConfigInput } from "./config.ts"
import { filesSandbox } from "./sandbox/index.ts"
import { filesLookupTables } from "./schemas/tables.ts"
import { pricesSink, productsSink, stockSink } from "./sinks/index.ts"
import { describeSftp, openStore } from "./store/index.ts"
import { feedFiles } from "./streams/feed.ts"
import { pricesStream } from "./streams/prices.ts"
import { productsStream } from "./streams/products.ts"
import { stockStream } from "./streams/stock.ts"

/** What this connector speaks: RFC 4180 CSV, JSON Lines, and SFTP version 3. */
export const apiVersion = "csv-rfc4180+jsonl/sftp-v3"

const FEEDS: ReadonlyArray<FeedName> = ["products", "prices", "stock"]

const check = (ctx: ConnectorContext<FilesConfig>) =>
  Effect.scoped(
    Effect.gen(function* () {
      const store = yield* openStore(ctx)
      const counts: string[] = []
      for (const name of FEEDS) counts.push(`${name} ${(yield* feedFiles(store, ctx.config.feeds[name])).length}`)
      return { ok: true as const, detail: `${store.describe}: files waiting in the inboxes: ${counts.join(", ")}` }
    }),
  )

/** The Files connector declaration. */
export const filesConnector = defineConnector<FilesConfig, FilesConfigInput>({
  name: "files",
  displayName: "Files",
  category: "erp",
  apiVersion,
  docsUrl: "https://www.rfc-editor.org/rfc/rfc4180",
  config: FilesConfig,
  // No HTTP: the client core builds is never used. It gets the location as its base URL (for
  // messages) and the SFTP secrets, so the redactor keeps them out of logs and dead letters.
  http: (config) => {
    const location = config.location
    if (location.kind === "local") return { baseUrl: `file://${location.path}` }
    return {
      baseUrl: describeSftp(location),
      secrets: [location.password, location.privateKey, location.passphrase].flatMap((s) =>
        s === undefined ? [] : [Redacted.value(s)],
      ),
    }
  },
  defaults: (config) => ({
    locale: config.locale,
    currency: config.currency,
    channel: config.channel,
    priceList: config.priceList,
  }),
  lookupTables: filesLookupTables,
  check,
  streams: {
    products: productsStream,
    prices: pricesStream,
    stock: stockStream,
  },
  sinks: {
    products: productsSink,
    prices: pricesSink,
    stock: stockSink,
  },
  sandboxPort: 4018,
  sandbox: filesSandbox,
})
