import { randomUUID } from "node:crypto"
import { Effect, Schema, Stream } from "effect"
import type { ConnectorError, StreamCursor } from "../connector/index.ts"
import { comparePositions, contentHash, isAtOrBefore, mergeOwned } from "../hub/index.ts"
import { compileMapping, issuesOf } from "../mapping/index.ts"
import { Entities, naturalKeyOf, type Product } from "../model/index.ts"
import {
  type HubRecord,
  type NewDeadLetter,
  type RunCounts,
  type StateError,
  StateStore,
  type Xref,
} from "../state/index.ts"
import { deadLetterFor, type RecordFailure } from "./deadLetter.ts"
import { maybeCrash } from "./faults.ts"
import type { InboundFlow } from "./flow.ts"

/** What an inbound flow stores as its cursor. */
export interface InboundCursor {
  readonly position?: StreamCursor
}

export interface InboundPageOptions {
  /** The flow's position after this page; committed atomically with the page's records. */
  readonly cursor?: InboundCursor
  readonly dryRun?: boolean
  /** Dead letters this page re-processes; resolved in the same transaction when they succeed. */
  readonly replaying?: ReadonlyArray<number>
}

interface Decoded {
  readonly raw: unknown
  readonly externalId: string
  readonly naturalKey: string
  readonly record: Record<string, unknown>
}

const failure = (tag: string, message: string, path?: string): RecordFailure =>
  path === undefined ? { _tag: tag, message } : { _tag: tag, message, path }

const safeId = (flow: InboundFlow, raw: unknown): string | undefined => {
  try {
    return flow.stream.idOf(raw)
  } catch {
    return undefined
  }
}

/**
 * Maps a page of vendor records to canonical records, resolves their identity, merges them into
 * the hub under the ownership rules and commits records, cross-references, change log and
 * cursor in one transaction. A record that fails goes to the DLQ; the page goes on.
 */
