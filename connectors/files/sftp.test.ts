/** The connector against the sandbox's SFTP server (ssh2), as against an ERP's export server. */
import { readdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ServedSandbox, serveSandbox } from "../../core/connector/index.ts"
import { filesSandbox, SEED_FILES } from "./sandbox/index.ts"
import type { FileRecord } from "./schemas/record.ts"
import { pricesSink } from "./sinks/index.ts"
import { pricesStream } from "./streams/prices.ts"
import { stockStream } from "./streams/stock.ts"
import { readPages, run, runFailure, sftpConfig, systemFor } from "./testing.ts"

describe("Files over SFTP (the sandbox's ssh2 server)", () => {
  const sandbox = filesSandbox()
  const root = sandbox.state.root
  let server: ServedSandbox

  beforeAll(async () => {
    // Through core's serveSandbox, as `esl sandbox files` does: it hands over to the sandbox's own server.
    server = await serveSandbox(sandbox, { port: 0 })
  })
  afterAll(async () => {
    await server.close()
    rmSync(root, { recursive: true, force: true })
  })

  it("checks the login and counts the files waiting in each inbox", async () => {
    const system = await systemFor(sftpConfig(server.port))
    const result = await run(system.connector.check(system.context))
    expect(result.detail).toBe(
      `sftp://esl-export@127.0.0.1:${server.port}/: files waiting in the inboxes: products 1, prices 1, stock 1`,
    )
    expect(server.url).toBe(`sftp://127.0.0.1:${server.port}`)
  })

  it("logs in with a private key instead of a password", async () => {
    const system = await systemFor(
      sftpConfig(server.port, {
        location: {
          kind: "sftp",
          host: "127.0.0.1",
          port: server.port,
          username: "esl-export",
          privateKey: sandbox.state.privateKey,
          path: "/",
        },
      }),
    )
    expect((await run(system.connector.check(system.context))).ok).toBe(true)
  })

  it("refuses a wrong password with an AuthError that does not carry the password", async () => {
    const system = await systemFor(
      sftpConfig(server.port, {
        location: {
          kind: "sftp",
          host: "127.0.0.1",
          port: server.port,
          username: "esl-export",
          password: "wrong-Secret-42",
          path: "/",
        },
      }),
    )
    const error = await runFailure(system.connector.check(system.context))
    expect(error._tag).toBe("AuthError")
    expect(error.message).not.toContain("wrong-Secret-42")
  })

  it("reads the Windows-1252 price export and the JSONL stock export in pages, then moves them once committed", async () => {
    const system = await systemFor(sftpConfig(server.port))
    const prices = await readPages(system, pricesStream, { pageSize: 4 })
    expect(prices.map((p) => p.length)).toEqual([4, 4, 4, 1])
    const records = prices.flat()
    expect(records[0]?.rows[0].values).toMatchObject({ sku: "ALP-TEE-S-BLK", amount: "29,90", currency: "EUR" })
    // Whole seconds over SFTP.
    expect(records[0]?.modifiedAt).toBe("2026-11-02T05:00:00.000Z")
    const stock = (await readPages(system, stockStream)).flat()
    expect(stock).toHaveLength(18)

    const last = pricesStream.positionOf(records[records.length - 1] as FileRecord)
    expect(last).toEqual({ at: "2026-11-02T05:00:00.000Z", id: `${SEED_FILES.prices}:000000014` })
    expect(await readPages(system, pricesStream, { since: last })).toEqual([])
    expect(readdirSync(join(root, "processed"))).toEqual([SEED_FILES.prices])
    expect(readdirSync(join(root, "inbox"))).not.toContain(SEED_FILES.prices)
  })

  it("writes an export atomically with the SFTP rename, leaving no temporary file", async () => {
    const system = await systemFor(sftpConfig(server.port))
    const payload: FileRecord = {
      file: "",
      modifiedAt: "2026-11-30T07:00:00Z",
      rows: [{ line: 2, values: { sku: "ALP-BEANIE", amount: "19,95", currency: "EUR" } }],
      columns: {},
      options: { decimalSeparator: ",", dateFormat: "dd.MM.yyyy HH:mm", timeZone: "Europe/Berlin" },
    }
    const outcomes = await run(pricesSink.write(system.context, [{ naturalKey: "ALP-BEANIE|default|EUR|1", payload }]))
    expect(outcomes).toEqual([
      { naturalKey: "ALP-BEANIE|default|EUR|1", ok: true, externalId: "ALP-BEANIE|default|EUR|1", action: "created" },
    ])
    const files = readdirSync(join(root, "outbox"))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^prices-.*\.csv$/)
    expect(readFileSync(join(root, "outbox", files[0] ?? ""), "latin1")).toBe(
      "Artikelnummer;VK brutto;Währung\r\nALP-BEANIE;19,95;EUR\r\n",
    )
  })
})
