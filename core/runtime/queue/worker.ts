import { createHash, randomUUID } from "node:crypto"
import { type Job as BullJob, DelayedError, Queue, UnrecoverableError, WaitingChildrenError, Worker } from "bullmq"
import { Cause, Effect, Exit, ManagedRuntime, Option } from "effect"
import {
  type ConfigError,
  instantiateSystem,
  type SystemDeclaration,
  type SystemInstance,
} from "../../connector/index.ts"
import {
  emptyCounts,
  type NewDeadLetter,
  type RunCounts,
  type RunStatus,
  type StateError,
  StateStore,
} from "../../state/index.ts"
import { addCounts, deadLetterFor, type Flow, processInboundPage, processOutboundRecords } from "../../sync/index.ts"
import type { App } from "../app.ts"
import { FLOW_QUEUE, type FlowRunJob, QueueError, type RecordsJob } from "../jobs.ts"
import { jobOptions, type RetryOptions } from "./bullmq.ts"
import { dropCompletedPayloads } from "./completedPayloads.ts"
import { type FlowLocks, flowLocks } from "./lock.ts"
import { closeRedis, DEFAULT_PREFIX, openRedis } from "./redis.ts"
import { shareRateLimits } from "./sharedRateLimit.ts"
import { type ChildJob, type RunPlan, splitRun } from "./split.ts"

/** What `startWorker` needs. */
export interface WorkerOptions {
  readonly app: App
  readonly redisUrl: string
  /** Jobs this worker runs at the same time (default 1). */
  readonly concurrency?: number
  /** Redis key prefix (default `esl`); workers and enqueuers of one deployment share it. */
  readonly prefix?: string
  /** Resolves the config's `env()` values again for the worker's own systems (default: process.env). */
  readonly environment?: Readonly<Record<string, string | undefined>>
  /** Attempts and backoff of the child jobs this worker enqueues (default 5 attempts from 1 s). */
  readonly retry?: RetryOptions
  /** Lifetime of a flow's lock without renewal (default 30 s): how long a dead holder blocks its flow. */
  readonly lockTtlMs?: number
  /** How long a flow-run job that found its flow locked waits before trying again (default 2 s). */
  readonly postponeMs?: number
  /** Share each system's rate limit with every worker through Redis (default true). */
  readonly sharedRateLimits?: boolean
  /** BullMQ's job lock: a worker silent this long is presumed dead and its job retried (default 30 s). */
  readonly lockDurationMs?: number
  /** How often BullMQ looks for jobs of dead workers (default 30 s). */
  readonly stalledIntervalMs?: number
  /** How many worker deaths one job survives before it fails for good (default 2). */
  readonly maxStalledCount?: number
  /** Told about every job this worker finished, failed or postponed (metrics, tests). */
  readonly onJob?: (event: WorkerEvent) => void
}

/** One job's outcome at this worker. */
export interface WorkerEvent {
  readonly worker: string
  readonly jobId: string
  readonly kind: string
  readonly flow: string
  readonly outcome: "completed" | "failed" | "postponed" | "waiting-children"
  /** Records the job carried (child jobs). */
  readonly records?: number
  readonly error?: string
}

/** A running worker. */
export interface WorkerHandle {
  readonly id: string
  /** Graceful: takes no new job, finishes the ones in hand, then closes its connections. */
  readonly close: (options?: { readonly force?: boolean }) => Effect.Effect<void>
}

/** A flow-run job's progress, kept in the job's data so a retry on another worker resumes it. */
interface RunProgress {
  readonly step: "split" | "commit"
  readonly runId?: string
  readonly plan?: RunPlan
}

type FlowRunData = FlowRunJob & { readonly progress?: RunProgress }
type AnyJobData = FlowRunData | RecordsJob | ChildJob

/** Why a job failed, as BullMQ stores it: the error's own message (redacted by the engine). */
class JobFailure extends Error {
  constructor(
    message: string,
    readonly tag: string,
  ) {
    super(message)
  }
}

const describe = (cause: Cause.Cause<unknown>): { message: string; tag: string } => {
  const failure = Cause.failureOption(cause)
  const error = Option.isSome(failure) ? failure.value : Cause.squash(cause)
  const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : "Defect"
  return { message: error instanceof Error ? error.message : String(error), tag }
}