export const processInboundPage = (
  flow: InboundFlow,
  raws: ReadonlyArray<unknown>,
  options: InboundPageOptions = {},
): Effect.Effect<RunCounts, StateError, StateStore> =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const redactor = flow.system.context.http.redactor
    const counts: RunCounts = {
      read: raws.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      skipped: 0,
      ignoredFields: 0,
    }
    const deadLetters: NewDeadLetter[] = []
    const reject = (raw: unknown, externalId: string, recordKey: string, f: RecordFailure) => {
      counts.failed++
      deadLetters.push(deadLetterFor(flow, redactor, { recordKey, sourceId: externalId, payload: raw }, f))
    }

    // 1. vendor → canonical, the page at once; the last version of a record in a page wins.
    const identified: Array<{ readonly raw: unknown; readonly externalId: string }> = []
    for (const raw of raws) {
      const externalId = safeId(flow, raw)
      if (externalId === undefined) {
        reject(raw, "unknown", "unknown", failure("MappingError", `${flow.streamName} record has no readable id`, "$"))
        continue
      }
      identified.push({ raw, externalId })
    }
    const results = yield* compileMapping(flow.mapping).decodeMany(
      flow.mappingContext,
      identified.map((r) => r.raw),
      (i) => identified[i]?.externalId ?? "unknown",
    )
    const decoded = new Map<string, Decoded>()
    for (let i = 0; i < identified.length; i++) {
      const { raw, externalId } = identified[i] as (typeof identified)[number]
      const result = results[i] as (typeof results)[number]
      if (result._tag === "Left") {
        reject(raw, externalId, externalId, result.left)
        continue
      }
      const record = result.right as Record<string, unknown>
      const naturalKey = naturalKeyOf(flow.entity, result.right)
      const earlier = decoded.get(naturalKey)
      if (earlier && earlier.externalId !== externalId) {
        // Two vendor records claim one natural key (e.g. the same SKU twice in the ERP): the hub
        // cannot tell which is right, so neither wins silently.
        reject(
          raw,
          externalId,
          naturalKey,
          failure(
            "IdentityConflict",
            `${flow.system.name} ${externalId} has the same ${flow.entity} key ${naturalKey} as ${flow.system.name} ${earlier.externalId} in the same page; make the key unique in ${flow.system.name}`,
          ),
        )
        continue
      }
      if (earlier) counts.unchanged++ // the vendor sent the same record twice: the later copy wins
      decoded.delete(naturalKey)
      decoded.set(naturalKey, { raw, externalId, naturalKey, record })
    }

    // 2. identity: vendor id first, natural key second.
    const entries = [...decoded.values()]
    const xrefs = yield* store.xrefsByExternalId(
      flow.system.name,
      flow.entity,
      entries.map((e) => e.externalId),
    )
    const byKey = yield* store.recordsByNaturalKey(
      flow.entity,
      entries.map((e) => e.naturalKey),
    )
    const renamedIds = entries.flatMap((e) => {
      const x = xrefs.get(e.externalId)
      return x && !byKey.has(e.naturalKey) ? [x.canonicalId] : []
    })
    const byId =
      renamedIds.length > 0 ? yield* store.recordsById(flow.entity, renamedIds) : new Map<string, HubRecord>()
    const skuOwners =
      flow.entity === "product"
        ? yield* store.skuOwners(entries.flatMap((e) => skusOf(e.record)))
        : new Map<string, string>()
    const skusInPage = new Map<string, string>()

    const records: Array<HubRecord & { changed: boolean; skus: ReadonlyArray<string> }> = []
    const newXrefs: Xref[] = []
    for (const entry of entries) {
      const xref = xrefs.get(entry.externalId)
      const sameKey = byKey.get(entry.naturalKey)
      if (xref && sameKey && xref.canonicalId !== sameKey.canonicalId) {
        reject(
          entry.raw,
          entry.externalId,
          entry.naturalKey,
          failure(
            "IdentityConflict",
            `${flow.entity} ${entry.naturalKey} already exists in the hub as another record than ${flow.system.name} ${entry.externalId} is linked to; merge or rename one of them in ${flow.system.name}`,
          ),
        )
        continue
      }
      const existing = sameKey ?? (xref ? byId.get(xref.canonicalId) : undefined)

      // 3. an SKU belongs to exactly one product (a renamed product still owns its SKUs under its old key).
      const skus = flow.entity === "product" ? skusOf(entry.record) : []
      const clash = skus.findIndex((sku) => {
        const owner = skusInPage.get(sku) ?? skuOwners.get(sku)
        return owner !== undefined && owner !== entry.naturalKey && owner !== existing?.naturalKey
      })
      if (clash >= 0) {
        const sku = skus[clash] ?? ""
        reject(
          entry.raw,
          entry.externalId,
          entry.naturalKey,
          failure(
            "SkuConflict",
            `SKU ${sku} already belongs to product ${skusInPage.get(sku) ?? skuOwners.get(sku)}; an SKU can belong to one product only`,
            `$.variants[${clash}].sku`,
          ),
        )
        continue
      }
      for (const sku of skus) skusInPage.set(sku, entry.naturalKey)

      // 4. a stale copy from the same system never overwrites a newer one (poll after webhook).
      if (existing && isStale(existing, entry.record, flow.system.name)) {
        counts.unchanged++
        newXrefs.push(link(flow, entry.externalId, existing.canonicalId))
        continue
      }

      // 5. field ownership.
      const merge = mergeOwned({
        rules: flow.ownership,
        entity: flow.entity,
        system: flow.system.name,
        incoming: entry.record,
        existing: existing?.payload as Record<string, unknown> | undefined,
        existingSources: existing?.fieldSources,
      })
      counts.ignoredFields += merge.ignoredFields.length
      const payload = merge.merged
      if (existing && merge.ignoredFields.length > 0) {
        // Fields from two systems must still make a valid record (e.g. order totals).
        const valid = yield* Effect.either(Schema.validate(Entities[flow.entity] as Schema.Schema<unknown>)(payload))
        if (valid._tag === "Left") {
          const [issue] = issuesOf(valid.left)
          reject(
            entry.raw,
            entry.externalId,
            entry.naturalKey,
            failure(
              "MergeConflict",
              `merging ${flow.system.name}'s ${flow.entity} with fields owned by other systems breaks an invariant: ${issue?.message ?? ""}`,
              issue?.path,
            ),
          )
          continue
        }
      }
      const hash = contentHash(payload)
      const changed = !existing || existing.hash !== hash || existing.naturalKey !== entry.naturalKey
      if (!existing) counts.created++
      else if (changed) counts.updated++
      else counts.unchanged++
      const canonicalId = existing?.canonicalId ?? randomUUID()
      records.push({
        entity: flow.entity,
        canonicalId,
        naturalKey: entry.naturalKey,
        payload,
        hash,
        updatedAt: String(payload.updatedAt ?? new Date().toISOString()),
        fieldSources: merge.fieldSources,
        changed,
        skus,
      })
      newXrefs.push(link(flow, entry.externalId, canonicalId))
    }

    if (options.dryRun) return counts
    // Dead letters first: if the process dies before the commit, the page is re-read and the
    // same entries are updated, never lost.
    if (deadLetters.length > 0) yield* store.addDeadLetters(deadLetters)
    const resolved = options.replaying && counts.failed === 0 ? options.replaying : []
    if (records.length > 0 || newXrefs.length > 0 || options.cursor !== undefined || resolved.length > 0) {
      yield* store.commitInbound({
        flow: flow.name,
        ...(options.cursor !== undefined ? { cursor: options.cursor } : {}),
        records,
        xrefs: newXrefs,
        resolvedDeadLetters: resolved,
      })
    }
    return counts
  })

