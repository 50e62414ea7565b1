/**
 * The Files streams under the real sync engine (SQLite state, real runner): a file is moved to
 * `processed/` only after its records are committed, a crash before the commit re-reads it,
 * and a bad row goes to the DLQ with its file, line and column while the rest goes on.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, Logger, LogLevel, Stream } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { defineConfig } from "../../core/config/index.ts"
import { buildApp } from "../../core/runtime/app.ts"
import { openSqliteStateStore, StateStore, type StateStoreShape } from "../../core/state/index.ts"
import { type Flow, type FlowResult, runFlows } from "../../core/sync/index.ts"
import { defaultMappings } from "../../mappings/index.ts"
import { decodeText, encodeText } from "./format/encoding.ts"
import { files } from "./index.ts"
import { filesSandbox, SEED_FILES } from "./sandbox/index.ts"
import { localConfig } from "./testing.ts"

interface Setup {
  readonly root: string
  readonly store: StateStoreShape
  readonly flows: ReadonlyArray<Flow>
  readonly sync: (flows?: ReadonlyArray<Flow>) => Promise<FlowResult>
  readonly close: () => void
}

const setup = async (pageSize = 5): Promise<Setup> => {
  const sandbox = filesSandbox()
  const root = sandbox.state.root
  const config = defineConfig({
    systems: { erp: files(localConfig(root)), archive: files(localConfig(join(root, "archive"))) },
    flows: {
      "erp-prices": { from: "erp", stream: "prices", pageSize },
      "erp-stock": { from: "erp", stream: "stock", pageSize },
      "archive-prices": { to: "archive", sink: "prices" },
    },
  })
  const app = await Effect.runPromise(buildApp(config, { mappings: defaultMappings, environment: {} }))
  const stateDir = mkdtempSync(join(tmpdir(), "esl-files-state-"))
  const store = openSqliteStateStore(join(stateDir, "state.db"))
  const layer = Layer.succeed(StateStore, store)
  const sync = async (flows: ReadonlyArray<Flow> = app.flows.slice(0, 1)) => {
    const [result] = await Effect.runPromise(
      runFlows(flows).pipe(Effect.provide(layer), Logger.withMinimumLogLevel(LogLevel.None)),
    )
    if (!result) throw new Error("no result")
    return result
  }
  return {
    root,
    store,
    flows: app.flows,
    sync,
    close: () => {
      Effect.runSync(Effect.ignore(store.close()))
      rmSync(stateDir, { recursive: true, force: true })
      rmSync(root, { recursive: true, force: true })
    },
  }
}

const inbox = (root: string) => readdirSync(join(root, "inbox")).sort()
const processed = (root: string) => readdirSync(join(root, "processed")).sort()

const exec = <A, E>(s: Setup, effect: Effect.Effect<A, E, StateStore>) =>
  Effect.runPromise(effect.pipe(Effect.provide(Layer.succeed(StateStore, s.store))))

/** Drops a file into the inbox as the ERP would, written at `at`. */
const drop = (root: string, name: string, text: string, at: Date, encoding: "utf-8" | "latin1" = "latin1") => {
  const path = join(root, "inbox", name)
  writeFileSync(path, encodeText(text, encoding))
  utimesSync(path, at, at)
}

