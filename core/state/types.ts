/** A canonical record as the hub stores it. */
export interface HubRecord {
  readonly entity: string
  readonly canonicalId: string
  readonly naturalKey: string
  readonly payload: unknown
  /** Content hash of the payload without `updatedAt`: equal hashes mean nothing changed. */
  readonly hash: string
  readonly updatedAt: string
  /** Which system last set each top-level field (field ownership bookkeeping). */
  readonly fieldSources: Readonly<Record<string, string>>
}

/** One line of the cross-reference: (system, entity, vendor id) ⇄ canonical id. */
export interface Xref {
  readonly system: string
  readonly entity: string
  readonly externalId: string
  readonly canonicalId: string
  /** Hash of the vendor payload last written to this system (outbound change detection). */
  readonly targetHash?: string | undefined
}

/** One entry of the hub's change log; outbound flows follow it with a cursor. */
export interface Change {
  readonly seq: number
  readonly entity: string
  readonly canonicalId: string
  readonly naturalKey: string
  readonly at: string
}

export type DeadLetterStatus = "open" | "replayed" | "resolved"

/** A record that could not be processed, kept with the reason and where it failed. */
export interface DeadLetter {
  readonly id: number
  readonly flow: string
  readonly system: string
  readonly entity: string
  readonly direction: "inbound" | "outbound"
  readonly recordKey: string
  /** The vendor id (inbound) or canonical id (outbound) to re-process on replay. */
  readonly sourceId: string
  readonly errorTag: string
  readonly reason: string
  readonly path?: string | undefined
  /** The record as it was (vendor record inbound, canonical record outbound), with secrets redacted. */
  readonly payload: unknown
  readonly attempts: number
  readonly status: DeadLetterStatus
  readonly createdAt: string
  readonly updatedAt: string
}

export type NewDeadLetter = Omit<DeadLetter, "id" | "attempts" | "status" | "createdAt" | "updatedAt">

export interface RunCounts {
  read: number
  created: number
  updated: number
  unchanged: number
  failed: number
  /** Records an outbound flow's filter left out (e.g. prices of another price list). */
  skipped: number
  /** Writes from a non-owner to an owned field that were ignored, not merged. */
  ignoredFields: number
}

export const emptyCounts = (): RunCounts => ({
  read: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  skipped: 0,
  ignoredFields: 0,
})

export type RunStatus = "running" | "succeeded" | "partial" | "failed"

export interface RunRecord {
  readonly id: string
  readonly flow: string
  readonly startedAt: string
  readonly finishedAt?: string | undefined
  readonly status: RunStatus
  readonly counts: RunCounts
  readonly error?: string | undefined
}

/** Everything one inbound page changes, committed in one transaction with the cursor. */
export interface InboundCommit {
  readonly flow: string
  /** The flow's new position; absent when re-processing single records (DLQ replay, webhooks). */
  readonly cursor?: unknown
  readonly records: ReadonlyArray<HubRecord & { readonly changed: boolean; readonly skus: ReadonlyArray<string> }>
  readonly xrefs: ReadonlyArray<Xref>
  /** Dead letters of this page resolved by it (replays). */
  readonly resolvedDeadLetters?: ReadonlyArray<number>
}

/** Everything one outbound batch changes, committed after the vendor write, with the cursor. */
export interface OutboundCommit {
  readonly flow: string
  readonly cursor?: unknown
  readonly xrefs: ReadonlyArray<Xref>
  readonly resolvedDeadLetters?: ReadonlyArray<number>
}
