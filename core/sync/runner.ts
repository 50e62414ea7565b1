import { Data, Effect } from "effect"
import type { EntityName } from "../model/index.ts"
import { emptyCounts, type RunCounts, type RunStatus, StateStore } from "../state/index.ts"
import type { Flow } from "./flow.ts"
import { runInboundFlow } from "./inbound.ts"
import { runOutboundFlow } from "./outbound.ts"

/** A flow died of a bug (a defect, not a typed failure); reported like a failure so the next flow still runs. */
class FlowDefect extends Data.TaggedError("FlowDefect")<{ readonly detail: string }> {
  override get message() {
    return `unexpected error: ${this.detail}`
  }
}

const INTERRUPTED =
  "interrupted: the process stopped before the run finished; the next run resumes from the last committed page"

export interface FlowResult {
  readonly flow: string
  readonly kind: "inbound" | "outbound"
  readonly system: string
  readonly entity: EntityName
  readonly runId: string
  readonly status: RunStatus
  readonly counts: RunCounts
  readonly durationMs: number
  /** Why the flow stopped, when it did (transport or state failure; record failures are in the DLQ). */
  readonly error?: string
}

export interface RunOptions {
  readonly full?: boolean
  readonly dryRun?: boolean
  /** Called after every page with the flow's running totals (progress bars, metrics). */
  readonly onProgress?: (flow: string, counts: RunCounts) => void
}

/**
 * Runs one flow and records it in the run history. Never fails: a flow that stops is a result
 * with status `failed` and the reason, so the next flow still runs.
 */
export const runFlow = (flow: Flow, options: RunOptions = {}): Effect.Effect<FlowResult, never, StateStore> =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const started = performance.now()
    const runId = options.dryRun
      ? "dry-run"
      : yield* Effect.orElseSucceed(store.startRun(flow.name), () => "unrecorded")
    // What the committed pages added up to so far: the honest counts of a run that stops midway.
    let progress = emptyCounts()
    const opts = {
      ...(options.full !== undefined ? { full: options.full } : {}),
      ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}),
      onPage: (counts: RunCounts) => {
        progress = { ...counts }
        options.onProgress?.(flow.name, counts)
      },
    }
    const outcome = yield* Effect.either(
      (flow.kind === "inbound" ? runInboundFlow(flow, opts) : runOutboundFlow(flow, opts)).pipe(
        Effect.catchAllDefect((defect) =>
          Effect.fail(new FlowDefect({ detail: defect instanceof Error ? defect.message : String(defect) })),
        ),
        // A shutdown that interrupts the run must not leave it "running" in the history forever.
        Effect.onInterrupt(() =>
          options.dryRun ? Effect.void : Effect.ignore(store.finishRun(runId, "failed", progress, INTERRUPTED)),
        ),
      ),
    )
    const counts = outcome._tag === "Right" ? outcome.right : progress
    const status: RunStatus = outcome._tag === "Left" ? "failed" : counts.failed > 0 ? "partial" : "succeeded"
    const error = outcome._tag === "Left" ? flow.system.context.http.redactor.string(outcome.left.message) : undefined
    if (!options.dryRun) yield* Effect.ignore(store.finishRun(runId, status, counts, error))
    if (error !== undefined)
      yield* Effect.logError(`flow ${flow.name} failed: ${error}`).pipe(Effect.annotateLogs({ flow: flow.name, runId }))
    return {
      flow: flow.name,
      kind: flow.kind,
      system: flow.system.name,
      entity: flow.entity,
      runId,
      status,
      counts,
      durationMs: Math.round(performance.now() - started),
      ...(error !== undefined ? { error } : {}),
    }
  })

/** Runs flows one after another in the order given (the config's order): the in-process runner. */
export const runFlows = (
  flows: ReadonlyArray<Flow>,
  options: RunOptions = {},
): Effect.Effect<ReadonlyArray<FlowResult>, never, StateStore> =>
  Effect.forEach(flows, (flow) => runFlow(flow, options))

/** The process exit code a run deserves: 0 all good, 1 a flow failed, 2 some records failed. */
export const exitCodeOf = (results: ReadonlyArray<FlowResult>): number =>
  results.some((r) => r.status === "failed") ? 1 : results.some((r) => r.counts.failed > 0) ? 2 : 0
