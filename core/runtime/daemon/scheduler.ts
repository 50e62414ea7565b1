import { Effect, Runtime } from "effect"
import { createTask, validateDetailed } from "node-cron"
import { ConfigError } from "../../connector/index.ts"
import { type FlowRunJob, type JobQueue, type QueueError, scheduledJobId } from "../jobs.ts"

/** A flow as the scheduler sees it: its name and, when it has one, its cron expression. */
export interface SchedulableFlow {
  readonly name: string
  readonly schedule?: string | undefined
}

/** One armed cron timer. */
export interface CronTimer {
  readonly stop: () => void
  /** When it fires next; null once stopped. */
  readonly nextRun: () => Date | null
}

/**
 * What fires the ticks: node-cron in production, a hand-driven trigger in tests. `onTick` gets
 * the time the tick was scheduled for (not when the timer happened to run).
 */
export type CronDriver = (flow: string, expression: string, onTick: (scheduledAt: Date) => void) => CronTimer

/** node-cron timers (local time zone, unref'd so a stopped daemon can exit). */
export const nodeCronDriver: CronDriver = (flow, expression, onTick) => {
  const task = createTask(expression, (context) => onTick(context.date), { name: `esl:${flow}`, unref: true })
  void task.start()
  return {
    stop: () => void task.destroy(),
    nextRun: () => (task.getStatus() === "destroyed" ? null : task.getNextRun()),
  }
}

/** Checks a flow's cron expression; a bad one fails at start with the flow's path. */
export const validateSchedule = (flow: string, expression: string): Effect.Effect<void, ConfigError> => {
  const result = validateDetailed(expression)
  if (result.valid) return Effect.void
  return Effect.fail(
    new ConfigError({
      path: `flows.${flow}.schedule`,
      detail: `"${expression}" is not a valid cron expression: ${result.errors.map((e) => e.message).join("; ")}`,
      hint: "Use five fields (minute hour day month weekday), e.g. */15 * * * * for every 15 minutes",
    }),
  )
}

/**
 * The tick a firing belongs to: the firing time truncated to the expression's resolution (the
 * minute, or the second for six-field expressions that name seconds), so every replica that fires
 * the same tick computes the same instant, whatever its timer's jitter.
 */
export const tickOf = (expression: string, firedAt: Date): Date => {
  const result = validateDetailed(expression)
  const everySecond = result.fields !== undefined && result.fields.second.length > 1
  const step = everySecond ? 1_000 : 60_000
  return new Date(Math.floor(firedAt.getTime() / step) * step)
}

/**
 * When a cron expression fires next from now (local time zone), or null when it is invalid: what
 * `esl status` shows per scheduled flow without a running daemon to ask.
 */
export const nextRunOf = (expression: string): Date | null => {
  if (!validateDetailed(expression).valid) return null
  const task = createTask(expression, () => undefined)
  try {
    return task.getNextRuns(1)[0] ?? null
  } finally {
    void task.destroy()
  }
}

/** What one tick did: the job id it enqueued, and whether another replica had already enqueued it. */
export interface TickOutcome {
  readonly flow: string
  readonly tick: Date
  readonly jobId: string
  readonly duplicate: boolean
}

export interface Scheduler {
  /** The scheduled flows' names. */
  readonly flows: ReadonlyArray<string>
  /** Enqueues the run of `flow` for the tick `firedAt` belongs to (what the timer calls). */
  readonly fire: (flow: string, firedAt: Date) => Effect.Effect<TickOutcome, QueueError>
  /** Per scheduled flow, when it runs next (null once stopped): for `esl status`. */
  readonly nextRuns: () => ReadonlyMap<string, Date | null>
  /** Disarms every timer; ticks after this enqueue nothing. Idempotent. */
  readonly stop: () => void
}

export interface SchedulerOptions {
  readonly flows: ReadonlyArray<SchedulableFlow>
  readonly queue: JobQueue
  /** Default: node-cron. */
  readonly driver?: CronDriver
  /** Called after every tick's enqueue (logging, tests). */
  readonly onTick?: (outcome: TickOutcome) => void
}

/**
 * Validates every flow's schedule, then arms one timer per scheduled flow. Each tick enqueues
 * `{ kind: "flow-run", trigger: "schedule", tick }` under `scheduledJobId(flow, tick)`, so when
 * several daemons run, a de-duplicating queue keeps one job per flow and tick.
 */
export const startScheduler = (options: SchedulerOptions): Effect.Effect<Scheduler, ConfigError> =>
  Effect.gen(function* () {
    const scheduled = options.flows.filter(
      (f): f is SchedulableFlow & { readonly schedule: string } => f.schedule !== undefined,
    )
    for (const flow of scheduled) yield* validateSchedule(flow.name, flow.schedule)
    const expressions = new Map(scheduled.map((f) => [f.name, f.schedule]))
    const runtime = yield* Effect.runtime<never>()
    const driver = options.driver ?? nodeCronDriver
    const timers = new Map<string, CronTimer>()
    let stopped = false

    const fire = (flow: string, firedAt: Date): Effect.Effect<TickOutcome, QueueError> =>
      Effect.gen(function* () {
        const expression = expressions.get(flow)
        const tick = expression === undefined ? firedAt : tickOf(expression, firedAt)
        const job: FlowRunJob = { kind: "flow-run", flow, trigger: "schedule", tick: tick.toISOString() }
        const { jobId, duplicate } = yield* options.queue.enqueue(job, { jobId: scheduledJobId(flow, tick) })
        const outcome: TickOutcome = { flow, tick, jobId, duplicate }
        options.onTick?.(outcome)
        yield* Effect.logInfo(duplicate ? "tick already enqueued by another replica" : "tick enqueued").pipe(
          Effect.annotateLogs({ flow, jobId, tick: outcome.tick.toISOString() }),
        )
        return outcome
      })

    const whenDue = (flow: string) => (scheduledAt: Date) => {
      if (stopped) return
      Runtime.runFork(runtime)(
        fire(flow, scheduledAt).pipe(
          Effect.catchAll((error) =>
            Effect.logError(`could not enqueue the scheduled run: ${error.message}`).pipe(
              Effect.annotateLogs({ flow }),
            ),
          ),
        ),
      )
    }
    for (const flow of scheduled) timers.set(flow.name, driver(flow.name, flow.schedule, whenDue(flow.name)))

    return {
      flows: scheduled.map((f) => f.name),
      fire,
      nextRuns: () => new Map(scheduled.map((f) => [f.name, stopped ? null : (timers.get(f.name)?.nextRun() ?? null)])),
      stop: () => {
        if (stopped) return
        stopped = true
        for (const timer of timers.values()) timer.stop()
      },
    }
  })
