import { Effect } from "effect"
import { Counter, Gauge, Histogram, Registry } from "prom-client"
import type { SystemInstance } from "../../connector/index.ts"
import type { RunCounts, StateStoreShape } from "../../state/index.ts"
import type { Flow, FlowResult } from "../../sync/index.ts"
import type { JobQueue } from "../jobs.ts"

/** The record outcomes counted per flow, as `esl sync` reports them. */
export const RECORD_OUTCOMES = ["read", "created", "updated", "unchanged", "failed", "skipped"] as const

export interface DaemonMetrics {
  /** A registry of its own (not prom-client's global one), so several daemons in one process do not collide. */
  readonly registry: Registry
  /** Counts a finished run: records per outcome, duration, status. */
  readonly recordRun: (result: FlowResult) => void
  /** Counts records processed outside a run (a webhook's re-read records). */
  readonly recordCounts: (flow: string, counts: RunCounts) => void
  /** Refreshes the gauges (queue depth, cursor lag, DLQ size, rate-limit waits) at scrape time; never fails. */
  readonly collect: (store: StateStoreShape, queue?: JobQueue) => Effect.Effect<void>
  /** The Prometheus text exposition, and its content type. */
  readonly render: () => Promise<string>
  readonly contentType: string
}

/**
 * The daemon's Prometheus metrics:
 * `esl_records_total{flow,outcome}`, `esl_runs_total{flow,status}`, `esl_run_duration_seconds{flow}`,
 * `esl_queue_depth{state}`, `esl_cursor_lag{flow}` (change-log entries an outbound flow has not sent yet),
 * `esl_rate_limit_waits_total{system}`, `esl_rate_limit_wait_seconds_total{system}`, `esl_dead_letters{flow}` (open).
 */
export const makeMetrics = (app: {
  readonly flows: ReadonlyArray<Flow>
  readonly systems: ReadonlyMap<string, SystemInstance>
}): DaemonMetrics => {
  const registry = new Registry()
  const registers = [registry]
  const records = new Counter({
    name: "esl_records_total",
    help: "Records processed per flow and outcome",
    labelNames: ["flow", "outcome"] as const,
    registers,
  })
  const runs = new Counter({
    name: "esl_runs_total",
    help: "Flow runs per final status",
    labelNames: ["flow", "status"] as const,
    registers,
  })
  const duration = new Histogram({
    name: "esl_run_duration_seconds",
    help: "Duration of flow runs",
    labelNames: ["flow"] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers,
  })
  const queueDepth = new Gauge({
    name: "esl_queue_depth",
    help: "Jobs in the queue per state",
    labelNames: ["state"] as const,
    registers,
  })
  const cursorLag = new Gauge({
    name: "esl_cursor_lag",
    help: "Change-log entries an outbound flow has not sent yet",
    labelNames: ["flow"] as const,
    registers,
  })
  const rateLimitWaits = new Counter({
    name: "esl_rate_limit_waits_total",
    help: "Requests that waited for a vendor's rate limiter",
    labelNames: ["system"] as const,
    registers,
  })
  const rateLimitWaited = new Counter({
    name: "esl_rate_limit_wait_seconds_total",
    help: "Time spent waiting for vendors' rate limiters",
    labelNames: ["system"] as const,
    registers,
  })
  const deadLetters = new Gauge({
    name: "esl_dead_letters",
    help: "Open entries in the dead-letter queue per flow",
    labelNames: ["flow"] as const,
    registers,
  })

  // Every flow and system shows up from the first scrape, at zero, so dashboards and alerts have a series.
  for (const flow of app.flows) {
    for (const outcome of RECORD_OUTCOMES) records.inc({ flow: flow.name, outcome }, 0)
    deadLetters.set({ flow: flow.name }, 0)
    if (flow.kind === "outbound") cursorLag.set({ flow: flow.name }, 0)
  }
  for (const name of app.systems.keys()) {
    rateLimitWaits.inc({ system: name }, 0)
    rateLimitWaited.inc({ system: name }, 0)
  }

  // The limiters keep running totals; the counters advance by what changed since the last scrape.
  const seen = new Map<string, { waits: number; waitedMs: number }>()
  const collectRateLimits = () => {
    for (const [name, system] of app.systems) {
      const now = system.context.http.limiter.stats()
      const before = seen.get(name) ?? { waits: 0, waitedMs: 0 }
      // A limiter that restarted from zero counts from zero again.
      const waits = now.waits >= before.waits ? now.waits - before.waits : now.waits
      const waitedMs = now.waitedMs >= before.waitedMs ? now.waitedMs - before.waitedMs : now.waitedMs
      rateLimitWaits.inc({ system: name }, waits)
      rateLimitWaited.inc({ system: name }, waitedMs / 1000)
      seen.set(name, { waits: now.waits, waitedMs: now.waitedMs })
    }
  }

  const collectFlow = (store: StateStoreShape, flow: Flow) =>
    Effect.gen(function* () {
      deadLetters.set({ flow: flow.name }, yield* store.countDeadLetters({ flow: flow.name, status: "open" }))
      if (flow.kind === "outbound") {
        const cursor = (yield* store.getCursor(flow.name)) as { readonly seq?: number } | undefined
        const last = yield* store.lastChangeSeq(flow.entity)
        cursorLag.set({ flow: flow.name }, Math.max(0, last - (cursor?.seq ?? 0)))
      }
    })

  const recordCounts = (flow: string, counts: RunCounts) => {
    for (const outcome of RECORD_OUTCOMES) records.inc({ flow, outcome }, counts[outcome])
  }

  return {
    registry,
    contentType: registry.contentType,
    recordCounts,
    recordRun: (result) => {
      recordCounts(result.flow, result.counts)
      runs.inc({ flow: result.flow, status: result.status })
      duration.observe({ flow: result.flow }, result.durationMs / 1000)
    },
    collect: (store, queue) =>
      Effect.gen(function* () {
        collectRateLimits()
        // A store or queue that is down leaves the last values; /readyz is where that shows.
        yield* Effect.forEach(app.flows, (flow) => Effect.ignore(collectFlow(store, flow)), { discard: true })
        if (queue) {
          const depth = yield* Effect.either(queue.depth())
          if (depth._tag === "Right") {
            for (const [state, count] of Object.entries(depth.right)) queueDepth.set({ state }, count)
          }
        }
      }),
    render: () => registry.metrics(),
  }
}
