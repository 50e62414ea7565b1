/**
 * Distributed benchmark: the engine benchmark's full sync (generated Odoo catalogue → hub →
 * counting Shopify sink, see `engine.ts`) run the production way, `esl worker` processes taking
 * the run's jobs from BullMQ on the real Redis with the state in the real PostgreSQL, with 1 and
 * 2 workers, against the in-process runner (what `esl sync` runs) on the same PostgreSQL.
 *
 * Every run gets its own PostgreSQL schema and Redis key prefix (so its own queue), removed
 * afterwards. While each run goes, the CPU time of every process on the machine is sampled from
 * `/proc` and grouped (workers, PostgreSQL connections of the run, Redis, the rest), so the
 * figures say where the time went on a machine whose cores everything shares.
 *
 *   npx tsx bench/distributed.ts                       # 100,000 variants, 1 and 2 workers
 *   npx tsx bench/distributed.ts --variants 20000 --workers 1,2,3 --rounds 3 --skip-sqlite
 *
 * With `--rounds N` the runners take turns N times and each keeps its fastest round.
 */
import { execFile } from "node:child_process"
import { cpus } from "node:os"
import { promisify } from "node:util"
import { Queue, QueueEvents } from "bullmq"
import { Effect } from "effect"
import { Client } from "pg"
import { eslNodeOptions } from "../cli/nodeOptions.ts"
import { FLOW_QUEUE } from "../core/runtime/jobs.ts"
import { bullmqQueue } from "../core/runtime/queue/bullmq.ts"
import { closeRedis, openRedis } from "../core/runtime/queue/redis.ts"
import { dropSchema, removePrefix, uniqueName } from "../core/runtime/queue/testing.ts"
import type { RunCounts } from "../core/state/index.ts"
import type { FlowResult } from "../core/sync/index.ts"
import { type CpuUsage, startCpuSampler } from "./cpuSampler.ts"
import {
  inProcessRunnerCommand,
  isMain,
  type ReadyProcess,
  RUNNER_READY,
  type StartedWorker,
  startReadyProcess,
  startWorkers,
  stopWorkers,
} from "./distributedProcesses.ts"
import { type EngineBenchResult, engineCommand, engineResultIn, VARIANTS_PER_PRODUCT } from "./engine.ts"
import { type RunJobTimings, redisBytesUnder, runJobTimings } from "./jobTimings.ts"
import { argValue, type BenchSection, type Figure, fmt } from "./section.ts"

const DEFAULT_VARIANTS = 100_000
const DEFAULT_WORKERS = [1, 2]
const FLOWS = ["erp-products", "shop-products"] as const
/** A run that has not settled after this long is stuck, not slow. */
const SETTLE_TIMEOUT_MS = 20 * 60_000

const execFileAsync = promisify(execFile)
const databaseUrlOf = () => process.env.DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test"
const redisUrlOf = () => process.env.REDIS_URL ?? "redis://127.0.0.1:6379"

/** One run's home: its schema, Redis prefix, and a PostgreSQL URL whose connections carry its name. */
interface Deployment {
  readonly name: string
  readonly environment: Readonly<Record<string, string | undefined>>
}

const deployment = (variants: number, label: string): Deployment => {
  const name = uniqueName(`bench_${label}`)
  const url = new URL(databaseUrlOf())
  // Named connections: the CPU of this run's PostgreSQL backends can be told from everyone else's.
  url.searchParams.set("application_name", name)
  return {
    name,
    environment: {
      DATABASE_URL: url.toString(),
      ESL_BENCH_SCHEMA: name,
      ESL_BENCH_VARIANTS: String(variants),
      ESL_QUEUE_PREFIX: name,
    },
  }
}

