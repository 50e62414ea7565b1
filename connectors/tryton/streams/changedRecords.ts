/**
 * The shape every incremental Tryton stream shares: scan its models for what changed since the
 * cursor (`changedParents`), load the changed parents a page at a time with their children, and
 * place each record by (changed_at, id). A stream declares only what is its own: which models
 * to scan and how to load a page.
 */
import { Effect, Stream } from "effect"
import { defineStream, type StreamCursor, type StreamDefinition } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { compareInstants, type EntityName } from "../../../core/model/index.ts"
import { type Order, type TrytonClient, trytonClient } from "../client.ts"
import type { TrytonConfig } from "../config.ts"
import { changedAt, type TrytonDateTime } from "../schemas/values.ts"
import { type Changed, type ChangeScan, changedOfCursor, changedParents, loadInPages, pageSizeOf } from "./changes.ts"

/** A record placed by the latest change among its parent and children. */
export interface ChangedRecord {
  readonly id: number
  /** Hub instant of the latest change. */
  readonly changed_at: string
}

/** Loads records of the given parents, in their order (a parent gone since the scan is skipped). */
export type LoadChanged<Raw> = (
  client: TrytonClient,
  parents: ReadonlyArray<Changed>,
  config: TrytonConfig,
) => Effect.Effect<ReadonlyArray<Raw>, ConnectorError>

/** What an incremental Tryton stream declares of its own. */
export interface ChangedRecordsDefinition<Raw extends ChangedRecord> {
  readonly entity: EntityName
  readonly description: string
  /** The models whose changes bring a parent back; a function when they depend on the database. */
  readonly models:
    | ReadonlyArray<ChangeScan>
    | ((client: TrytonClient) => Effect.Effect<ReadonlyArray<ChangeScan>, ConnectorError>)
  /** With `at: ""` (a read by id, no scan) the loader works out `changed_at` from the records themselves. */
  readonly load: LoadChanged<Raw>
  /** Where a record sits; by default (changed_at, id). */
  readonly positionOf?: (raw: Raw) => StreamCursor
  /** By default the records of these parent ids, loaded as by the stream. */
  readonly readByIds?: StreamDefinition<TrytonConfig, Raw>["readByIds"]
}

/** Parents named by id rather than found by a scan: `load` dates them itself. */
export const unscanned = (ids: ReadonlyArray<number | string>): ReadonlyArray<Changed> =>
  ids.map((id) => ({ id: Number(id), at: "" }))

/** An incremental stream of records found by `changedParents` and loaded by `definition.load`. */
export const changedRecordsStream = <Raw extends ChangedRecord>(
  definition: ChangedRecordsDefinition<Raw>,
): StreamDefinition<TrytonConfig, Raw> => {
  const { models, load } = definition
  const scansOf = (client: TrytonClient) => (typeof models === "function" ? models(client) : Effect.succeed(models))
  return defineStream<TrytonConfig, Raw>({
    entity: definition.entity,
    description: definition.description,
    incremental: true,
    idOf: (raw) => String(raw.id),
    positionOf: definition.positionOf ?? ((raw) => ({ at: raw.changed_at, id: String(raw.id) })),
    read: (ctx, options) => {
      const client = trytonClient(ctx)
      const pageSize = pageSizeOf(ctx.config.pageSize, options.pageSize)
      return Stream.unwrap(
        Effect.gen(function* () {
          const scans = yield* scansOf(client)
          const parents = yield* changedParents(client, scans, changedOfCursor(options.since), pageSize)
          return loadInPages(parents, pageSize, (page) => load(client, page, ctx.config))
        }),
      )
    },
    readByIds: definition.readByIds ?? ((ctx, ids) => load(trytonClient(ctx), unscanned(ids), ctx.config)),
  })
}

/**
 * The loaded parents in the order of `changed`, each made into its records with the time of its
 * change; a parent not loaded (deleted or filtered out since the scan) yields none.
 */
export const inChangedOrder = <Parent extends { readonly id: number }, Raw>(
  changed: ReadonlyArray<Changed>,
  parents: ReadonlyArray<Parent>,
  recordsOf: (parent: Parent, at: string) => ReadonlyArray<Raw>,
): ReadonlyArray<Raw> => {
  const byId = new Map(parents.map((parent) => [parent.id, parent]))
  return changed.flatMap((c) => {
    const parent = byId.get(c.id)
    return parent === undefined ? [] : recordsOf(parent, c.at)
  })
}

/** The latest of instants (string order is wrong for them: `…:19Z` sorts after `…:19.5Z`). */
export const latestInstant = (first: string, others: ReadonlyArray<string>): string =>
  others.reduce((max, at) => (compareInstants(at, max) > 0 ? at : max), first)

interface Dated {
  readonly create_date: TrytonDateTime
  readonly write_date: TrytonDateTime | null
}

/** The scanned time of a parent; for one read by id (`at: ""`), the latest change of it and its children. */
export const changedAtOf = (at: string, parent: Dated, children: ReadonlyArray<Dated>): string =>
  at === "" ? latestInstant(changedAt(parent), children.map(changedAt)) : at

/** Children in the order the user arranged them in Tryton (their `sequence` handle), ties by id. */
export const IN_SEQUENCE: Order = [
  ["sequence", "ASC"],
  ["id", "ASC"],
]
