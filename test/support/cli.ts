import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { afterAll, beforeAll } from "vitest"
import { starterConfig } from "../../cli/starterConfig.ts"

const root = resolve(import.meta.dirname, "../..")
const bin = join(root, "cli/bin.mjs")

export interface EslRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** One flow's line in `esl sync --json`. */
export interface FlowJson {
  readonly read: number
  readonly created: number
  readonly updated: number
  readonly unchanged: number
  readonly skipped: number
  readonly failed: number
  readonly durationMs: number
  readonly status: string
}

/** What `esl sync --json` prints. */
export interface SyncJson {
  readonly ok: boolean
  readonly flows: Record<string, FlowJson>
}

/** Runs the real `esl` command in a child process, as an operator would. */
export const runEsl = (
  args: ReadonlyArray<string>,
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<EslRun> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, ESL_LOG_LEVEL: "error", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString()
    })
    child.on("error", fail)
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }))
  })

/**
 * Starts `esl sandbox <connector>` and resolves once it listens. By default the OS picks a free
 * port (`--port 0`) and the URL is read from what the sandbox prints, so test files running in
 * parallel never collide on a port.
 */
export const startSandboxProcess = (connector: string, port = 0): Promise<{ url: string; stop: () => Promise<void> }> =>
  new Promise((done, fail) => {
    const child: ChildProcess = spawn(process.execPath, [bin, "sandbox", connector, "--port", String(port)], {
      cwd: root,
      env: { ...process.env, ESL_LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    const timer = setTimeout(() => fail(new Error(`esl sandbox ${connector} did not start: ${output}`)), 55_000)
    const onData = (d: Buffer) => {
      output += d.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        done({
          url: match[1],
          stop: () =>
            new Promise((stopped) => {
              child.once("close", () => stopped())
              child.kill("SIGTERM")
            }),
        })
      }
    }
    child.stdout?.on("data", onData)
    child.stderr?.on("data", onData)
    child.on("error", fail)
  })

/**
 * A scratch folder inside the package (so the config's `import "eslayer"` resolves to this
 * checkout) holding the starter config.
 */
export const scratchProject = (name: string): { dir: string; config: string; cleanup: () => void } => {
  const dir = join(root, ".esl", "test", `${name}-${process.pid}-${Date.now()}`)
  mkdirSync(dir, { recursive: true })
  const config = join(dir, "esl.config.ts")
  writeFileSync(config, starterConfig("eslayer"))
  return { dir, config, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A scratch folder with an `esl.config.ts`, removed by `cleanup`. */
export type ScratchProject = ReturnType<typeof scratchProject>

/** A sandbox as a running process: where it listens, and how to stop it. */
export interface RunningSandbox {
  readonly url: string
  readonly stop: () => Promise<void>
}

/** The config to test, the sandboxes it talks to (by role), and the environment that points it at them. */
export interface SandboxProjectOptions<Role extends string> {
  /** The `esl.config.ts` to test; the starter config when left out. */
  readonly config?: string
  /** Makes the scratch project instead, for a config kept with its test support (`shopwareScratchProject`). */
  readonly project?: (name: string) => ScratchProject
  /** Each role's sandbox: an `esl sandbox <connector>` name, or how to start one that is not. */
  readonly sandboxes: Record<Role, string | (() => Promise<RunningSandbox>)>
  /** The environment the config reads, from the sandboxes' URLs. */
  readonly env: (urls: Readonly<Record<Role, string>>) => Record<string, string>
  /** Starts the sandboxes one after the other: on a busy machine two cold starts at once can outlast the start timeout. */
  readonly oneAfterAnother?: boolean
  /** How long starting the sandboxes may take, when more than the hook timeout. */
  readonly startTimeout?: number
}

/** A test file's project: its sandboxes' URLs and `esl` run against them. */
export interface SandboxProject<Role extends string> {
  readonly project: ScratchProject
  /** Each role's sandbox URL, once the sandboxes are up (in tests, not at collection). */
  readonly urls: Readonly<Record<Role, string>>
  readonly env: () => Record<string, string>
  /** `esl <command> --config <project> …args` with the sandboxes' environment (plus `extraEnv`). */
  readonly esl: (args: readonly [string, ...string[]], extraEnv?: Record<string, string>) => Promise<EslRun>
}

/**
 * A scratch project whose config talks to sandboxes run as processes, as an operator would run
 * them: starts them before the file's tests, stops them and removes the project after.
 */
export const useSandboxProject = <Role extends string>(
  name: string,
  options: SandboxProjectOptions<Role>,
): SandboxProject<Role> => {
  const project = options.project?.(name) ?? scratchProject(name)
  if (options.config !== undefined) writeFileSync(project.config, options.config)
  const roles = Object.keys(options.sandboxes) as Array<Role>
  const running: Array<RunningSandbox> = []
  const urls = {} as Record<Role, string>
  const start = async (role: Role) => {
    const sandbox = options.sandboxes[role]
    const started = await (typeof sandbox === "string" ? startSandboxProcess(sandbox) : sandbox())
    running.push(started)
    urls[role] = started.url
  }
  beforeAll(async () => {
    if (options.oneAfterAnother) for (const role of roles) await start(role)
    else await Promise.all(roles.map(start))
  }, options.startTimeout)
  afterAll(async () => {
    await Promise.all(running.map((sandbox) => sandbox.stop()))
    project.cleanup()
  })
  const env = () => options.env(urls)
  return {
    project,
    urls,
    env,
    esl: ([command, ...args], extraEnv = {}) =>
      runEsl([command, "--config", project.config, ...args], { env: { ...env(), ...extraEnv } }),
  }
}
