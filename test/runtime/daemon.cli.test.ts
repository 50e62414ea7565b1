import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { scratchProject } from "../support/cli.ts"

const root = resolve(import.meta.dirname, "../..")

// `esl daemon` as the lead will register it: the real command under a root `esl` command, in a
// child process (cli/main.ts is not ours to edit), so a real SIGTERM reaches it.
const entry = `
import { register } from "tsx/esm/api"
register()
const { Command } = await import("@effect/cli")
const { NodeContext } = await import("@effect/platform-node")
const { Effect } = await import("effect")
const { daemonCommand } = await import(${JSON.stringify(join(root, "cli/commands/daemon.ts"))})
const esl = Command.make("esl").pipe(Command.withSubcommands([daemonCommand]))
await Effect.runPromise(Command.run(esl, { name: "esl", version: "0" })(process.argv).pipe(Effect.provide(NodeContext.layer)))
`

const project = scratchProject("daemon")
afterAll(() => project.cleanup())

describe("esl daemon (process)", () => {
  it("serves /healthz, logs JSON lines, and exits 0 on SIGTERM", async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        entry,
        "esl",
        "daemon",
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--config",
        project.config,
      ],
      {
        cwd: root,
        env: { ...process.env, ESL_LOG_LEVEL: "info", REDIS_URL: "", DATABASE_URL: "" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    )
    let stderr = ""
    const exited = new Promise<number | null>((done) => child.on("close", (code) => done(code)))
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`esl daemon did not start:\n${stderr}`)), 30_000)
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString()
        const match = /"message":"daemon started"[^\n]*"url":"(http:\/\/[^"]+)"/.exec(stderr)
        if (match?.[1]) {
          clearTimeout(timer)
          done(match[1])
        }
      })
      void exited.then((code) => fail(new Error(`esl daemon exited with ${code}:\n${stderr}`)))
    })
    const health = await fetch(`${url}/healthz`)
    expect(health.status).toBe(200)
    // The starter config's sandboxes are not running: not ready, and /readyz says why.
    expect((await fetch(`${url}/readyz`)).status).toBe(503)

    child.kill("SIGTERM")
    expect(await exited).toBe(0)
    const lines = stderr.trim().split("\n")
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
    expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).toContain("daemon stopped")
    // The state store was opened (and so migrated) at start.
    expect(existsSync(join(project.dir, ".esl", "state.db"))).toBe(true)
  })
})
