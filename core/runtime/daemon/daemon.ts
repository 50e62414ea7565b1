import { Context, Duration, Effect, Exit, Layer, Runtime, Scope } from "effect"
import type { ConfigError } from "../../connector/index.ts"
import { type StateError, StateStore, type StateStoreShape } from "../../state/index.ts"
import type { FlowResult } from "../../sync/index.ts"
import type { App } from "../app.ts"
import type { JobQueue, WebhookHandler } from "../jobs.ts"
import { runJob } from "./jobRunner.ts"
import { type DrainOutcome, isLocalQueue, localQueue } from "./localQueue.ts"
import { type DaemonMetrics, makeMetrics } from "./metrics.ts"
import { makeReadiness } from "./readiness.ts"
import { type CronDriver, type Scheduler, startScheduler, type TickOutcome } from "./scheduler.ts"
import { type DaemonServerError, startServer } from "./server.ts"

/** What the daemon did, in order: for logs and for tests that assert a shutdown's sequence. */
export type DaemonEvent =
  | { readonly type: "started"; readonly url: string }
  | ({ readonly type: "tick" } & TickOutcome)
  | { readonly type: "job-started"; readonly jobId: string; readonly flow: string }
  | {
      readonly type: "job-finished"
      readonly jobId: string
      readonly flow: string
      readonly results: ReadonlyArray<FlowResult>
    }
  | { readonly type: "shutdown-requested" }
  | { readonly type: "schedules-stopped" }
  | { readonly type: "server-closed" }
  | { readonly type: "drained"; readonly outcome: DrainOutcome; readonly dropped: ReadonlyArray<string> }
  | { readonly type: "closed" }

export interface DaemonOptions {
  readonly app: App
  /**
   * Where scheduled and webhook jobs go. Default: the embedded queue, whose jobs this daemon
   * runs itself. Any other queue (BullMQ) is only fed here; `esl worker` processes run its jobs.
   */
  readonly queue?: JobQueue
  /** HTTP port (0: any free one). */
  readonly port: number
  /** Default 0.0.0.0. */
  readonly host?: string
  /** Serves `POST /webhooks/<system>`; without one (or `webhookHandlerFor`), those answer 404. */
  readonly webhookHandler?: WebhookHandler
  /** Builds the webhook handler on the daemon's queue and open state store (what `esl daemon` uses). */
  readonly webhookHandlerFor?: (deps: { readonly queue: JobQueue; readonly store: StateStoreShape }) => WebhookHandler
  /** What fires the schedules (default node-cron). */
  readonly driver?: CronDriver
  /** How long a shutdown waits for the job in hand before interrupting it (default 25 s). */
  readonly drainTimeout?: Duration.DurationInput
  /** How often `/readyz` re-checks the systems (default 60 s). */
  readonly systemCheckInterval?: Duration.DurationInput
  readonly maxBodyBytes?: number
  readonly onEvent?: (event: DaemonEvent) => void
}

export interface DaemonHandle {
  readonly url: string
  readonly port: number
  readonly queue: JobQueue
  readonly scheduler: Scheduler
  readonly metrics: DaemonMetrics
  /**
   * Graceful shutdown: stop the schedules, stop accepting HTTP connections, let the job in hand
   * finish (up to `drainTimeout`), close the queue and the state store. Idempotent.
   */
  readonly close: () => Promise<void>
}

/**
 * Starts `esl daemon`: opens (and so migrates) the state store, checks the systems, arms the
 * schedules and serves `/healthz`, `/readyz`, `/metrics` and `/webhooks/<system>`. With the
 * embedded queue, it also runs the jobs.
 */
