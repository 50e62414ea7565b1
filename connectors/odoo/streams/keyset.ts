/**
 * Reading a model in (write_date, id) order, page by page. Each page asks for the records after
 * the last one of the previous page (keyset paging) rather than for an offset: a record edited
 * during the read moves to the end instead of shifting every later record one place back, which
 * with offsets makes one record at each page boundary go unread.
 */
import { Effect, Option, Schema, type Stream } from "effect"
import type { ReadOptions, StreamCursor } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { paginate } from "../../../core/http/index.ts"
import { asConnectorError, callAs, type OdooClient } from "../client.ts"
import type { OdooConfig } from "../config.ts"
import { fromOdooDatetime, toOdooDatetime } from "../schemas/fields.ts"

/** An Odoo domain: prefix-notation terms, implicitly and-ed. */
export type Domain = ReadonlyArray<unknown>

/** A position in Odoo's terms. */
export interface OdooPosition {
  readonly writeDate: string
  readonly id: number
}

/** Stream order: what every incremental stream sorts by. */
export const CHANGE_ORDER = "write_date asc, id asc"

/** Records strictly after a position: `write_date > at OR (write_date = at AND id > id)`. */
export const after = (position: OdooPosition | undefined): Domain =>
  position === undefined
    ? []
    : [
        "|",
        ["write_date", ">", position.writeDate],
        "&",
        ["write_date", "=", position.writeDate],
        ["id", ">", position.id],
      ]

/** The engine's cursor in Odoo's terms. An id that is not a number repeats records rather than skipping them. */
export const positionFromCursor = (cursor: StreamCursor | undefined): OdooPosition | undefined => {
  if (cursor === undefined) return undefined
  const id = Number(cursor.id)
  return { writeDate: toOdooDatetime(cursor.at), id: Number.isInteger(id) ? id : 0 }
}

/** The engine's cursor for a record at `writeDate` with `id`. */
export const cursorOf = (writeDate: string, id: number | string): StreamCursor => ({
  at: fromOdooDatetime(writeDate),
  id: String(id),
})

/** `(a, id)` strictly after `(b, id)`. */
export const isAfter = (position: OdooPosition, since: OdooPosition | undefined): boolean =>
  since === undefined ||
  position.writeDate > since.writeDate ||
  (position.writeDate === since.writeDate && position.id > since.id)

/** The latest write_date among records and `first` (Odoo datetimes sort as strings). */
export const latestWriteDate = (first: string, records: ReadonlyArray<{ readonly write_date: string }>): string => {
  let latest = first
  for (const record of records) if (record.write_date > latest) latest = record.write_date
  return latest
}

/** Records per call: the read's wish, else the config's, within what we allow. */
export const pageSizeOf = (config: OdooConfig, options: ReadOptions): number =>
  Math.min(2000, Math.max(1, Math.trunc(options.pageSize ?? config.pageSize)))

/** What a keyset-paged read needs: the model, its record schema, fields, domain, and where to start. */
export interface KeysetRead<A extends { readonly id: number; readonly write_date: string }, I> {
  readonly client: OdooClient
  readonly system: string
  readonly model: string
  readonly schema: Schema.Schema<A, I>
  readonly fields: ReadonlyArray<string>
  readonly domain: Domain
  readonly since: OdooPosition | undefined
  readonly pageSize: number
  readonly context?: Readonly<Record<string, unknown>>
}

/** Pages of `model` records after `since`, in (write_date, id) order. */
export const keysetPages = <A extends { readonly id: number; readonly write_date: string }, I>(
  read: KeysetRead<A, I>,
): Stream.Stream<ReadonlyArray<A>, ConnectorError> =>
  paginate<OdooPosition | undefined, A, ConnectorError, never>(
    read.since,
    (position) =>
      // https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#odoo.models.Model.search_read
      callAs(read.client, read.system, Schema.Array(read.schema), read.model, "search_read", {
        domain: [...read.domain, ...after(position)],
        fields: read.fields,
        order: CHANGE_ORDER,
        limit: read.pageSize,
        ...(read.context === undefined ? {} : { context: read.context }),
      }).pipe(
        Effect.mapError(asConnectorError),
        Effect.map((items) => {
          const last = items.at(-1)
          return {
            items,
            next:
              items.length < read.pageSize || last === undefined
                ? Option.none()
                : Option.some<OdooPosition | undefined>({ writeDate: last.write_date, id: last.id }),
          }
        }),
      ),
    { system: read.system, operation: `${read.model}.search_read` },
  )

/**
 * One `search_read` without a limit: for the records a page refers to (its variants, its
 * products' SKUs), which are few, so one batched call per page and never one per record.
 */
export const searchRead = <A, I>(
  client: OdooClient,
  system: string,
  model: string,
  schema: Schema.Schema<A, I>,
  params: {
    readonly domain: Domain
    readonly fields: ReadonlyArray<string>
    readonly context?: Readonly<Record<string, unknown>>
  },
): Effect.Effect<ReadonlyArray<A>, ConnectorError> =>
  // https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#odoo.models.Model.search_read
  callAs(client, system, Schema.Array(schema), model, "search_read", params).pipe(Effect.mapError(asConnectorError))

/**
 * Goods only: service products (shipping, discounts, fees) are how Odoo books order lines that
 * are not goods; channels have their own notion of those, so catalog streams leave them out.
 */
export const GOODS = ["type", "!=", "service"] as const

/** Archived records too: a product archived in Odoo is a product with status `archived`, not a gone one. */
export const WITH_ARCHIVED = { active_test: false } as const