describe("Files streams under the sync engine", () => {
  let s: Setup
  beforeEach(async () => {
    s = await setup()
  })
  afterEach(() => s.close())

  it("moves a file to processed/ only after the hub committed all of it, and never reads it again", async () => {
    const first = await s.sync()
    expect(first.status).toBe("succeeded")
    expect(first.counts).toMatchObject({ read: 13, created: 13, failed: 0 })
    // Committed, but moved at the start of the next read: the cursor is what says it is done.
    expect(inbox(s.root)).toContain(SEED_FILES.prices)

    const second = await s.sync()
    expect(second.counts.read).toBe(0)
    expect(inbox(s.root)).not.toContain(SEED_FILES.prices)
    expect(processed(s.root)).toEqual([SEED_FILES.prices])

    const third = await s.sync()
    expect(third.counts.read).toBe(0)
    expect(processed(s.root)).toEqual([SEED_FILES.prices])
  })

  it("re-reads the file when the process dies after reading and before the commit", async () => {
    const [prices] = s.flows
    if (prices?.kind !== "inbound") throw new Error("no prices flow")
    // The stream hands over its first page, then the process dies before the engine commits it.
    const dying: Flow = {
      ...prices,
      stream: {
        ...prices.stream,
        read: (ctx, options) =>
          prices.stream.read(ctx, options).pipe(Stream.tap(() => Effect.die(new Error("killed after reading")))),
      },
    }
    const crashed = await s.sync([dying])
    expect(crashed.status).toBe("failed")
    expect(inbox(s.root)).toContain(SEED_FILES.prices)
    expect(await exec(s, s.store.getCursor("erp-prices"))).toBeUndefined()
    expect((await exec(s, s.store.recordsByNaturalKey("price", ["ALP-TEE-S-BLK|default|EUR|1"]))).size).toBe(0)

    const again = await s.sync()
    expect(again.counts).toMatchObject({ read: 13, created: 13 })
    expect((await exec(s, s.store.recordsByNaturalKey("price", ["ALP-TEE-S-BLK|default|EUR|1"]))).size).toBe(1)
    expect((await s.sync()).counts.read).toBe(0)
    expect(processed(s.root)).toEqual([SEED_FILES.prices])
  })

  it("resumes inside a file from the committed line when a run stops after some pages", async () => {
    const [prices] = s.flows
    if (prices?.kind !== "inbound") throw new Error("no prices flow")
    // Two pages of 5 are committed, then the transport fails on the third.
    let pages = 0
    const failing: Flow = {
      ...prices,
      stream: {
        ...prices.stream,
        read: (ctx, options) =>
          prices.stream
            .read(ctx, options)
            .pipe(Stream.tap(() => (++pages === 3 ? Effect.die(new Error("connection lost")) : Effect.void))),
      },
    }
    expect((await s.sync([failing])).counts.read).toBe(10)
    expect(inbox(s.root)).toContain(SEED_FILES.prices)
    const rest = await s.sync()
    expect(rest.counts).toMatchObject({ read: 3, created: 3 })
  })

  it("reads a new file after the processed one, and moves the old one then", async () => {
    await s.sync()
    drop(
      s.root,
      "preise-20261103-0600.csv",
      "Artikelnummer;VK brutto;Währung;Geändert am\r\nALP-TEE-S-BLK;27,90;EUR;03.11.2026 06:00\r\nALP-BEANIE;17,95;EUR;03.11.2026 06:00\r\n",
      new Date("2026-11-03T05:00:00Z"),
    )
    const next = await s.sync()
    expect(next.counts).toMatchObject({ read: 2, updated: 2, created: 0 })
    expect(processed(s.root)).toEqual([SEED_FILES.prices])
    expect(inbox(s.root)).toContain("preise-20261103-0600.csv")
    const [hub] = (await exec(s, s.store.recordsByNaturalKey("price", ["ALP-TEE-S-BLK|default|EUR|1"]))).values()
    expect((hub?.payload as { amount: { amount: number } } | undefined)?.amount.amount).toBe(2790)
  })

  it("sends a bad row to the DLQ with file:line:column as its path; the run and the file go on", async () => {
    rmSync(join(s.root, "inbox", SEED_FILES.prices))
    drop(
      s.root,
      "preise-20261104-0600.csv",
      "Artikelnummer;VK brutto;Währung\r\nALP-TEE-S-BLK;29,90;EUR\r\nALP-TEE-M-BLK;29,9O;EUR\r\nALP-BEANIE;19,95;EUR\r\n",
      new Date("2026-11-04T05:00:00Z"),
    )
    const result = await s.sync()
    expect(result.counts).toMatchObject({ read: 3, created: 2, failed: 1 })
    const [letter, ...others] = await exec(s, s.store.listDeadLetters({ flow: "erp-prices" }))
    expect(others).toEqual([])
    expect(letter).toMatchObject({ errorTag: "MappingError", path: '$["preise-20261104-0600.csv"][3]["VK brutto"]' })
    expect(letter?.reason).toContain('"29,9O" is not a decimal number')
    expect((await s.sync()).counts.read).toBe(0)
    expect(processed(s.root)).toEqual(["preise-20261104-0600.csv"])
  })

  it("exports the hub's prices to another system's outbox as one German CSV file per batch", async () => {
    await s.sync()
    const archive = s.flows.find((f) => f.name === "archive-prices")
    if (!archive) throw new Error("no archive flow")
    const result = await s.sync([archive])
    expect(result.counts).toMatchObject({ read: 13, created: 13, failed: 0 })
    const [file, ...more] = readdirSync(join(s.root, "archive", "outbox"))
    expect(more).toEqual([])
    const text = decodeText(readFileSync(join(s.root, "archive", "outbox", file ?? "")), "latin1")
    const lines = text.split("\r\n")
    expect(lines[0]).toBe("Artikelnummer;VK brutto;Streichpreis;Währung;Preisliste;ab Menge;taxIncluded;Geändert am")
    expect(lines).toContain("ALP-TEE-S-BLK;29,90;34,90;EUR;default;1;true;02.11.2026 06:00")
    expect(lines).toContain("ALP-TEE-M-BLK;22,50;;EUR;B2B;10;true;02.11.2026 06:00")
    expect(lines).toHaveLength(15)
  })

  it("moves a file without rows (a header only) at once: there is nothing to commit", async () => {
    rmSync(join(s.root, "inbox", SEED_FILES.prices))
    drop(s.root, "preise-20261106-0600.csv", "Artikelnummer;VK brutto\r\n", new Date("2026-11-06T05:00:00Z"))
    expect((await s.sync()).counts.read).toBe(0)
    expect(processed(s.root)).toEqual(["preise-20261106-0600.csv"])
  })

  it("keeps both copies when a file of the same name was processed before", async () => {
    await s.sync()
    await s.sync()
    drop(s.root, SEED_FILES.prices, "Artikelnummer;VK brutto\r\nALP-BEANIE;18,95\r\n", new Date("2026-11-05T05:00:00Z"))
    expect((await s.sync()).counts.read).toBe(1)
    await s.sync()
    expect(processed(s.root)).toHaveLength(2)
    expect(existsSync(join(s.root, "processed", SEED_FILES.prices))).toBe(true)
  })
})