/** The PostgreSQL backends serving `applicationName`, polled while a run goes (they come and go with pools). */
const watchBackends = async (applicationName: string) => {
  const client = new Client({ connectionString: databaseUrlOf(), application_name: "esl bench observer" })
  await client.connect()
  const pids = new Set<number>()
  const poll = async () => {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1",
      [applicationName],
    )
    for (const row of rows) pids.add(row.pid)
  }
  await poll()
  const timer = setInterval(() => void poll().catch(() => undefined), 1_000)
  return {
    pids,
    stop: async () => {
      clearInterval(timer)
      await poll().catch(() => undefined)
      await client.end()
    },
  }
}

/** CPU seconds by group while `work` runs: the run's processes, its PostgreSQL backends, Redis, the rest. */
const withCpu = async <A>(
  applicationName: string,
  processes: () => ReadonlyMap<number, string>,
  work: () => Promise<A>,
): Promise<{ value: A; cpu: CpuUsage }> => {
  const backends = await watchBackends(applicationName)
  const sampler = startCpuSampler((pid, comm) => {
    const named = processes().get(pid)
    if (named !== undefined) return named
    if (pid === process.pid) return "bench (enqueue, wait, sample)"
    if (comm === "postgres") return backends.pids.has(pid) ? "postgres (this run)" : "postgres (other)"
    if (comm.startsWith("redis-server")) return "redis"
    return undefined
  })
  let cpu: CpuUsage | undefined
  try {
    const value = await work()
    cpu = sampler.stop()
    return { value, cpu }
  } finally {
    if (cpu === undefined) sampler.stop()
    await backends.stop()
  }
}

/** What one runner did with the catalogue. */
export interface RunnerResult {
  readonly runner: string
  readonly workers?: number
  /** The flows' times added up: each from its start (enqueue) to its end (workers already running). */
  readonly ms: number
  readonly variantsPerSecond: number
  readonly flows: Readonly<Record<string, { readonly ms: number; readonly counts: RunCounts }>>
  /** Per flow: the jobs the run was split into and what the queue cost (BullMQ runs only). */
  readonly jobs?: Readonly<Record<string, RunJobTimings>>
  /** What the run's jobs still hold in Redis once it is done (BullMQ runs only). */
  readonly redisMiB?: number
  readonly cpu: CpuUsage
}

const checkCounts = (runner: string, flow: string, counts: RunCounts, products: number) => {
  // Every product read and created exactly once: nothing lost, nothing written twice.
  if (counts.read !== products || counts.created !== products || counts.failed !== 0 || counts.updated !== 0)
    throw new Error(
      `${runner}: ${flow} expected ${products} products read and created once, got ${JSON.stringify(counts)}`,
    )
}

/** The in-process runner (what `esl sync` runs) on PostgreSQL, in its own process. */
const runInProcess = async (variants: number, products: number): Promise<RunnerResult> => {
  const home = deployment(variants, "inproc")
  let runner: ReadyProcess | undefined
  try {
    runner = await startReadyProcess(
      inProcessRunnerCommand(),
      { ...home.environment, REDIS_URL: undefined },
      new RegExp(RUNNER_READY),
    )
    const started = runner
    const { value, cpu } = await withCpu(
      home.name,
      () => new Map([[started.pid, "in-process runner"]]),
      async () => {
        started.process.stdin?.end("go\n")
        await started.exited
        return JSON.parse(started.stdout()) as ReadonlyArray<FlowResult>
      },
    )
    const flows: Record<string, { ms: number; counts: RunCounts }> = {}
    for (const flow of FLOWS) {
      const r = value.find((f) => f.flow === flow)
      if (!r) throw new Error(`the in-process runner reported no ${flow}`)
      checkCounts("in-process", flow, r.counts, products)
      flows[flow] = { ms: r.durationMs, counts: r.counts }
    }
    const ms = Object.values(flows).reduce((n, f) => n + f.ms, 0)
    return { runner: "in-process", ms, variantsPerSecond: Math.round(variants / (ms / 1000)), flows, cpu }
  } finally {
    runner?.process.kill("SIGKILL")
    await dropSchema(databaseUrlOf(), home.name)
  }
}

