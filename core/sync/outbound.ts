import { Effect } from "effect"
import type { ConnectorError, WriteItem } from "../connector/index.ts"
import { contentHash } from "../hub/index.ts"
import { compileMapping } from "../mapping/index.ts"
import type { Canonical, EntityName } from "../model/index.ts"
import {
  type HubRecord,
  type NewDeadLetter,
  type RunCounts,
  type StateError,
  StateStore,
  type Xref,
} from "../state/index.ts"
import { deadLetterFor } from "./deadLetter.ts"
import { maybeCrash } from "./faults.ts"
import type { OutboundFlow } from "./flow.ts"
import { addCounts } from "./inbound.ts"

/** What an outbound flow stores as its cursor: the last change-log entry it has delivered. */
export interface OutboundCursor {
  readonly seq: number
}

interface Pending {
  readonly record: HubRecord
  readonly payload: unknown
  readonly hash: string
  readonly externalId?: string | undefined
}

export type OutboundRunError = ConnectorError | StateError

/**
 * Delivers hub records to a target: maps canonical → vendor, skips what the target already has
 * (content hash per target record), links records the target already holds by natural key
 * before creating anything, writes in the sink's largest batches and records each vendor id.
 * Cross-references are committed after every batch; the cursor (if any) after the last.
 */
export const processOutboundRecords = (
  flow: OutboundFlow,
  records: ReadonlyArray<HubRecord>,
  options: {
    readonly cursor?: OutboundCursor
    readonly dryRun?: boolean
    readonly replaying?: ReadonlyArray<number>
  } = {},
): Effect.Effect<RunCounts, OutboundRunError, StateStore> =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const redactor = flow.system.context.http.redactor
    const counts: RunCounts = {
      read: records.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      skipped: 0,
      ignoredFields: 0,
    }
    const deadLetters: NewDeadLetter[] = []

    const xrefs = yield* store.xrefsByCanonicalId(
      flow.system.name,
      flow.entity,
      records.map((r) => r.canonicalId),
    )
    const pending: Pending[] = []
    const selected: Array<HubRecord> = []
    for (const record of records) {
      if (flow.filter && !flow.filter(record.payload as Canonical<EntityName>)) counts.skipped++
      else selected.push(record)
    }
    // canonical → vendor, the page at once.
    const results = yield* compileMapping(flow.mapping).encodeMany(
      flow.mappingContext,
      selected.map((r) => r.payload as Canonical<EntityName>),
      (i) => selected[i]?.naturalKey ?? "unknown",
    )
    for (let i = 0; i < selected.length; i++) {
      const record = selected[i] as HubRecord
      const encoded = results[i] as (typeof results)[number]
      if (encoded._tag === "Left") {
        counts.failed++
        deadLetters.push(
          deadLetterFor(
            flow,
            redactor,
            { recordKey: record.naturalKey, sourceId: record.canonicalId, payload: record.payload },
            encoded.left,
          ),
        )
        continue
      }
      const hash = contentHash(encoded.right, [])
      const xref = xrefs.get(record.canonicalId)
      if (xref?.targetHash === hash) {
        counts.unchanged++
        continue
      }
      pending.push({ record, payload: encoded.right, hash, externalId: xref?.externalId })
    }

    // Link before create: a record the target already has (a create whose cross-reference was
    // lost in a crash, or data that existed before esl) is updated, never created twice.
    const unlinked = flow.sink.linksOnWrite
      ? []
      : pending.filter((p) => p.externalId === undefined).map((p) => p.record.naturalKey)
    const found =
      unlinked.length > 0 ? yield* flow.sink.lookup(flow.system.context, unlinked) : new Map<string, string>()
    const items = pending.map((p) =>
      p.externalId !== undefined ? p : { ...p, externalId: found.get(p.record.naturalKey) },
    )

    if (options.dryRun) {
      for (const item of items) item.externalId === undefined ? counts.created++ : counts.updated++
      return counts
    }
    if (deadLetters.length > 0) yield* store.addDeadLetters(deadLetters)

    const byKey = new Map(items.map((i) => [i.record.naturalKey, i]))
    for (let start = 0; start < items.length; start += flow.sink.maxBatchSize) {
      const batch = items.slice(start, start + flow.sink.maxBatchSize)
      const writeItems: Array<WriteItem<unknown>> = batch.map((i) =>
        i.externalId !== undefined
          ? { naturalKey: i.record.naturalKey, externalId: i.externalId, payload: i.payload }
          : { naturalKey: i.record.naturalKey, payload: i.payload },
      )
      const outcomes = yield* flow.sink.write(flow.system.context, writeItems)
      maybeCrash("kill-after-write", flow.name)
      const written: Xref[] = []
      const rejected: NewDeadLetter[] = []
      const answered = new Set<string>()
      for (const outcome of outcomes) {
        const item = byKey.get(outcome.naturalKey)
        if (!item || answered.has(outcome.naturalKey)) continue
        answered.add(outcome.naturalKey)
        if (outcome.ok) {
          outcome.action === "created" ? counts.created++ : counts.updated++
          written.push({
            system: flow.system.name,
            entity: flow.entity,
            externalId: outcome.externalId,
            canonicalId: item.record.canonicalId,
            targetHash: item.hash,
          })
        } else {
          counts.failed++
          rejected.push(
            deadLetterFor(
              flow,
              redactor,
              { recordKey: item.record.naturalKey, sourceId: item.record.canonicalId, payload: item.record.payload },
              outcome.error,
            ),
          )
        }
      }
      // A sink owes one outcome per item; a record it did not answer for is not silently dropped.
      for (const item of batch) {
        if (answered.has(item.record.naturalKey)) continue
        counts.failed++
        rejected.push(
          deadLetterFor(
            flow,
            redactor,
            { recordKey: item.record.naturalKey, sourceId: item.record.canonicalId, payload: item.record.payload },
            {
              _tag: "VendorResponseError",
              message: `${flow.system.name} answered no outcome for ${flow.entity} ${item.record.naturalKey}; it may or may not have been written: replay it`,
            },
          ),
        )
      }
      if (rejected.length > 0) yield* store.addDeadLetters(rejected)
      if (written.length > 0) yield* store.commitOutbound({ flow: flow.name, xrefs: written })
    }
    const resolved = options.replaying && counts.failed === 0 ? options.replaying : []
    if (options.cursor !== undefined || resolved.length > 0) {
      yield* store.commitOutbound({
        flow: flow.name,
        ...(options.cursor !== undefined ? { cursor: options.cursor } : {}),
        xrefs: [],
        resolvedDeadLetters: resolved,
      })
    }
    return counts
  })