/** BullMQ's reason for a job whose worker died too often (`maxStalledCount`). */
const STALLED_FOR_GOOD = /(stalled|started) more than allowable limit/

const isFinalAttempt = (job: BullJob, error: unknown): boolean =>
  error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)

/**
 * Starts a BullMQ worker for the app's flows. Any number of workers, in any number of processes
 * and machines, share the jobs of one Redis (and one PostgreSQL state).
 *
 * A `flow-run` job takes its flow's lock (postponed, not failed, while another run holds it),
 * reads the source (inbound: the vendor stream from the cursor; outbound: the hub's change log)
 * and enqueues one child job per page / batch of record ids; once every child is done it commits
 * the cursor, records the run and frees the lock. A crash anywhere re-reads from the old cursor:
 * at-least-once, and the engine's idempotent writes make it exactly-once in effect.
 */
export const startWorker = (
  options: WorkerOptions,
): Effect.Effect<WorkerHandle, QueueError | ConfigError | StateError> =>
  Effect.gen(function* () {
    const prefix = options.prefix ?? DEFAULT_PREFIX
    const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`
    const redis = openRedis(options.redisUrl)
    const cleanup: Array<() => Promise<void>> = [() => closeRedis(redis)]
    // In order: stop taking jobs before the connections and the state store they use go away.
    const closeAll = async () => {
      for (const step of cleanup.splice(0)) await step().catch(() => undefined)
    }
    const release = () => Effect.promise(closeAll)
    return yield* Effect.gen(function* () {
      const flows = yield* workerFlows(options, redis, prefix)
      const runtime = ManagedRuntime.make(options.app.state)
      cleanup.push(() => runtime.dispose())
      // Fail at start, not at the first job, when the state store cannot be opened.
      yield* Effect.tryPromise({
        try: () => runtime.runtime(),
        catch: (cause) => new QueueError({ operation: "open state", detail: String(cause) }),
      })
      const queue = new Queue(FLOW_QUEUE, { connection: redis, prefix })
      queue.on("error", () => undefined)
      cleanup.unshift(() => queue.close())
      const locks = flowLocks(redis, {
        prefix,
        ...(options.lockTtlMs !== undefined ? { ttlMs: options.lockTtlMs } : {}),
      })
      const keepers = new Map<string, { stop: () => void }>()
      cleanup.unshift(async () => {
        for (const keeper of keepers.values()) keeper.stop()
      })

      const context: JobContext = {
        workerId,
        flows,
        queue,
        locks,
        keepers,
        retry: options.retry ?? {},
        postponeMs: options.postponeMs ?? 2_000,
        exec: async (effect) => {
          const exit = await runtime.runPromiseExit(effect)
          if (Exit.isSuccess(exit)) return exit.value
          const { message, tag } = describe(exit.cause)
          throw new JobFailure(message, tag)
        },
        emit: (event) => options.onJob?.({ worker: workerId, ...event }),
      }

      const workerRedis = openRedis(options.redisUrl)
      cleanup.push(() => closeRedis(workerRedis))
      const worker = new Worker(FLOW_QUEUE, (job, token) => processJob(context, job, token), {
        connection: workerRedis,
        prefix,
        concurrency: options.concurrency ?? 1,
        name: workerId,
        ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
        ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
        maxStalledCount: options.maxStalledCount ?? 2,
      })
      // BullMQ retries its connection quietly; the operator should still hear about it.
      worker.on("error", (error) => {
        Effect.runFork(Effect.logWarning(`esl worker ${workerId}: ${error.message}`))
      })
      dropCompletedPayloads(worker)
      cleanup.unshift(() => worker.close(true))
      yield* Effect.tryPromise({
        try: () => worker.waitUntilReady(),
        catch: (cause) => new QueueError({ operation: "start worker", detail: String(cause) }),
      }).pipe(
        // BullMQ would wait for Redis forever; a worker that cannot start should say so.
        Effect.timeoutFail({
          duration: 15_000,
          onTimeout: () => new QueueError({ operation: "start worker", detail: "Redis did not answer within 15 s" }),
        }),
      )
      return {
        id: workerId,
        close: ({ force = false } = {}) =>
          Effect.promise(async () => {
            // Graceful: BullMQ stops fetching and waits for the jobs in hand before it resolves.
            await worker.close(force).catch(() => undefined)
            await closeAll()
          }),
      } satisfies WorkerHandle
    }).pipe(Effect.tapErrorCause(() => release()))
  })

/**
 * The app's flows on systems whose rate limiters are shared through Redis: the flows' systems
 * are built again from the config with the shared limiter swapped in for each local one.
 */
const workerFlows = (
  options: WorkerOptions,
  redis: ReturnType<typeof openRedis>,
  prefix: string,
): Effect.Effect<ReadonlyArray<Flow>, ConfigError> =>
  Effect.gen(function* () {
    if (options.sharedRateLimits === false) return options.app.flows
    const systems = new Map<string, SystemInstance>()
    const declarations = options.app.config.systems as Readonly<Record<string, SystemDeclaration>>
    for (const [name, declaration] of Object.entries(declarations)) {
      systems.set(
        name,
        (yield* instantiateSystem(name, declaration, options.environment ?? process.env, {
          rateLimiter: shareRateLimits(redis, prefix),
        })) as SystemInstance,
      )
    }
    return options.app.flows.map((flow): Flow => {
      const system = systems.get(flow.system.name)
      return system ? { ...flow, system } : flow
    })
  })

interface JobContext {
  readonly workerId: string
  readonly flows: ReadonlyArray<Flow>
  readonly queue: Queue
  readonly locks: FlowLocks
  /** The lock renewals of the runs this worker started, by lock token. */
  readonly keepers: Map<string, { stop: () => void }>
  readonly retry: RetryOptions
  readonly postponeMs: number
  readonly exec: <A, E>(effect: Effect.Effect<A, E, StateStore>) => Promise<A>
  readonly emit: (event: Omit<WorkerEvent, "worker">) => void
}

const flowOf = (context: JobContext, name: string): Flow => {
  const flow = context.flows.find((f) => f.name === name)
  // A job for a flow this config does not have will never succeed: no retries.
  if (!flow) throw new UnrecoverableError(`no flow "${name}" in this worker's config`)
  return flow
}

const processJob = async (context: JobContext, job: BullJob, token: string | undefined): Promise<unknown> => {
  const data = job.data as AnyJobData
  const jobId = job.id ?? ""
  try {
    const result = await (data.kind === "flow-run"
      ? runFlowJob(context, job, data, token ?? "")
      : data.kind === "records"
        ? runRecordsJob(context, data)
        : runChildJob(context, job, data))
    context.emit({
      jobId,
      kind: data.kind,
      flow: data.flow,
      outcome: "completed",
      ...(data.kind === "inbound-page" || data.kind === "outbound-batch" ? { records: recordsOf(data) } : {}),
    })
    return result
  } catch (error) {
    if (error instanceof DelayedError || error instanceof WaitingChildrenError) {
      context.emit({
        jobId,
        kind: data.kind,
        flow: data.flow,
        outcome: error instanceof DelayedError ? "postponed" : "waiting-children",
      })
    } else {
      context.emit({
        jobId,
        kind: data.kind,
        flow: data.flow,
        outcome: "failed",
        error: error instanceof Error ? error.message : String(error),
      })
    }
    throw error
  }
}

const recordsOf = (data: ChildJob): number =>
  data.kind === "inbound-page" ? data.raws.length : data.canonicalIds.length

/** Runs one flow as a parent job: split into children, then commit once they are all done. */
const runFlowJob = async (context: JobContext, job: BullJob, data: FlowRunData, token: string): Promise<RunCounts> => {
  const flow = flowOf(context, data.flow)
  // The job id is the lock token: a retry of this job (after its worker died) re-enters the lock.
  const lockToken = job.id ?? ""
  let progress: RunProgress = data.progress ?? { step: "split" }

  if (progress.step === "split") {
    if (!(await context.locks.acquire(flow.name, lockToken))) {
      // Another run of this flow is in progress: try again later, without spending an attempt.
      await job.moveToDelayed(Date.now() + context.postponeMs, token)
      throw new DelayedError()
    }
    // Renewed for as long as this process lives or until the run frees the lock; children renew
    // it too while they run, so a run survives its starter's death for as long as work goes on.
    if (!context.keepers.has(lockToken))
      context.keepers.set(
        lockToken,
        context.locks.keep(flow.name, lockToken, () => context.keepers.delete(lockToken)),
      )
    try {
      const runId = progress.runId ?? (await context.exec(Effect.flatMap(StateStore, (s) => s.startRun(flow.name))))
      if (progress.runId === undefined) {
        progress = { step: "split", runId }
        await job.updateData({ ...data, progress })
      }
      const plan = await context.exec(
        splitRun(flow, {
          full: data.full === true,
          add: (child, childId) => addChild(context, job, child, childId),
          lockToken,
          runId,
        }),
      )
      progress = { step: "commit", runId, plan }
      await job.updateData({ ...data, progress })
    } catch (error) {
      if (isFinalAttempt(job, error)) await failRun(context, flow, lockToken, progress.runId, error)
      throw error
    }
  }

  // Parked until every child is done; BullMQ hands the job back to a worker then.
  if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError()
  const runId = progress.runId ?? ""
  try {
    const counts = emptyCounts()
    for (const value of Object.values(await job.getChildrenValues<RunCounts>())) addCounts(counts, value)
    const failures = await job.getIgnoredChildrenFailures()
    for (const [key, reason] of Object.entries(failures)) {
      // A child that used up its attempts put its records in the DLQ: they count as failed.
      const child = await context.queue.getJob(key.slice(key.lastIndexOf(`:${FLOW_QUEUE}:`) + FLOW_QUEUE.length + 2))
      // Except one whose workers kept dying (BullMQ failed it for stalling, in Redis, without
      // running our code): its records go to the DLQ here, so the cursor never skips them silently.
      if (child && STALLED_FOR_GOOD.test(reason))
        await context.exec(deadLetterChild(flow, child.data as ChildJob, new Error(reason)))
      const records = child ? recordsOf(child.data as ChildJob) : 0
      counts.read += records
      counts.failed += records
    }
    const plan = progress.plan
    if (plan?.cursor !== undefined) {
      const cursor = plan.cursor
      await context.exec(
        Effect.flatMap(StateStore, (store) =>
          flow.kind === "outbound"
            ? store.commitOutbound({ flow: flow.name, cursor, xrefs: [] })
            : store.commitInbound({ flow: flow.name, cursor, records: [], xrefs: [] }),
        ),
      )
    }
    const status: RunStatus = counts.failed > 0 ? "partial" : "succeeded"
    const reasons = [...new Set(Object.values(failures))]
    await context.exec(
      Effect.flatMap(StateStore, (s) =>
        s.finishRun(runId, status, counts, reasons.length > 0 ? reasons.join("; ") : undefined),
      ),
    )
    await context.locks.release(flow.name, lockToken)
    stopKeeping(context, lockToken)
    return counts
  } catch (error) {
    if (isFinalAttempt(job, error)) await failRun(context, flow, lockToken, runId, error)
    throw error
  }
}

/** The run gave up for good: record why and free the flow for the next run. */
const failRun = async (
  context: JobContext,
  flow: Flow,
  lockToken: string,
  runId: string | undefined,
  error: unknown,
) => {
  const reason = flow.system.context.http.redactor.string(error instanceof Error ? error.message : String(error))
  if (runId !== undefined)
    await context
      .exec(Effect.flatMap(StateStore, (s) => s.finishRun(runId, "failed", emptyCounts(), reason)))
      .catch(() => undefined)
  await context.locks.release(flow.name, lockToken).catch(() => undefined)
  stopKeeping(context, lockToken)
}

const stopKeeping = (context: JobContext, lockToken: string) => {
  context.keepers.get(lockToken)?.stop()
  context.keepers.delete(lockToken)
}

/** Adds a child of the run job; its id derives from its content, so a re-split adds nothing twice. */
const addChild = (context: JobContext, parent: BullJob, child: ChildJob, index: number) =>
  Effect.tryPromise({
    try: async () => {
      const hash = createHash("sha1")
        .update(JSON.stringify(child.kind === "inbound-page" ? child.raws : child.canonicalIds))
        .digest("hex")
        .slice(0, 16)
      await context.queue.add(child.kind, child, {
        ...jobOptions(context.retry),
        // Kept an hour so a re-split of the run finds its id and adds the page nothing twice; its
        // records are dropped once it is done (completedPayloads.ts), its result is with the parent.
        removeOnComplete: { age: 3600 },
        jobId: `${parent.id ?? ""}|${index}|${hash}`,
        parent: { id: parent.id ?? "", queue: parent.queueQualifiedName },
        // A child that fails for good is in the DLQ; the run still commits past it.
        ignoreDependencyOnFailure: true,
      })
    },
    catch: (cause) => new QueueError({ operation: "add child job", detail: String(cause) }),
  })

/** One page (inbound) or batch of record ids (outbound) of a run, without the cursor. */
const runChildJob = async (context: JobContext, job: BullJob, data: ChildJob): Promise<RunCounts> => {
  const flow = flowOf(context, data.flow)
  const keeper = context.locks.keep(flow.name, data.lockToken)
  try {
    return await context.exec(
      data.kind === "inbound-page"
        ? flow.kind === "inbound"
          ? processInboundPage(flow, data.raws)
          : Effect.die(`flow ${flow.name} is not inbound`)
        : flow.kind === "outbound"
          ? Effect.flatMap(StateStore, (store) =>
              Effect.flatMap(store.recordsById(flow.entity, data.canonicalIds), (records) =>
                processOutboundRecords(flow, [...records.values()]),
              ),
            )
          : Effect.die(`flow ${flow.name} is not outbound`),
    )
  } catch (error) {
    if (isFinalAttempt(job, error)) await context.exec(deadLetterChild(flow, data, error))
    throw error
  } finally {
    keeper.stop()
  }
}

/**
 * A child job that used up its attempts: every record it carried goes to the DLQ with the reason
 * (record-level failures are already there; this is for a whole batch the vendor never took).
 */
const deadLetterChild = (flow: Flow, data: ChildJob, error: unknown) =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const redactor = flow.system.context.http.redactor
    const failure = {
      _tag: error instanceof JobFailure ? error.tag : "JobFailed",
      message: `gave up after every retry: ${error instanceof Error ? error.message : String(error)}`,
    }
    let letters: NewDeadLetter[]
    if (data.kind === "inbound-page") {
      letters = data.raws.map((raw) => {
        const id = safeIdOf(flow, raw)
        return deadLetterFor(flow, redactor, { recordKey: id, sourceId: id, payload: raw }, failure)
      })
    } else {
      const records = yield* store.recordsById(flow.entity, data.canonicalIds)
      letters = data.canonicalIds.map((canonicalId) => {
        const record = records.get(canonicalId)
        return deadLetterFor(
          flow,
          redactor,
          { recordKey: record?.naturalKey ?? canonicalId, sourceId: canonicalId, payload: record?.payload ?? null },
          failure,
        )
      })
    }
    if (letters.length > 0) yield* store.addDeadLetters(letters)
  })

