/**
 * Incremental Criteria searches. Shopware leaves `updatedAt` null until a row is first updated,
 * so "changed since" is two searches: never-updated rows by `createdAt`, updated rows by
 * `updatedAt`. Each is sorted by its timestamp and id and paged with `page`/`limit`; the two are
 * merged into one stream ordered by (updatedAt ?? createdAt, id), as the engine's cursor needs.
 */
import { Effect, Option, type Schema, type Stream } from "effect"
import type { ConnectorError, ReadOptions, StreamCursor } from "../../../core/connector/index.ts"
import { paginate } from "../../../core/http/index.ts"
import { compareInstants, toInstant } from "../../../core/model/index.ts"
import { type Criteria, type CriteriaFilter, MAX_SEARCH_LIMIT, type ShopwareContext, search } from "../client.ts"

/** A record with Shopware's two timestamps. */
export interface Stamped {
  readonly id: string
  readonly createdAt: string
  readonly updatedAt: string | null
}

/** (updatedAt ?? createdAt, id) in UTC. */
export const positionOfStamped = (raw: Stamped): StreamCursor => ({
  at: toInstant(raw.updatedAt ?? raw.createdAt),
  id: raw.id,
})

const comparePosition = (a: StreamCursor, b: StreamCursor): number =>
  compareInstants(a.at, b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** A page size from read options: default 100, at most `MAX_SEARCH_LIMIT`. */
export const clampLimit = (pageSize: number | undefined): number =>
  Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(pageSize ?? 100)))

interface Source<A> {
  readonly page: number
  readonly buffer: ReadonlyArray<A>
  readonly done: boolean
}
interface MergeToken<A> {
  readonly step: number
  readonly fresh: Source<A>
  readonly updated: Source<A>
}

/** Shopware's DAL compares dates as `Y-m-d H:i:s.v` strings; this is that format in UTC. */
const dalTime = (at: string): string => at.replace("T", " ").replace("Z", "")

/**
 * Every record of `entity` changed at or after `since` (all records without it), in
 * (updatedAt ?? createdAt, id) order, one array per page.
 */
export const incrementalSearch = <A extends Stamped, I>(
  ctx: ShopwareContext,
  entity: string,
  schema: Schema.Schema<A, I>,
  options: ReadOptions,
  criteria: Pick<Criteria, "associations" | "includes"> = {},
  enrich: (page: ReadonlyArray<A>) => Effect.Effect<ReadonlyArray<A>, ConnectorError> = Effect.succeed,
): Stream.Stream<ReadonlyArray<A>, ConnectorError> => {
  const limit = clampLimit(options.pageSize)
  const since = options.since === undefined ? undefined : dalTime(options.since.at)
  const neverUpdated: ReadonlyArray<CriteriaFilter> = [
    { type: "equals", field: "updatedAt", value: null },
    ...(since === undefined ? [] : [{ type: "range" as const, field: "createdAt", parameters: { gte: since } }]),
  ]
  const updated: ReadonlyArray<CriteriaFilter> = [
    { type: "range", field: "updatedAt", parameters: { gte: since ?? "1970-01-01 00:00:00.000" } },
  ]
  const fill = (filter: ReadonlyArray<CriteriaFilter>, stamp: "createdAt" | "updatedAt", source: Source<A>) =>
    source.buffer.length > 0 || source.done
      ? Effect.succeed(source)
      : search(
          ctx,
          entity,
          {
            ...criteria,
            page: source.page,
            limit,
            filter,
            sort: [
              { field: stamp, order: "ASC" },
              { field: "id", order: "ASC" },
            ],
            "total-count-mode": "none",
          },
          schema,
        ).pipe(Effect.map((items) => ({ page: source.page + 1, buffer: items, done: items.length < limit })))

  const first: MergeToken<A> = {
    step: 0,
    fresh: { page: 1, buffer: [], done: false },
    updated: { page: 1, buffer: [], done: false },
  }
  return paginate(
    first,
    (token: MergeToken<A>) =>
      Effect.gen(function* () {
        let fresh = yield* fill(neverUpdated, "createdAt", token.fresh)
        let changed = yield* fill(updated, "updatedAt", token.updated)
        const out: A[] = []
        while (out.length < limit) {
          const a = fresh.buffer[0]
          const b = changed.buffer[0]
          // A source whose buffer ran dry but has more pages must be refilled before we can compare.
          if ((a === undefined && !fresh.done) || (b === undefined && !changed.done)) break
          if (a === undefined && b === undefined) break
          const takeFresh =
            b === undefined || (a !== undefined && comparePosition(positionOfStamped(a), positionOfStamped(b)) <= 0)
          if (takeFresh && a !== undefined) {
            out.push(a)
            fresh = { ...fresh, buffer: fresh.buffer.slice(1) }
          } else if (b !== undefined) {
            out.push(b)
            changed = { ...changed, buffer: changed.buffer.slice(1) }
          }
        }
        const exhausted = fresh.done && fresh.buffer.length === 0 && changed.done && changed.buffer.length === 0
        const items = out.length === 0 ? out : yield* enrich(out)
        return {
          items,
          next: exhausted ? Option.none() : Option.some({ step: token.step + 1, fresh, updated: changed }),
        }
      }),
    { system: ctx.system, operation: `search ${entity}` },
  )
}

/** Records of `entity` by id, in chunks of the search limit. */
export const searchByIds = <A, I>(
  ctx: ShopwareContext,
  entity: string,
  schema: Schema.Schema<A, I>,
  ids: ReadonlyArray<string>,
  criteria: Pick<Criteria, "associations" | "includes"> = {},
): Effect.Effect<ReadonlyArray<A>, ConnectorError> =>
  Effect.gen(function* () {
    const out: A[] = []
    for (let i = 0; i < ids.length; i += MAX_SEARCH_LIMIT) {
      const chunk = ids.slice(i, i + MAX_SEARCH_LIMIT)
      out.push(...(yield* search(ctx, entity, { ...criteria, ids: chunk, limit: chunk.length }, schema)))
    }
    return out
  })
