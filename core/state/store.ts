import { Context, type Effect } from "effect"
import type { StateError } from "./errors.ts"
import type {
  Change,
  DeadLetter,
  DeadLetterStatus,
  HubRecord,
  InboundCommit,
  NewDeadLetter,
  OutboundCommit,
  RunCounts,
  RunRecord,
  RunStatus,
  Xref,
} from "./types.ts"

type Op<A> = Effect.Effect<A, StateError>

/**
 * Everything esl keeps: hub records, cross-references, the change log, cursors, runs and the
 * dead-letter queue. One interface, two implementations: SQLite (embedded default) and
 * PostgreSQL (production). The parts that must be atomic are single methods:
 * `commitInbound` and `commitOutbound` write data and cursor in one transaction.
 */
export interface StateStoreShape {
  readonly backend: "sqlite" | "postgres"

  readonly recordsByNaturalKey: (
    entity: string,
    naturalKeys: ReadonlyArray<string>,
  ) => Op<ReadonlyMap<string, HubRecord>>
  readonly recordsById: (entity: string, canonicalIds: ReadonlyArray<string>) => Op<ReadonlyMap<string, HubRecord>>
  /** Hub records of an entity in canonical-id order, a page at a time (full outbound runs). */
  readonly recordsPage: (entity: string, afterCanonicalId: string, limit: number) => Op<ReadonlyArray<HubRecord>>
  readonly countRecords: (entity?: string) => Op<number>

  readonly xrefsByExternalId: (
    system: string,
    entity: string,
    externalIds: ReadonlyArray<string>,
  ) => Op<ReadonlyMap<string, Xref>>
  readonly xrefsByCanonicalId: (
    system: string,
    entity: string,
    canonicalIds: ReadonlyArray<string>,
  ) => Op<ReadonlyMap<string, Xref>>
  /** Which product (natural key) owns each SKU: an SKU belongs to exactly one product. */
  readonly skuOwners: (skus: ReadonlyArray<string>) => Op<ReadonlyMap<string, string>>

  readonly changesAfter: (entity: string, afterSeq: number, limit: number) => Op<ReadonlyArray<Change>>
  readonly lastChangeSeq: (entity?: string) => Op<number>

  readonly getCursor: (flow: string) => Op<unknown>
  readonly resetCursor: (flow: string) => Op<void>

  readonly commitInbound: (commit: InboundCommit) => Op<void>
  readonly commitOutbound: (commit: OutboundCommit) => Op<void>

  readonly addDeadLetters: (entries: ReadonlyArray<NewDeadLetter>) => Op<void>
  readonly listDeadLetters: (filter: {
    readonly status?: DeadLetterStatus
    readonly flow?: string
    readonly limit?: number
  }) => Op<ReadonlyArray<DeadLetter>>
  readonly getDeadLetter: (id: number) => Op<DeadLetter | undefined>
  readonly updateDeadLetter: (
    id: number,
    update: {
      readonly status: DeadLetterStatus
      readonly reason?: string
      readonly path?: string | undefined
      readonly attempted?: boolean
    },
  ) => Op<void>
  readonly countDeadLetters: (filter: { readonly status?: DeadLetterStatus; readonly flow?: string }) => Op<number>

  readonly startRun: (flow: string) => Op<string>
  readonly finishRun: (id: string, status: RunStatus, counts: RunCounts, error?: string) => Op<void>
  readonly listRuns: (filter: { readonly flow?: string; readonly limit?: number }) => Op<ReadonlyArray<RunRecord>>

  /**
   * Remembers that a webhook event of `system` was accepted: true the first time, false when the
   * event id is known already (a replay or a vendor's retry). Race-safe: of several concurrent
   * calls with the same (system, event id), exactly one gets true. `receivedAt` is an ISO-8601
   * instant in UTC (`Date#toISOString`), which `pruneWebhookEvents` compares.
   */
  readonly rememberWebhookEvent: (system: string, eventId: string, receivedAt: string) => Op<boolean>
  /**
   * Forgets one remembered event, so the vendor's retry of a delivery that could not be queued
   * is accepted instead of refused as a replay.
   */
  readonly forgetWebhookEvent: (system: string, eventId: string) => Op<void>
  /**
   * Drops remembered events received before `olderThan` (ISO-8601 UTC) and answers how many.
   * Keep them longer than the vendor retries and than its freshness window (Shopify: 48 hours of
   * retries; deliveries older than five minutes are refused as stale anyway).
   */
  readonly pruneWebhookEvents: (olderThan: string) => Op<number>

  readonly close: () => Op<void>
}

export class StateStore extends Context.Tag("esl/StateStore")<StateStore, StateStoreShape>() {}