const safeIdOf = (flow: Flow, raw: unknown): string => {
  if (flow.kind !== "inbound") return "unknown"
  try {
    return flow.stream.idOf(raw)
  } catch {
    return "unknown"
  }
}

/**
 * A webhook said these records changed: re-read them, merge them into the hub, then queue a run of
 * every outbound flow of the entity (one per event and flow, so a retry adds none twice).
 */
const runRecordsJob = async (context: JobContext, data: RecordsJob): Promise<RunCounts> => {
  const flow = flowOf(context, data.flow)
  if (flow.kind !== "inbound") throw new UnrecoverableError(`flow ${flow.name} is not inbound`)
  const read = flow.stream.readByIds
  if (!read) throw new UnrecoverableError(`stream ${flow.streamName} of ${flow.system.name} cannot read by id`)
  const counts = await context.exec(
    Effect.gen(function* () {
      const store = yield* StateStore
      const runId = yield* store.startRun(flow.name)
      const outcome = yield* Effect.either(
        Effect.flatMap(read(flow.system.context, data.externalIds), (raws) => processInboundPage(flow, raws)),
      )
      if (outcome._tag === "Left") {
        yield* store.finishRun(
          runId,
          "failed",
          emptyCounts(),
          flow.system.context.http.redactor.string(outcome.left.message),
        )
        return yield* Effect.fail(outcome.left)
      }
      yield* store.finishRun(runId, outcome.right.failed > 0 ? "partial" : "succeeded", outcome.right)
      return outcome.right
    }),
  )
  const safeEvent = data.eventId.replaceAll(":", "_")
  for (const target of context.flows) {
    if (target.kind !== "outbound" || target.entity !== flow.entity) continue
    const next: FlowRunJob = { kind: "flow-run", flow: target.name, trigger: "webhook" }
    await context.queue.add(next.kind, next, {
      ...jobOptions(context.retry),
      jobId: `after|${safeEvent}|${target.name}`,
    })
  }
  return counts
}