/** `workers` `esl worker` processes on BullMQ; the two flows enqueued one after the other, as a schedule would. */
const runOnBullmq = async (variants: number, products: number, workers: number): Promise<RunnerResult> => {
  const home = deployment(variants, `w${workers}`)
  const redisUrl = redisUrlOf()
  const environment = { ...home.environment, REDIS_URL: redisUrl }
  let started: ReadonlyArray<StartedWorker> = []
  const queue = bullmqQueue(redisUrl, { prefix: home.name })
  // Told by Redis when a run job finishes, rather than asking it over and over on a busy machine.
  const eventsConnection = openRedis(redisUrl)
  const events = new QueueEvents(FLOW_QUEUE, { connection: eventsConnection, prefix: home.name })
  events.on("error", () => undefined)
  const redis = openRedis(redisUrl)
  const flowQueue = new Queue(FLOW_QUEUE, { connection: redis, prefix: home.name })
  flowQueue.on("error", () => undefined)
  try {
    await events.waitUntilReady()
    started = await startWorkers(workers, environment)
    const names = new Map(started.map((w, i) => [w.pid, `esl worker ${i + 1}`]))
    const { value, cpu } = await withCpu(
      home.name,
      () => names,
      async () => {
        const flows: Record<string, { ms: number; counts: RunCounts; jobId: string }> = {}
        for (const flow of FLOWS) {
          const at = performance.now()
          const { jobId } = await Effect.runPromise(
            queue.enqueue({ kind: "flow-run", flow, trigger: "manual" }, { jobId: `bench|${flow}` }),
          )
          const job = await flowQueue.getJob(jobId)
          if (!job) throw new Error(`${flow}: job ${jobId} is not in the queue`)
          // Rejects with the failure reason when the run fails.
          const counts = (await job.waitUntilFinished(events, SETTLE_TIMEOUT_MS)) as RunCounts
          flows[flow] = { ms: Math.round(performance.now() - at), counts, jobId }
        }
        return flows
      },
    )
    // Read back once the clock and the CPU sampling have stopped.
    const jobs: Record<string, RunJobTimings> = {}
    const flows: Record<string, { ms: number; counts: RunCounts }> = {}
    for (const [flow, { ms, counts, jobId }] of Object.entries(value)) {
      checkCounts(`${workers} worker(s)`, flow, counts, products)
      flows[flow] = { ms, counts }
      jobs[flow] = await runJobTimings(
        redis,
        home.name,
        jobId,
        started.map((w) => w.id),
      )
    }
    const ms = Object.values(flows).reduce((n, f) => n + f.ms, 0)
    return {
      runner: "bullmq",
      workers,
      ms,
      variantsPerSecond: Math.round(variants / (ms / 1000)),
      flows,
      jobs,
      redisMiB: Math.round((await redisBytesUnder(redis, home.name)) / 2 ** 20),
      cpu,
    }
  } finally {
    await stopWorkers(started)
    await Effect.runPromise(queue.close())
    await flowQueue.close().catch(() => undefined)
    await events.close().catch(() => undefined)
    await closeRedis(eventsConnection)
    await closeRedis(redis)
    await removePrefix(redisUrl, home.name)
    await dropSchema(databaseUrlOf(), home.name)
  }
}

/** The engine benchmark's embedded default (SQLite, in-process) at the same size, for reference. */
const sqliteReference = async (variants: number): Promise<EngineBenchResult> => {
  const { stdout } = await execFileAsync(process.execPath, engineCommand(variants, eslNodeOptions), {
    maxBuffer: 16 * 2 ** 20,
  })
  const result = engineResultIn(stdout)
  if (result === undefined) throw new Error("bench/engine.ts printed no result")
  return result
}

