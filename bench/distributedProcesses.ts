/**
 * The processes of the distributed benchmark: `esl` commands run as an operator runs them, on the
 * benchmark's config (`distributed.config.ts`), each its own OS process.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { eslNodeOptions } from "../cli/nodeOptions.ts"

const ESL = fileURLToPath(new URL("../cli/bin.mjs", import.meta.url))
const CONFIG = fileURLToPath(new URL("./distributed.config.ts", import.meta.url))
/** A worker loads tsx, the connectors and the config; on a busy machine that takes a while. */
const START_TIMEOUT_MS = 60_000
/** `esl worker` finishes the jobs in hand on SIGTERM; the runs are settled by then, so this is quick. */
const STOP_TIMEOUT_MS = 30_000

/** `esl <command> --config bench/distributed.config.ts <args>` as an argv, with the esl command's heap. */
export const eslCommand = (command: string, ...args: string[]): string[] => [
  process.execPath,
  ...eslNodeOptions,
  ESL,
  command,
  "--config",
  CONFIG,
  ...args,
]

/** `undefined` in `environment` removes the variable. */
const childEnvironment = (environment: Readonly<Record<string, string | undefined>>) => {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries({ ...process.env, ...environment }))
    if (value !== undefined) env[name] = value
  return env
}

/** The in-process runner (`inProcessRunner.ts`) as an argv. */
export const inProcessRunnerCommand = (): string[] => [
  process.execPath,
  ...eslNodeOptions,
  "--import",
  "tsx",
  fileURLToPath(new URL("./inProcessRunner.ts", import.meta.url)),
]

/** The line `inProcessRunner.ts` prints on stderr once it is ready to sync. */
export const RUNNER_READY = "in-process runner ready"

/** A process that has started and said it is ready. */
export interface ReadyProcess {
  readonly pid: number
  readonly process: ChildProcess
  /** What the ready pattern matched. */
  readonly ready: RegExpExecArray
  /** Everything it printed on stdout so far. */
  readonly stdout: () => string
  /** Resolves when it exits; rejects, with its stderr's tail, unless it exits 0. */
  readonly exited: Promise<void>
}

/** Starts argv and waits until its stderr matches `ready`. */
export const startReadyProcess = (
  argv: ReadonlyArray<string>,
  environment: Readonly<Record<string, string | undefined>>,
  ready: RegExp,
): Promise<ReadyProcess> =>
  new Promise((resolve, reject) => {
    const [command = process.execPath, ...args] = argv
    const child = spawn(command, args, { env: childEnvironment(environment), stdio: ["pipe", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`${args.join(" ")} was not ready within ${START_TIMEOUT_MS / 1000} s:\n${stderr}`))
    }, START_TIMEOUT_MS)
    const exited = new Promise<void>((resolveExit, rejectExit) =>
      child.on("exit", (code, signal) => {
        clearTimeout(timer)
        const failure = new Error(`${args.join(" ")} exited with ${code ?? signal}:\n${stderr}`)
        // Before it was ready: the start failed (a no-op once resolved).
        reject(failure)
        code === 0 ? resolveExit() : rejectExit(failure)
      }),
    )
    // Nobody may be waiting for the exit yet; a failed exit is reported through `exited` when they do.
    exited.catch(() => undefined)
    child.on("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4_000)
      const match = ready.exec(stderr)
      if (match && child.pid !== undefined) {
        clearTimeout(timer)
        resolve({ pid: child.pid, process: child, ready: match, stdout: () => stdout, exited })
      }
    })
  })

export interface StartedWorker extends ReadyProcess {
  /** The worker's name in BullMQ (what jobs record as `processedBy`). */
  readonly id: string
}

/** Starts one `esl worker` and waits until it takes jobs. */
const startWorker = async (environment: Readonly<Record<string, string | undefined>>): Promise<StartedWorker> => {
  const started = await startReadyProcess(eslCommand("worker"), environment, /esl worker (\S+) taking jobs/)
  return { ...started, id: started.ready[1] ?? String(started.pid) }
}

/** Starts `count` workers side by side; stops the ones that started if another one fails. */
export const startWorkers = async (
  count: number,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<StartedWorker[]> => {
  const outcomes = await Promise.allSettled(Array.from({ length: count }, () => startWorker(environment)))
  const started = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []))
  const failure = outcomes.find((o) => o.status === "rejected")
  if (failure) {
    await stopWorkers(started)
    throw failure.reason
  }
  return started
}

/** SIGTERM (graceful), then SIGKILL if a worker is still there after the stop timeout. */
export const stopWorkers = async (workers: ReadonlyArray<StartedWorker>): Promise<void> => {
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.process.exitCode !== null || worker.process.signalCode !== null) return resolve()
          const timer = setTimeout(() => worker.process.kill("SIGKILL"), STOP_TIMEOUT_MS)
          worker.process.once("exit", () => {
            clearTimeout(timer)
            resolve()
          })
          worker.process.kill("SIGTERM")
        }),
    ),
  )
}

/** True when the module at `url` is the script node was started with. */
export const isMain = (url: string): boolean => process.argv[1] === fileURLToPath(url)
