import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { instantiateSystem } from "../../core/connector/instantiate.ts"
import { files } from "./index.ts"
import { filesSandbox, SANDBOX_MAX_CONNECTIONS, SEED_FILES } from "./sandbox/index.ts"
import { openStore } from "./store/index.ts"
import { localConfig, run, runFailure, sftpConfig, systemFor } from "./testing.ts"

describe("files config", () => {
  it("fails at start with the path of a column mapping naming a field the feed lacks", async () => {
    const error = await runFailure(
      instantiateSystem(
        "erp",
        files({
          location: { kind: "local", path: "/tmp" },
          feeds: { prices: { pattern: "p*.csv", format: { kind: "csv" }, columns: { price: "VK brutto" } } },
        }),
        {},
      ),
    )
    expect(error.path).toBe("systems.erp.feeds.prices.columns.price")
    expect(error.detail).toContain('prices has no field "price"')
  })

  it("needs a password or a private key for SFTP, and keeps both out of messages", async () => {
    const error = await runFailure(
      instantiateSystem("erp", files({ location: { kind: "sftp", host: "h", username: "u", path: "/" } }), {}),
    )
    expect(error.path).toBe("systems.erp.location.password")
    const system = await systemFor(sftpConfig(22))
    expect(system.context.http.redactor.string("pw sandbox-sftp-password")).not.toContain("sandbox-sftp-password")
  })
})

describe("files sandbox", () => {
  it("reset() restores the seed: the exports back in inbox/, processed/ and outbox/ empty", () => {
    const sandbox = filesSandbox()
    const root = sandbox.state.root
    rmSync(join(root, "inbox", SEED_FILES.prices))
    writeFileSync(join(root, "outbox", "x.csv"), "x")
    sandbox.reset()
    expect(readdirSync(join(root, "inbox")).sort()).toEqual(Object.values(SEED_FILES).sort())
    expect(readdirSync(join(root, "outbox"))).toEqual([])
    rmSync(root, { recursive: true, force: true })
    expect(existsSync(root)).toBe(false)
  })

  it(`refuses connection ${SANDBOX_MAX_CONNECTIONS + 1} while ${SANDBOX_MAX_CONNECTIONS} are open, as OpenSSH's MaxStartups`, async () => {
    const sandbox = filesSandbox()
    const server = await sandbox.serve?.({ port: 0 })
    if (!server) throw new Error("no SFTP server")
    try {
      const system = await systemFor(sftpConfig(server.port))
      const open = Effect.forEach(Array.from({ length: SANDBOX_MAX_CONNECTIONS }), () => openStore(system.context), {
        concurrency: "unbounded",
      })
      const refused = await run(
        Effect.scoped(Effect.flatMap(open, () => Effect.flip(Effect.scoped(openStore(system.context))))),
      )
      expect(refused._tag).toBe("AuthError")
    } finally {
      await server.close()
      rmSync(sandbox.state.root, { recursive: true, force: true })
    }
  })

  it("is also a local location: the connector checks the seeded directory", async () => {
    const sandbox = filesSandbox()
    const system = await systemFor(localConfig(sandbox.state.root))
    expect((await run(system.connector.check(system.context))).detail).toContain(
      "files waiting in the inboxes: products 1, prices 1, stock 1",
    )
    rmSync(sandbox.state.root, { recursive: true, force: true })
  })
})