const servicesDown = async (): Promise<string | undefined> => {
  const client = new Client({ connectionString: databaseUrlOf(), connectionTimeoutMillis: 2_000 })
  client.on("error", () => undefined)
  try {
    await client.connect()
    await client.query("SELECT 1")
  } catch (cause) {
    return `PostgreSQL at ${databaseUrlOf()} is not reachable (${String(cause)})`
  } finally {
    await client.end().catch(() => undefined)
  }
  const redis = openRedis(redisUrlOf(), { failFast: true })
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("no answer in 2 s")), 2_000)),
    ])
  } catch (cause) {
    return `Redis at ${redisUrlOf()} is not reachable (${String(cause)})`
  } finally {
    await closeRedis(redis)
  }
  return undefined
}

export interface DistributedBenchResult {
  readonly variants: number
  readonly products: number
  readonly sqlite?: { readonly ms: number; readonly variantsPerSecond: number }
  /** Per runner, its fastest round: the one the machine's other work disturbed least. */
  readonly runs: ReadonlyArray<RunnerResult>
  /** Variants/s of every round, by runner, in the order run. */
  readonly rounds: Readonly<Record<string, ReadonlyArray<number>>>
}

/**
 * Runs the in-process runner, then BullMQ with each worker count, at `variants` variants; with
 * several rounds, the runners take turns, so a burst of other work on the machine hits them alike.
 */
export const benchDistributed = async (options: {
  readonly variants: number
  readonly workers: ReadonlyArray<number>
  readonly sqlite: boolean
  readonly rounds: number
}): Promise<DistributedBenchResult> => {
  const products = Math.ceil(options.variants / VARIANTS_PER_PRODUCT)
  const variants = products * VARIANTS_PER_PRODUCT
  let sqlite: DistributedBenchResult["sqlite"]
  if (options.sqlite) {
    console.error(`distributed: ${fmt(variants)} variants, SQLite in-process (reference)…`)
    const engine = await sqliteReference(variants)
    sqlite = { ms: engine.full.ms, variantsPerSecond: engine.full.variantsPerSecond }
  }
  const best = new Map<string, RunnerResult>()
  const rounds: Record<string, number[]> = {}
  const keep = (run: RunnerResult) => {
    const label = labelOf(run)
    rounds[label] = [...(rounds[label] ?? []), run.variantsPerSecond]
    const before = best.get(label)
    if (!before || run.variantsPerSecond > before.variantsPerSecond) best.set(label, run)
  }
  for (let round = 1; round <= options.rounds; round++) {
    const of = options.rounds > 1 ? ` (round ${round} of ${options.rounds})` : ""
    console.error(`distributed: ${fmt(variants)} variants, in-process runner on PostgreSQL${of}…`)
    keep(await runInProcess(variants, products))
    for (const workers of options.workers) {
      console.error(`distributed: ${fmt(variants)} variants, BullMQ with ${workers} esl worker(s)${of}…`)
      keep(await runOnBullmq(variants, products, workers))
    }
  }
  return { variants, products, ...(sqlite !== undefined ? { sqlite } : {}), runs: [...best.values()], rounds }
}

const labelOf = (run: RunnerResult) =>
  run.workers === undefined
    ? "in-process, PostgreSQL"
    : `BullMQ, ${run.workers} worker${run.workers > 1 ? "s" : ""}, PostgreSQL`

