/**
 * Reading a feed: the inbox's files matching the pattern, oldest first, each parsed whole and
 * handed out in pages of records.
 *
 * No record is lost and no file is read twice: a file is moved to `processed/` only once the
 * engine's committed cursor (`since`) is at or past its last row, at the start of the next read.
 * A run that dies after reading but before its commit leaves the cursor where it was, so the
 * file is still in the inbox and read again. Files must arrive with a modification time not
 * older than files already read (what writing or uploading a new file gives); a late file with
 * an older time than the cursor would count as read.
 */
import { Effect, Stream } from "effect"
import type { ConnectorContext, ConnectorError, ReadOptions } from "../../../core/connector/index.ts"
import type { Feed, FeedName, FilesConfig } from "../config.ts"
import { parseCsv } from "../format/csv.ts"
import { decodeText } from "../format/encoding.ts"
import { matchesPattern } from "../format/glob.ts"
import { parseJsonl } from "../format/jsonl.ts"
import type { ParsedRow } from "../format/rows.ts"
import { columnsOf } from "../schemas/fields.ts"
import { type FileRecord, type FileRow, lastLineOf } from "../schemas/record.ts"
import { type FileEntry, type FileStore, joinPath, openStore } from "../store/index.ts"
import { compareFiles, parsePosition } from "./position.ts"

/** Rows per page unless the engine asks for another size. */
export const DEFAULT_PAGE_SIZE = 500
const MAX_PAGE_SIZE = 5000

/** How a feed turns a file's rows into records: one per row, or consecutive rows grouped (a product's variants). */
export interface FeedShape {
  readonly feed: FeedName
  /** The field whose equal values in consecutive rows make one record; undefined: one row, one record. */
  readonly groupBy?: string
}

/** The parsed rows of a file's text. */
export const parseRows = (feed: Feed, bytes: Uint8Array): ReadonlyArray<ParsedRow> =>
  feed.format.kind === "csv"
    ? parseCsv(decodeText(bytes, feed.format.encoding), feed.format)
    : parseJsonl(decodeText(bytes, "utf-8"))

/** A file's records: rows under canonical field names, grouped when the feed groups. */
export const recordsOf = (
  shape: FeedShape,
  feed: Feed,
  entry: FileEntry,
  parsed: ReadonlyArray<ParsedRow>,
): ReadonlyArray<FileRecord> => {
  const columns = columnsOf(shape.feed, feed.columns)
  const rows = parsed.map((row): FileRow => {
    const values: Record<string, FileRow["values"][string]> = {}
    for (const [field, column] of Object.entries(columns)) {
      const cell = row.cells[column]
      if (cell !== undefined) values[field] = cell
    }
    return row.problem === undefined ? { line: row.line, values } : { line: row.line, values, problem: row.problem }
  })
  const options = {
    decimalSeparator: feed.values.decimalSeparator,
    ...(feed.values.thousandsSeparator !== undefined ? { thousandsSeparator: feed.values.thousandsSeparator } : {}),
    dateFormat: feed.values.dateFormat,
    timeZone: feed.values.timeZone,
  }
  const records: FileRecord[] = []
  const keyOf = (row: FileRow) => {
    if (shape.groupBy === undefined || row.problem !== undefined) return undefined
    const value = row.values[shape.groupBy]
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined
  }
  let open: { key: string; rows: FileRow[] } | undefined
  const flush = () => {
    const [first, ...rest] = open?.rows ?? []
    if (first)
      records.push({ file: entry.name, modifiedAt: entry.modifiedAt, rows: [first, ...rest], columns, options })
    open = undefined
  }
  for (const row of rows) {
    const key = keyOf(row)
    if (key !== undefined && open?.key === key) {
      open.rows.push(row)
      continue
    }
    flush()
    if (key !== undefined) open = { key, rows: [row] }
    else records.push({ file: entry.name, modifiedAt: entry.modifiedAt, rows: [row], columns, options })
  }
  flush()
  return records
}

/** `processed/<name>`, or with the time of the move in the name when a file of that name was processed before. */
const moveToProcessed = (store: FileStore, feed: Feed, name: string): Effect.Effect<void, ConnectorError> =>
  Effect.gen(function* () {
    const from = joinPath(feed.folders.inbox, name)
    let to = joinPath(feed.folders.processed, name)
    if (yield* store.exists(to)) {
      const dot = name.lastIndexOf(".")
      const stamp = new Date().toISOString().replace(/[-:.]/g, "")
      to = joinPath(
        feed.folders.processed,
        dot > 0 ? `${name.slice(0, dot)}.${stamp}${name.slice(dot)}` : `${name}.${stamp}`,
      )
    }
    yield* store.rename(from, to)
  })

/** The inbox's files of a feed, in the order their rows are positioned. */
export const feedFiles = (store: FileStore, feed: Feed): Effect.Effect<ReadonlyArray<FileEntry>, ConnectorError> =>
  store
    .list(feed.folders.inbox)
    .pipe(
      Effect.map((entries) =>
        entries
          .filter((e) => matchesPattern(feed.pattern, e.name))
          .sort((a, b) =>
            compareFiles(
              { at: Date.parse(a.modifiedAt), file: a.name },
              { at: Date.parse(b.modifiedAt), file: b.name },
            ),
          ),
      ),
    )

/**
 * The records of a feed after `since`, in pages; files the cursor wholly covers are moved to
 * `processed/` first and not read again.
 */
export const readFeed = (
  shape: FeedShape,
  ctx: ConnectorContext<FilesConfig>,
  options: ReadOptions,
): Stream.Stream<ReadonlyArray<FileRecord>, ConnectorError> =>
  Stream.unwrapScoped(
    Effect.gen(function* () {
      const store = yield* openStore(ctx)
      const feed = ctx.config.feeds[shape.feed]
      const pageSize = Math.min(Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
      const since = options.since === undefined ? undefined : parsePosition(options.since)
      const files = yield* feedFiles(store, feed)
      return Stream.fromIterable(files).pipe(
        Stream.mapEffect((entry) => unreadRecords(shape, store, feed, entry, since)),
        Stream.flatMap((records) => Stream.fromIterable(chunk(records, pageSize))),
      )
    }),
  )

const unreadRecords = (
  shape: FeedShape,
  store: FileStore,
  feed: Feed,
  entry: FileEntry,
  since: ReturnType<typeof parsePosition>,
): Effect.Effect<ReadonlyArray<FileRecord>, ConnectorError> =>
  Effect.gen(function* () {
    const order = since === undefined ? 1 : compareFiles({ at: Date.parse(entry.modifiedAt), file: entry.name }, since)
    if (order < 0) {
      // The committed cursor is in a later file: this one is wholly in the hub.
      yield* moveToProcessed(store, feed, entry.name)
      return []
    }
    const records = recordsOf(
      shape,
      feed,
      entry,
      parseRows(feed, yield* store.read(joinPath(feed.folders.inbox, entry.name))),
    )
    if (records.length === 0) {
      // A file without rows (a header only) has nothing to commit: done as soon as it is read.
      yield* moveToProcessed(store, feed, entry.name)
      return []
    }
    if (order > 0 || since === undefined) return records
    const unread = records.filter((r) => lastLineOf(r) > since.line)
    if (unread.length === 0) yield* moveToProcessed(store, feed, entry.name)
    return unread
  })

const chunk = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: A[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