export const startDaemon = (
  options: DaemonOptions,
): Effect.Effect<DaemonHandle, ConfigError | StateError | DaemonServerError> =>
  Effect.gen(function* () {
    const { app } = options
    const emit = (event: DaemonEvent) => options.onEvent?.(event)
    const queue = options.queue ?? localQueue()
    const scope = yield* Scope.make()
    const started = yield* Effect.gen(function* () {
      const store = Context.get(yield* Layer.buildWithScope(Layer.fresh(app.state), scope), StateStore)
      const metrics = makeMetrics(app)
      const readiness = yield* makeReadiness({
        systems: app.systems,
        store,
        ...(queue.kind === "in-process" ? {} : { queue }),
        ...(options.systemCheckInterval !== undefined ? { systemCheckInterval: options.systemCheckInterval } : {}),
      })
      const scheduler = yield* startScheduler({
        flows: app.flows,
        queue,
        ...(options.driver ? { driver: options.driver } : {}),
        onTick: (outcome) => emit({ type: "tick", ...outcome }),
      }).pipe(Effect.tapError(() => readiness.stop()))
      const webhookHandler = options.webhookHandler ?? options.webhookHandlerFor?.({ queue, store })
      const server = yield* startServer({
        port: options.port,
        ...(options.host !== undefined ? { host: options.host } : {}),
        readiness: readiness.report,
        metrics: () => metrics.collect(store, queue).pipe(Effect.zipRight(Effect.promise(metrics.render))),
        metricsContentType: metrics.contentType,
        ...(webhookHandler ? { webhookHandler } : {}),
        ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
      }).pipe(Effect.tapError(() => Effect.zipRight(Effect.sync(scheduler.stop), readiness.stop())))
      return { store, metrics, readiness, scheduler, server }
    }).pipe(Effect.onError((cause) => Scope.close(scope, Exit.failCause(cause))))
    const { store, metrics, readiness, scheduler, server } = started

    if (isLocalQueue(queue)) {
      yield* queue.start((job, jobId) =>
        Effect.gen(function* () {
          emit({ type: "job-started", jobId, flow: job.flow })
          const results = yield* runJob(
            { app, onResult: metrics.recordRun, onRecords: metrics.recordCounts },
            job,
            jobId,
          ).pipe(Effect.provideService(StateStore, store))
          emit({ type: "job-finished", jobId, flow: job.flow, results })
        }),
      )
    }

    const drainTimeout = options.drainTimeout ?? "25 seconds"
    const shutdown = Effect.gen(function* () {
      emit({ type: "shutdown-requested" })
      yield* Effect.logInfo("shutting down: no new jobs, finishing the one in hand")
      scheduler.stop()
      emit({ type: "schedules-stopped" })
      const serverClosed = server.stopAccepting()
      emit({ type: "server-closed" })
      if (isLocalQueue(queue)) {
        const drained = yield* queue.drain(drainTimeout)
        emit({ type: "drained", ...drained })
        if (drained.outcome === "interrupted")
          yield* Effect.logWarning(
            `the job in hand did not finish within ${Duration.format(drainTimeout)}; it was interrupted after its last committed batch`,
          )
        if (drained.dropped.length > 0)
          yield* Effect.logInfo(`dropped ${drained.dropped.length} waiting job(s); their next tick runs them`)
      }
      yield* readiness.stop()
      yield* queue.close()
      // Requests in progress get a moment to be answered; a hung client does not hold the exit.
      yield* Effect.promise(() => serverClosed).pipe(Effect.timeout("5 seconds"), Effect.ignore)
      yield* Scope.close(scope, Exit.void)
      yield* Effect.logInfo("daemon stopped")
      emit({ type: "closed" })
    })

    const runtime = yield* Effect.runtime<never>()
    let closing: Promise<void> | undefined
    yield* Effect.logInfo("daemon started").pipe(
      Effect.annotateLogs({
        url: server.url,
        queue: queue.kind,
        scheduled: scheduler.flows.join(",") || "(none)",
      }),
    )
    emit({ type: "started", url: server.url })
    return {
      url: server.url,
      port: server.port,
      queue,
      scheduler,
      metrics,
      close: () => {
        closing ??= Runtime.runPromise(runtime)(shutdown)
        return closing
      },
    }
  })

/**
 * Closes the daemon on the first SIGTERM or SIGINT and resolves with that signal once it is
 * closed. A second signal while draining is ignored (the drain is already bounded).
 */
export const closeOnSignal = (
  handle: Pick<DaemonHandle, "close">,
  signals: ReadonlyArray<NodeJS.Signals> = ["SIGTERM", "SIGINT"],
): Promise<NodeJS.Signals> =>
  new Promise((resolve, reject) => {
    let received: NodeJS.Signals | undefined
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) return
      received = signal
      handle.close().then(
        () => {
          for (const s of signals) process.off(s, onSignal)
          resolve(signal)
        },
        (error: unknown) => {
          for (const s of signals) process.off(s, onSignal)
          reject(error)
        },
      )
    }
    for (const s of signals) process.on(s, onSignal)
  })