const figuresOf = (result: DistributedBenchResult): Figure[] => {
  const size = `${fmt(result.variants)} variants`
  const figure = (name: string, value: number, unit: string): Figure => ({ section: "distributed", name, value, unit })
  const figures: Figure[] = []
  if (result.sqlite)
    figures.push(figure(`${size}: in-process, SQLite (reference)`, result.sqlite.variantsPerSecond, "variants/s"))
  for (const run of result.runs) {
    figures.push(figure(`${size}: ${labelOf(run)}`, run.variantsPerSecond, "variants/s"))
    figures.push(figure(`${size}: ${labelOf(run)} time`, run.ms / 1000, "s"))
    // What the sync cost, whatever else the machine was doing meanwhile.
    figures.push(figure(`${size}: ${labelOf(run)} CPU of the sync`, syncCpu(run.cpu), "s"))
    const timings = Object.values(run.jobs ?? {})
    if (timings.length > 0) {
      const jobs = timings.reduce((n, t) => n + t.children, 0)
      figures.push(
        figure(`${size}: ${labelOf(run)} jobs`, jobs, "jobs"),
        figure(
          `${size}: ${labelOf(run)} hand-off per job (median)`,
          Math.max(...timings.map((t) => t.handoffMedianMs)),
          "ms",
        ),
        figure(`${size}: ${labelOf(run)} Redis CPU per job`, ((run.cpu.groups.redis ?? 0) * 1000) / jobs, "ms"),
      )
    }
  }
  const inProcess = result.runs.find((r) => r.workers === undefined)
  const one = result.runs.find((r) => r.workers === 1)
  for (const run of result.runs) {
    if (run.workers === undefined || run.workers === 1 || !one) continue
    figures.push(figure(`${run.workers} workers / 1 worker`, run.variantsPerSecond / one.variantsPerSecond, "×"))
  }
  if (one && inProcess)
    figures.push(figure("1 worker / in-process", one.variantsPerSecond / inProcess.variantsPerSecond, "×"))
  return figures
}

const seconds = (n: number) => `${fmt(n, 1)} s`

/** Groups that are not the sync's own work: the benchmark itself and everyone else on the machine. */
const isBystander = (group: string) => group === "other" || group === "postgres (other)" || group.startsWith("bench")

/** CPU seconds of the runner or workers, the run's PostgreSQL connections and Redis. */
const syncCpu = (cpu: CpuUsage) =>
  Object.entries(cpu.groups).reduce((total, [group, s]) => (isBystander(group) ? total : total + s), 0)

/** Other work took more than this share of the machine during a run: its wall time says little alone. */
const BUSY_MACHINE = 0.1

const noiseNotes = (result: DistributedBenchResult): string[] => {
  const busy = result.runs.filter((run) => (run.cpu.groups.other ?? 0) > BUSY_MACHINE * run.cpu.capacity)
  if (busy.length === 0) return []
  const shares = busy
    .map((run) => `${labelOf(run)} ${fmt(((run.cpu.groups.other ?? 0) / run.cpu.capacity) * 100)}%`)
    .join(", ")
  return [
    `the machine was shared: other processes took ${shares} of its CPU during the runs, so wall times (and their ratios) carry that load; "CPU of the sync" does not`,
  ]
}

/** One line per run: where its CPU went, what waited for a core, and how busy the machine was with others' work. */
const cpuNotes = (result: DistributedBenchResult): string[] =>
  result.runs.map((run) => {
    const { groups, waitedForCore, machineBusy, capacity, wall, loadAverage, cpuPressure } = run.cpu
    const ours = Object.entries(groups)
      .filter(([group, s]) => group !== "other" && s >= 0.05)
      .sort(([, a], [, b]) => b - a)
      .map(([group, s]) => {
        const waited = waitedForCore[group] ?? 0
        return `${group} ${seconds(s)}${waited >= 0.05 ? ` (+${seconds(waited)} waiting for a core)` : ""}`
      })
      .join(", ")
    const pressure =
      cpuPressure === undefined ? "" : `, some task waiting for a core ${fmt(cpuPressure * 100)}% of the time`
    const sync = syncCpu(run.cpu)
    // A runner and its PostgreSQL connection take turns (one request in flight), so each runner
    // process is one chain of work; chains beyond the cores cannot run at once.
    const chains = Math.min(run.workers ?? 1, cpus().length)
    const floor = sync / chains
    return `${labelOf(run)}: wall ${seconds(wall)}; CPU ${ours}; the sync got ${fmt(sync / wall, 2)} cores; other processes on the machine ${seconds(groups.other ?? 0)}; machine busy ${seconds(machineBusy)} of ${seconds(capacity)} (load ${fmt(loadAverage, 1)}${pressure}); alone on this machine its CPU would allow ≥ ${seconds(floor)} (≤ ${fmt(result.variants / floor)} variants/s)`
  })

