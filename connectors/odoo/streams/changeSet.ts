/**
 * Streams whose record is assembled from several models: a product template with its variants,
 * a customer with its addresses, a variant's price set on its template. Odoo does not touch the
 * parent's write_date when only a child changes, so ordering by the parent's write_date would
 * put a product whose variant changed yesterday at its template's date of last month: behind a
 * cursor that has long passed it, or out of order if the domain dragged it in
 * (`('product_variant_ids.write_date', '>', at)` finds it, but at the wrong place).
 *
 * So the read goes in two steps. First it scans the (id, write_date) of every changed parent
 * and child since the cursor (light, keyset-paged calls) and gives each parent its effective
 * time: the latest write_date among it and its children. Then it sorts the parents by
 * (effective time, id), the order positions promise, and loads them a page at a time. A record
 * that changes again between the two steps keeps its scanned position; its newer write_date is
 * past the cursor, so the next run reads it again: a repeat, never a miss.
 */
import { Chunk, Effect, type Schema, Stream } from "effect"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import type { OdooClient } from "../client.ts"
import { type Domain, isAfter, keysetPages, type OdooPosition } from "./keyset.ts"

/** One model to scan for changes, and which parents a changed record belongs to. */
export interface ChangeScan<A extends { readonly id: number; readonly write_date: string }, I, K> {
  readonly model: string
  readonly domain: Domain
  readonly fields: ReadonlyArray<string>
  readonly schema: Schema.Schema<A, I>
  readonly parentsOf: (record: A) => ReadonlyArray<K>
  /** What orders parents changed in the same second: their own id (`byParentId`), or the changed record's. */
  readonly tieBreakOf: (record: A, parent: K) => number
  readonly context?: Readonly<Record<string, unknown>>
}

/** Parents that are records with an id break ties by it. */
export const byParentId = (_record: unknown, parent: number): number => parent

/** A parent to load, at its effective position. */
export interface ChangedParent<K = number> {
  readonly key: K
  /** The latest write_date of the parent and its children (Odoo format). */
  readonly changedAt: string
  /** The id of its place among parents changed in the same second. */
  readonly tieBreak: number
}

const toPosition = (parent: ChangedParent<unknown>): OdooPosition => ({
  writeDate: parent.changedAt,
  id: parent.tieBreak,
})

/** Every parent changed after `since`, in (effective write_date, tie-break id) order. */
export const changedParents = <K>(
  client: OdooClient,
  system: string,
  // biome-ignore lint/suspicious/noExplicitAny: scans of different record types share one list; each is checked where declared.
  scans: ReadonlyArray<ChangeScan<any, any, K>>,
  since: OdooPosition | undefined,
  pageSize: number,
): Effect.Effect<ReadonlyArray<ChangedParent<K>>, ConnectorError> =>
  Effect.gen(function* () {
    const latest = new Map<K, ChangedParent<K>>()
    for (const scan of scans) {
      const pages = keysetPages({
        client,
        system,
        model: scan.model,
        schema: scan.schema,
        fields: [...scan.fields, "write_date"],
        // Inclusive: a parent at exactly `since.at` may still be after the cursor by its id.
        domain: [...scan.domain, ...(since === undefined ? [] : [["write_date", ">=", since.writeDate]])],
        since: undefined,
        pageSize,
        ...(scan.context === undefined ? {} : { context: scan.context }),
      })
      yield* Stream.runForEach(pages, (records) =>
        Effect.sync(() => {
          for (const record of records) {
            for (const key of scan.parentsOf(record)) {
              const candidate = { key, changedAt: record.write_date, tieBreak: scan.tieBreakOf(record, key) }
              const known = latest.get(key)
              if (known === undefined || isAfter(toPosition(candidate), toPosition(known))) latest.set(key, candidate)
            }
          }
        }),
      )
    }
    return [...latest.values()]
      .filter((parent) => isAfter(toPosition(parent), since))
      .sort((a, b) => (isAfter(toPosition(a), toPosition(b)) ? 1 : -1))
  })

/** Loads the changed parents `pageSize` at a time, in their order. */
export const loadInPages = <Raw, K>(
  parents: ReadonlyArray<ChangedParent<K>>,
  pageSize: number,
  load: (page: ReadonlyArray<ChangedParent<K>>) => Effect.Effect<ReadonlyArray<Raw>, ConnectorError>,
): Stream.Stream<ReadonlyArray<Raw>, ConnectorError> =>
  Stream.fromIterable(parents).pipe(
    Stream.grouped(pageSize),
    Stream.mapEffect((page) => load(Chunk.toReadonlyArray(page))),
    Stream.filter((records) => records.length > 0),
  )
