/**
 * `esl worker` as an operator runs it: a clear error without a Redis queue, and a clean exit (0)
 * on SIGTERM. The command runs in a child process from a generated entry point, so this test
 * does not depend on the command being registered in `cli/main.ts`.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { Effect } from "effect"
import { afterAll, beforeAll, expect, it } from "vitest"
import { type RunningSandbox, serveSandbox } from "../../core/connector/index.ts"
import { bullmqQueue } from "../../core/runtime/queue/bullmq.ts"
import { dropSchema, inspectQueue, removePrefix, uniqueName } from "../../core/runtime/queue/testing.ts"
import { ERP_TOKEN, SHOP_TOKEN } from "../support/harness.ts"
import { memoryVendor } from "../support/memoryVendor.ts"
import { describeWithPostgres, describeWithRedis } from "../support/services.ts"

const root = resolve(import.meta.dirname, "../..")
const dir = join(root, ".esl", "test", `worker-cli-${process.pid}-${Date.now()}`)
const abs = (path: string) => JSON.stringify(join(root, path))

describeWithPostgres("esl worker command (PostgreSQL)", (databaseUrl) => {
  describeWithRedis("esl worker command (Redis)", (redisUrl) => {
    const schema = uniqueName("cli")
    // Its own prefix: a worker on the default one could take jobs of other tests sharing this Redis.
    const prefix = uniqueName("cli")
    let vendor: RunningSandbox | undefined

    beforeAll(async () => {
      vendor = await serveSandbox(memoryVendor({ token: ERP_TOKEN }))
      mkdirSync(dir, { recursive: true })
      writeFileSync(
        join(dir, "esl.config.ts"),
        `import { defineConfig, postgres } from ${abs("core/config/index.ts")}
import { env } from ${abs("core/connector/index.ts")}
import { memory, memoryMappings } from ${abs("test/support/memoryVendor.ts")}
export default defineConfig({
  systems: {
    erp: memory({ baseUrl: ${JSON.stringify(vendor.url)}, token: env("ERP_TOKEN") }),
    shop: memory({ baseUrl: ${JSON.stringify(vendor.url)}, token: env("SHOP_TOKEN") }),
  },
  mappings: { erp: memoryMappings, shop: memoryMappings },
  flows: {
    "erp-items": { from: "erp", stream: "items" },
    "shop-items": { to: "shop", sink: "items" },
  },
  state: postgres(${JSON.stringify(databaseUrl)}, { schema: ${JSON.stringify(schema)} }),
})
`,
      )
      writeFileSync(
        join(dir, "main.ts"),
        `import { Command } from "@effect/cli"
import { NodeContext } from "@effect/platform-node"
import { Cause, Effect, Exit } from "effect"
import { workerCommand } from ${abs("cli/commands/worker.ts")}
const cli = Command.run(Command.make("esl").pipe(Command.withSubcommands([workerCommand])), { name: "esl", version: "0" })
const exit = await Effect.runPromiseExit(cli(process.argv).pipe(Effect.provide(NodeContext.layer)))
if (Exit.isFailure(exit)) {
  const failure = Cause.failureOption(exit.cause)
  process.stderr.write(\`esl: \${failure._tag === "Some" ? (failure.value as Error).message : Cause.pretty(exit.cause)}\\n\`)
  process.exitCode = 1
}
`,
      )
    })
    afterAll(async () => {
      await vendor?.close()
      rmSync(dir, { recursive: true, force: true })
      await dropSchema(databaseUrl, schema)
      await removePrefix(redisUrl, prefix)
    })

    const start = (env: Record<string, string | undefined>): ChildProcess & { output: () => string } => {
      const child = spawn(
        process.execPath,
        [join(root, "cli/run-ts.mjs"), join(dir, "main.ts"), "worker", "--config", join(dir, "esl.config.ts")],
        {
          cwd: root,
          env: { ...process.env, ERP_TOKEN, SHOP_TOKEN, REDIS_URL: undefined, ESL_QUEUE_PREFIX: prefix, ...env },
          stdio: ["ignore", "pipe", "pipe"],
        },
      )
      let output = ""
      child.stdout?.on("data", (d: Buffer) => {
        output += d.toString()
      })
      child.stderr?.on("data", (d: Buffer) => {
        output += d.toString()
      })
      return Object.assign(child, { output: () => output })
    }
    const exited = (child: ChildProcess) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child.once("exit", (code, signal) => done({ code, signal })),
      )

    it("says what is missing without REDIS_URL or a bullmq queue in the config", async () => {
      const child = start({})
      const { code } = await exited(child)
      expect(code).toBe(1)
      expect(child.output()).toContain("esl worker needs a Redis queue: set REDIS_URL")
    })

    it("takes jobs until SIGTERM, then stops gracefully with exit code 0", async () => {
      const child = start({ REDIS_URL: redisUrl })
      const done = exited(child)
      const until = Date.now() + 30_000
      while (!child.output().includes("taking jobs")) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`worker did not start: ${child.output()}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      // it does take jobs
      const queue = bullmqQueue(redisUrl, { prefix })
      const inspect = inspectQueue(redisUrl, prefix)
      try {
        const { jobId } = await Effect.runPromise(
          queue.enqueue({ kind: "flow-run", flow: "erp-items", trigger: "manual" }),
        )
        expect(await inspect.settled(jobId)).toBe("completed")
      } finally {
        await Effect.runPromise(queue.close())
        await inspect.close()
      }
      const sent = Date.now()
      child.kill("SIGTERM")
      const { code } = await done
      expect(code).toBe(0)
      expect(child.output()).toContain("stopped")
      // bounded: well under the close timeout when no job is in hand
      expect(Date.now() - sent).toBeLessThan(10_000)
    })
  })
})