const jobNotes = (result: DistributedBenchResult): string[] =>
  result.runs.flatMap((run) =>
    Object.entries(run.jobs ?? {}).map(([flow, t]) => {
      const shares = Object.values(t.byWorker).join("/")
      const idle = Object.values(t.idleWhileWaitingMs)
        .map((ms) => fmt(ms))
        .join("/")
      return `${labelOf(run)}, ${flow}: ${t.children} jobs (per worker ${shares}; ${t.rerunChildren} re-run, ${t.failedChildren} failed), split ${fmt(t.splitMs)} ms, job median ${fmt(t.runMedianMs)} ms (p95 ${fmt(t.runP95Ms)}), waited median ${fmt(t.waitMedianMs)} ms, hand-off median ${fmt(t.handoffMedianMs)} ms, idle while jobs waited ${idle} ms`
    }),
  )

const roundNotes = (result: DistributedBenchResult): string[] =>
  Object.values(result.rounds).some((r) => r.length > 1)
    ? [
        `every round, variants/s (figures are each runner's fastest): ${Object.entries(result.rounds)
          .map(([label, rates]) => `${label} ${rates.map((r) => fmt(r)).join("/")}`)
          .join("; ")}`,
      ]
    : []

const redisNotes = (result: DistributedBenchResult): string[] =>
  result.runs.flatMap((run) =>
    run.redisMiB === undefined
      ? []
      : [
          `${labelOf(run)}: the finished run's jobs still held ${fmt(run.redisMiB)} MiB in Redis (children are kept an hour)`,
        ],
  )

const optionsOf = (argv: ReadonlyArray<string>) => {
  const variants = Number(argValue(argv, "--variants") ?? DEFAULT_VARIANTS)
  const workersArg = argValue(argv, "--workers")
  const workers = workersArg === undefined ? DEFAULT_WORKERS : workersArg.split(",").map(Number)
  const rounds = Number(argValue(argv, "--rounds") ?? 1)
  if ([variants, rounds, ...workers].some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(
      "usage: bench/distributed.ts [--variants <positive integer>] [--workers 1,2] [--rounds <n>] [--skip-sqlite]",
    )
  return { variants, workers, rounds, sqlite: !argv.includes("--skip-sqlite") }
}

/** The `distributed` section of `npm run bench`. */
export const distributedSection: BenchSection = {
  name: "distributed",
  describe: `full sync of ${fmt(DEFAULT_VARIANTS)} variants through BullMQ with 1 and 2 esl workers vs in-process, on PostgreSQL [--variants N] [--workers 1,2] [--rounds N] [--skip-sqlite]`,
  run: async ({ argv }) => {
    const down = await servicesDown()
    if (down !== undefined)
      return {
        figures: [],
        result: { skipped: down },
        notes: [`skipped: ${down}; start it with ../shared/tools/services up`],
      }
    const result = await benchDistributed(optionsOf(argv))
    return {
      figures: figuresOf(result),
      result,
      notes: [
        ...noiseNotes(result),
        ...roundNotes(result),
        ...cpuNotes(result),
        ...jobNotes(result),
        ...redisNotes(result),
      ],
    }
  },
}

if (isMain(import.meta.url)) {
  const outcome = await distributedSection.run({ argv: process.argv.slice(2) })
  for (const f of outcome.figures)
    console.log(`${f.name}: ${fmt(f.value, f.unit === "×" || f.unit === "s" ? 2 : 0)} ${f.unit}`)
  for (const note of outcome.notes ?? []) console.log(`note: ${note}`)
  console.log(JSON.stringify(outcome.result))
}
