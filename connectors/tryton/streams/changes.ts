/**
 * Finding what changed since a cursor. Tryton leaves `write_date` NULL until a record is first
 * written, so "changed since" is `write_date >= t OR create_date >= t`, and a record's time is
 * `write_date ?? create_date`. A stream record is often assembled from several models (a
 * template and its variants, a party and its addresses); Tryton does not touch the parent when
 * only a child changes, so each model is scanned on its own and every parent takes the latest
 * time among itself and its changed children.
 *
 * The scan reads only ids and dates, keyset-paged by id (a record created during the scan is
 * found at its end; one deleted does not shift the pages). The parents are then sorted by
 * (time, id), the order positions promise, and loaded a page at a time. A record that changes
 * again meanwhile keeps its scanned position; its newer time lies past the cursor, so the next
 * run reads it again: a repeat, never a miss.
 */
import { Chunk, Effect, Option, Schema, Stream } from "effect"
import type { StreamCursor } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { paginate } from "../../../core/http/index.ts"
import { compareInstants } from "../../../core/model/index.ts"
import { type Domain, searchRead, type TrytonClient, type TrytonContext } from "../client.ts"
import { dateTimeOf, instantOfDateTime, TrytonDateTime, TrytonId } from "../schemas/values.ts"

/** A parent to load, at the time of its latest change. */
export interface Changed {
  readonly id: number
  /** Hub instant (microseconds kept). */
  readonly at: string
}

/** `(a.at, a.id)` compared with `(b.at, b.id)`. */
export const compareChanged = (a: Changed, b: Changed): number => compareInstants(a.at, b.at) || a.id - b.id

/** One model to scan, and which parent each changed record belongs to. */
export interface ChangeScan {
  readonly model: string
  readonly domain: Domain
  /** The many2one naming the parent (`template`, `party`), or undefined when the record is its own parent. */
  readonly parentField?: string
  readonly context?: TrytonContext
}

const ScanRecord = Schema.Struct(
  { id: TrytonId, create_date: TrytonDateTime, write_date: Schema.NullOr(TrytonDateTime) },
  Schema.Record({ key: Schema.String, value: Schema.Unknown }),
)

/** `write_date >= at OR create_date >= at`: changed or created since (inclusive). */
export const changedSince = (at: string): Domain => {
  const when = dateTimeOf(at)
  return ["OR", ["write_date", ">=", when], ["create_date", ">=", when]]
}

/** The cursor as a Changed; an id that is not a number repeats records rather than skipping them. */
export const changedOfCursor = (cursor: StreamCursor | undefined): Changed | undefined => {
  if (cursor === undefined) return undefined
  const id = Number(cursor.id)
  return { at: cursor.at, id: Number.isInteger(id) ? id : 0 }
}

/** Every parent changed after `since`, in (time, id) order. */
export const changedParents = (
  client: TrytonClient,
  scans: ReadonlyArray<ChangeScan>,
  since: Changed | undefined,
  pageSize: number,
): Effect.Effect<ReadonlyArray<Changed>, ConnectorError> =>
  Effect.gen(function* () {
    const latest = new Map<number, string>()
    for (const scan of scans) {
      const fields = ["create_date", "write_date", ...(scan.parentField === undefined ? [] : [scan.parentField])]
      const pages = paginate(
        0,
        (afterId: number) =>
          // https://docs.tryton.org/projects/server/en/6.0/ref/models/models.html#trytond.model.ModelStorage.search_read
          searchRead(client, scan.model, ScanRecord, {
            domain: [...scan.domain, ["id", ">", afterId], ...(since === undefined ? [] : [changedSince(since.at)])],
            fields,
            limit: pageSize,
            order: [["id", "ASC"]],
            ...(scan.context === undefined ? {} : { context: scan.context }),
          }).pipe(
            Effect.map((records) => ({
              items: records,
              next: records.length < pageSize ? Option.none<number>() : Option.fromNullable(records.at(-1)?.id),
            })),
          ),
        { system: client.system, operation: `${scan.model}.search_read` },
      )
      yield* Stream.runForEach(pages, (records) =>
        Effect.sync(() => {
          for (const record of records) {
            const parent = scan.parentField === undefined ? record.id : record[scan.parentField]
            if (typeof parent !== "number") continue
            const at = instantOfDateTime(record.write_date ?? record.create_date)
            const known = latest.get(parent)
            if (known === undefined || compareInstants(at, known) > 0) latest.set(parent, at)
          }
        }),
      )
    }
    return [...latest]
      .map(([id, at]) => ({ id, at }))
      .filter((changed) => since === undefined || compareChanged(changed, since) > 0)
      .sort(compareChanged)
  })

/** Loads the changed parents `pageSize` at a time, in their order; empty pages are dropped. */
export const loadInPages = <Raw>(
  parents: ReadonlyArray<Changed>,
  pageSize: number,
  load: (page: ReadonlyArray<Changed>) => Effect.Effect<ReadonlyArray<Raw>, ConnectorError>,
): Stream.Stream<ReadonlyArray<Raw>, ConnectorError> =>
  Stream.fromIterable(parents).pipe(
    Stream.grouped(pageSize),
    Stream.mapEffect((page) => load(Chunk.toReadonlyArray(page))),
    Stream.filter((records) => records.length > 0),
  )

/** Records per call: the read's wish, else the config's, within what we allow. */
export const pageSizeOf = (configured: number, wished: number | undefined): number =>
  Math.min(1000, Math.max(1, Math.trunc(wished ?? configured)))