/**
 * Runs an outbound flow: follows the hub's change log from the flow's cursor, one page of
 * changes at a time. With `full`, walks every hub record of the entity instead (the target
 * hash still skips what the target already has).
 */
export const runOutboundFlow = (
  flow: OutboundFlow,
  options: { readonly full?: boolean; readonly dryRun?: boolean; readonly onPage?: (counts: RunCounts) => void } = {},
): Effect.Effect<RunCounts, OutboundRunError, StateStore> =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const total: RunCounts = { read: 0, created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0, ignoredFields: 0 }
    const dryRun = options.dryRun !== undefined ? { dryRun: options.dryRun } : {}
    if (options.full) {
      const head = yield* store.lastChangeSeq(flow.entity)
      let after = ""
      for (;;) {
        const page = yield* store.recordsPage(flow.entity, after, flow.pageSize)
        if (page.length === 0) break
        after = page[page.length - 1]?.canonicalId ?? after
        addCounts(total, yield* processOutboundRecords(flow, page, dryRun))
        options.onPage?.(total)
      }
      if (!options.dryRun)
        yield* store.commitOutbound({ flow: flow.name, cursor: { seq: head } satisfies OutboundCursor, xrefs: [] })
      return total
    }
    const saved = (yield* store.getCursor(flow.name)) as OutboundCursor | undefined
    let seq = saved?.seq ?? 0
    for (;;) {
      const changes = yield* store.changesAfter(flow.entity, seq, flow.pageSize)
      if (changes.length === 0) break
      seq = changes[changes.length - 1]?.seq ?? seq
      const records = yield* store.recordsById(flow.entity, [...new Set(changes.map((c) => c.canonicalId))])
      addCounts(total, yield* processOutboundRecords(flow, [...records.values()], { ...dryRun, cursor: { seq } }))
      options.onPage?.(total)
      if (options.dryRun) continue
    }
    return total
  })
