/**
 * Export sinks: each batch becomes one new file in the feed's `outbox/`, named
 * `<prefix>-<UTC time>-<random>.<csv|jsonl>`, written atomically (see `writeAtomic`), in the
 * feed's format, columns and encoding.
 *
 * Exports are append-only: a directory has no records to find, so `lookup` links nothing and
 * every record of a batch is written; the record's natural key is its id there.
 */
import { randomBytes } from "node:crypto"
import { Effect } from "effect"
import { defineSink, type SinkDefinition, type WriteOutcome } from "../../../core/connector/index.ts"
import type { EntityName } from "../../../core/model/index.ts"
import type { Feed, FeedName, FilesConfig } from "../config.ts"
import { writeCsv } from "../format/csv.ts"
import { encodeText } from "../format/encoding.ts"
import { writeJsonl } from "../format/jsonl.ts"
import type { Cell } from "../format/rows.ts"
import { columnsOf, FEED_FIELDS } from "../schemas/fields.ts"
import type { FileRecord } from "../schemas/record.ts"
import { openStore, writeAtomic } from "../store/index.ts"

/** Records per exported file. */
export const EXPORT_BATCH_SIZE = 1000

/** `prices-20261130T081500Z-3fa2c1.csv` */
export const exportFileName = (prefix: string, feed: Feed, now: Date = new Date()): string => {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")
  return `${prefix}-${stamp}-${randomBytes(3).toString("hex")}.${feed.format.kind === "csv" ? "csv" : "jsonl"}`
}

/** The file's text: rows under the feed's column names, columns in the feed's field order. */
export const exportText = (
  feedName: FeedName,
  feed: Feed,
  rows: ReadonlyArray<Readonly<Record<string, Cell>>>,
): string => {
  const mapping = columnsOf(feedName, feed.columns)
  const present = new Set(rows.flatMap((row) => Object.keys(row)))
  const fixed = FEED_FIELDS[feedName].filter((f) => present.has(f))
  const dynamic = [...present].filter((f) => !FEED_FIELDS[feedName].includes(f)).sort()
  const fields = [...fixed, ...dynamic]
  const columnOf = (field: string) => mapping[field] ?? field.replace(/^(option|attribute):/, "")
  const renamed = rows.map((row) =>
    Object.fromEntries(fields.flatMap((f) => (f in row ? [[columnOf(f), row[f] ?? null]] : []))),
  )
  return feed.format.kind === "csv" ? writeCsv(fields.map(columnOf), renamed, feed.format) : writeJsonl(renamed)
}

/** A sink writing one entity's exports to a feed's outbox. */
export const exportSink = (
  feedName: FeedName,
  entity: EntityName,
  description: string,
): SinkDefinition<FilesConfig, FileRecord> =>
  defineSink<FilesConfig, FileRecord>({
    entity,
    description,
    maxBatchSize: EXPORT_BATCH_SIZE,
    operations: ["upsert"],
    lookup: () => Effect.succeed(new Map<string, string>()),
    write: (ctx, items) =>
      Effect.scoped(
        Effect.gen(function* () {
          if (items.length === 0) return []
          const feed = ctx.config.feeds[feedName]
          const store = yield* openStore(ctx)
          const text = exportText(
            feedName,
            feed,
            items.flatMap((item) => item.payload.rows.map((row) => row.values)),
          )
          const encoding = feed.format.kind === "csv" ? feed.format.encoding : "utf-8"
          yield* writeAtomic(
            store,
            feed.folders.outbox,
            exportFileName(feed.exportPrefix ?? feedName, feed),
            encodeText(text, encoding),
          )
          return items.map(
            (item): WriteOutcome => ({
              naturalKey: item.naturalKey,
              ok: true,
              externalId: item.naturalKey,
              action: item.externalId === undefined ? "created" : "updated",
            }),
          )
        }),
      ),
  })
