import { Effect, Stream } from "effect"
import { StateStore } from "../../state/index.ts"
import type {
  Flow,
  InboundCursor,
  InboundFlow,
  InboundRunError,
  OutboundCursor,
  OutboundFlow,
  OutboundRunError,
} from "../../sync/index.ts"
import { unreadPages } from "../../sync/index.ts"
import type { QueueError } from "../jobs.ts"

/** A page of vendor records of an inbound run, merged into the hub without moving the cursor. */
export interface InboundPageJob {
  readonly kind: "inbound-page"
  readonly flow: string
  readonly runId: string
  /** The run's lock token: the child renews its flow's lock while it works. */
  readonly lockToken: string
  readonly raws: ReadonlyArray<unknown>
}

/** A batch of hub records (by canonical id) of an outbound run, written without moving the cursor. */
export interface OutboundBatchJob {
  readonly kind: "outbound-batch"
  readonly flow: string
  readonly runId: string
  readonly lockToken: string
  readonly canonicalIds: ReadonlyArray<string>
}

/** The jobs a flow run is split into. */
export type ChildJob = InboundPageJob | OutboundBatchJob

/** What the run commits once every child is done: the position its reading reached. */
export interface RunPlan {
  readonly cursor?: unknown
  readonly children: number
}

/** How `splitRun` hands out work: the run it belongs to and where children go. */
export interface SplitOptions {
  readonly full: boolean
  readonly runId: string
  readonly lockToken: string
  /** Enqueues one child (the index is its place in the run). */
  readonly add: (child: ChildJob, index: number) => Effect.Effect<void, QueueError>
}

/**
 * Reads what one run of `flow` has to do and hands it out as child jobs, in the order read. The
 * cursor is not touched: it is in the plan, committed by the run after all children are done, so
 * a crash re-reads from the old position (at-least-once) and nothing is lost.
 */
export const splitRun = (
  flow: Flow,
  options: SplitOptions,
): Effect.Effect<RunPlan, InboundRunError | OutboundRunError | QueueError, StateStore> =>
  flow.kind === "inbound" ? splitInbound(flow, options) : splitOutbound(flow, options)

/** Inbound reading is sequential by nature (the cursor): pages are read here, merged by children. */
const splitInbound = (flow: InboundFlow, options: SplitOptions) =>
  Effect.gen(function* () {
    const { since, pages } = yield* unreadPages(flow, { full: options.full })
    let position = since
    let children = 0
    yield* Stream.runForEach(pages, (page) => {
      position = page.position
      return options.add(
        { kind: "inbound-page", flow: flow.name, runId: options.runId, lockToken: options.lockToken, raws: page.raws },
        children++,
      )
    })
    const cursor: InboundCursor | undefined =
      flow.stream.incremental && position !== undefined && position !== since ? { position } : undefined
    return cursor !== undefined ? { cursor, children } : { children }
  })

/** Outbound: the change log is read here, the distinct records of it are written by children in batches. */
const splitOutbound = (flow: OutboundFlow, options: SplitOptions) =>
  Effect.gen(function* () {
    const store = yield* StateStore
    let children = 0
    let batch: string[] = []
    const flush = Effect.suspend(() => {
      if (batch.length === 0) return Effect.void
      const canonicalIds = batch
      batch = []
      return options.add(
        { kind: "outbound-batch", flow: flow.name, runId: options.runId, lockToken: options.lockToken, canonicalIds },
        children++,
      )
    })
    if (options.full) {
      const head = yield* store.lastChangeSeq(flow.entity)
      let after = ""
      for (;;) {
        const page = yield* store.recordsPage(flow.entity, after, flow.pageSize)
        if (page.length === 0) break
        after = page[page.length - 1]?.canonicalId ?? after
        batch = page.map((r) => r.canonicalId)
        yield* flush
      }
      return { cursor: { seq: head } satisfies OutboundCursor, children }
    }
    const saved = (yield* store.getCursor(flow.name)) as OutboundCursor | undefined
    const start = saved?.seq ?? 0
    let seq = start
    // A record changed twice in the log is written once, at its current version.
    const seen = new Set<string>()
    for (;;) {
      const changes = yield* store.changesAfter(flow.entity, seq, flow.pageSize)
      if (changes.length === 0) break
      seq = changes[changes.length - 1]?.seq ?? seq
      for (const change of changes) {
        if (seen.has(change.canonicalId)) continue
        seen.add(change.canonicalId)
        batch.push(change.canonicalId)
        if (batch.length >= flow.pageSize) yield* flush
      }
    }
    yield* flush
    return seq > start ? { cursor: { seq } satisfies OutboundCursor, children } : { children }
  })
