import { Duration, Effect, Fiber } from "effect"
import type { SystemInstance } from "../../connector/index.ts"
import type { StateStoreShape } from "../../state/index.ts"
import type { JobQueue } from "../jobs.ts"

/** One dependency's state as `/readyz` shows it. */
export interface CheckState {
  readonly ok: boolean
  readonly detail: string
  /** When it was checked (systems are checked periodically, not on every probe). */
  readonly checkedAt: string
}

export interface ReadinessReport {
  readonly ok: boolean
  readonly checks: Readonly<Record<string, CheckState>>
}

export interface Readiness {
  /** Checks the store and the queue now, and adds each system's last cached check. */
  readonly report: () => Effect.Effect<ReadinessReport>
  /** Runs every system's check now and caches the results (also done at start and periodically). */
  readonly checkSystems: () => Effect.Effect<void>
  /** Stops the periodic system checks. */
  readonly stop: () => Effect.Effect<void>
}

export interface ReadinessOptions {
  readonly systems: ReadonlyMap<string, SystemInstance>
  readonly store: StateStoreShape
  /** The queue, when jobs go through one (its `depth()` is the Redis check). */
  readonly queue?: JobQueue
  /** How often systems are re-checked (default 60 s). */
  readonly systemCheckInterval?: Duration.DurationInput
  /** How long one check may take before it counts as failed (default 5 s). */
  readonly checkTimeout?: Duration.DurationInput
}

const now = () => new Date().toISOString()

/**
 * What `/readyz` answers: the state store (a cheap query), the queue (its depth), and every
 * system's last `check`. Vendor checks cost requests against rate limits, so they run at start
 * and then every `systemCheckInterval`, and a probe reads the cached result.
 */
export const makeReadiness = (options: ReadinessOptions): Effect.Effect<Readiness> =>
  Effect.gen(function* () {
    const timeout = options.checkTimeout ?? "5 seconds"
    const systemStates = new Map<string, CheckState>()
    for (const name of options.systems.keys())
      systemStates.set(name, { ok: false, detail: "not checked yet", checkedAt: now() })

    const bounded = <A, E extends { readonly message: string }>(
      effect: Effect.Effect<A, E>,
      describe: (a: A) => string,
    ): Effect.Effect<CheckState> =>
      effect.pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () => ({ message: `no answer within ${Duration.format(timeout)}` }),
        }),
        Effect.match({
          onSuccess: (a) => ({ ok: true, detail: describe(a), checkedAt: now() }),
          onFailure: (e) => ({ ok: false, detail: e.message, checkedAt: now() }),
        }),
        Effect.catchAllDefect((defect) =>
          Effect.succeed({ ok: false, detail: `unexpected error: ${String(defect)}`, checkedAt: now() }),
        ),
      )

    const checkSystems = () =>
      Effect.forEach(
        options.systems,
        ([name, system]) =>
          bounded(system.connector.check(system.context), (r) => r.detail).pipe(
            Effect.map((state) =>
              state.ok ? state : { ...state, detail: system.context.http.redactor.string(state.detail) },
            ),
            Effect.tap((state) => Effect.sync(() => systemStates.set(name, state))),
          ),
        { concurrency: "unbounded", discard: true },
      )

    // The first round runs in the background: a slow vendor must not hold the daemon's start
    // (until it answers, the system counts as not ready).
    const periodic = yield* Effect.forkDaemon(
      checkSystems().pipe(Effect.zipRight(Effect.sleep(options.systemCheckInterval ?? "60 seconds")), Effect.forever),
    )

    const report = () =>
      Effect.gen(function* () {
        const checks: Record<string, CheckState> = {}
        checks.state = yield* bounded(options.store.lastChangeSeq(), () => `${options.store.backend} reachable`)
        if (options.queue) {
          checks.queue = yield* bounded(
            options.queue.depth(),
            (d) => `${options.queue?.kind} reachable, ${d.waiting} waiting, ${d.active} active`,
          )
        }
        for (const [name, state] of systemStates) checks[`system:${name}`] = state
        return { ok: Object.values(checks).every((c) => c.ok), checks }
      })

    return { report, checkSystems, stop: () => Fiber.interrupt(periodic).pipe(Effect.asVoid) }
  })