const link = (flow: InboundFlow, externalId: string, canonicalId: string): Xref => ({
  system: flow.system.name,
  entity: flow.entity,
  externalId,
  canonicalId,
})

const skusOf = (record: Record<string, unknown>): string[] =>
  (record as unknown as Product).variants?.map((v) => v.sku) ?? []

const isStale = (existing: HubRecord, incoming: Record<string, unknown>, system: string): boolean => {
  const incomingAt = typeof incoming.updatedAt === "string" ? Date.parse(incoming.updatedAt) : Number.NaN
  const existingAt = Date.parse(existing.updatedAt)
  const lastWriter = existing.fieldSources.updatedAt
  return lastWriter === system && Number.isFinite(incomingAt) && incomingAt < existingAt
}

/** The outcome of reading a stream into the hub. */
export type InboundRunError = ConnectorError | StateError

/** Records of a page the flow's cursor does not cover yet, and the flow's position after them. */
export interface UnreadPage {
  readonly raws: ReadonlyArray<unknown>
  readonly position: StreamCursor | undefined
}

/**
 * Reads a flow's stream from its cursor (or from the start with `full`), dropping what the cursor
 * already covers: vendors filter on `updatedAt >= since`, and the id breaks ties on the timestamp,
 * so records sharing the last timestamp are neither missed nor re-read forever. Pages left empty
 * are skipped. The in-process runner and the distributed worker both read through this.
 */
export const unreadPages = (
  flow: InboundFlow,
  options: { readonly full?: boolean } = {},
): Effect.Effect<
  { readonly since: StreamCursor | undefined; readonly pages: Stream.Stream<UnreadPage, ConnectorError> },
  StateError,
  StateStore
> =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const saved = options.full ? undefined : ((yield* store.getCursor(flow.name)) as InboundCursor | undefined)
    const since = flow.stream.incremental ? saved?.position : undefined
    let position = since
    const pages = flow.stream
      .read(flow.system.context, {
        ...(since !== undefined ? { since } : {}),
        ...(flow.pageSize !== undefined ? { pageSize: flow.pageSize } : {}),
      })
      .pipe(
        Stream.map((page): UnreadPage => {
          const raws: unknown[] = []
          for (const raw of page) {
            const at = positionOf(flow, raw)
            if (at && isAtOrBefore(at, since)) continue
            if (at && (position === undefined || comparePositions(at, position) > 0)) position = at
            raws.push(raw)
          }
          return { raws, position }
        }),
        Stream.filter((page) => page.raws.length > 0),
      )
    return { since, pages }
  })

/**
 * Runs an inbound flow: reads the stream page by page from the flow's cursor (or from the
 * start with `full`) and commits each page with its new position. Memory holds one page at a time.
 */
export const runInboundFlow = (
  flow: InboundFlow,
  options: { readonly full?: boolean; readonly dryRun?: boolean; readonly onPage?: (counts: RunCounts) => void } = {},
): Effect.Effect<RunCounts, InboundRunError, StateStore> =>
  Effect.gen(function* () {
    const total: RunCounts = { read: 0, created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0, ignoredFields: 0 }
    const { pages } = yield* unreadPages(flow, options.full !== undefined ? { full: options.full } : {})
    yield* Stream.runForEach(pages, ({ raws, position }) =>
      Effect.gen(function* () {
        const counts = yield* processInboundPage(flow, raws, {
          ...(flow.stream.incremental && position !== undefined ? { cursor: { position } } : {}),
          ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}),
        })
        maybeCrash("kill-after-read", flow.name)
        addCounts(total, counts)
        options.onPage?.(total)
      }),
    )
    return total
  })

const positionOf = (flow: InboundFlow, raw: unknown): StreamCursor | undefined => {
  if (!flow.stream.incremental) return undefined
  try {
    return flow.stream.positionOf(raw)
  } catch {
    return undefined
  }
}

/** Adds one page's counts to a run's. */
export const addCounts = (total: RunCounts, page: RunCounts): void => {
  total.read += page.read
  total.created += page.created
  total.updated += page.updated
  total.unchanged += page.unchanged
  total.failed += page.failed
  total.skipped += page.skipped
  total.ignoredFields += page.ignoredFields
}
