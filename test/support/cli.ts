import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
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
