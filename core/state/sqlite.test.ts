import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import Database from "better-sqlite3"
import { Effect, Exit } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { openSqliteStateStore } from "./sqlite.ts"
import { sqliteMigrations } from "./sqliteSchema.ts"
import type { StateStoreShape } from "./store.ts"
import type { InboundCommit, NewDeadLetter } from "./types.ts"

let dir: string
let file: string
const opened: StateStoreShape[] = []
const open = () => {
  const store = openSqliteStateStore(file)
  opened.push(store)
  return store
}
const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runSync(effect)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "esl-state-"))
  file = join(dir, "nested", "state.db")
})
afterEach(() => {
  for (const store of opened.splice(0)) Effect.runSync(Effect.ignore(store.close()))
  rmSync(dir, { recursive: true, force: true })
})

type CommittedRecord = InboundCommit["records"][number]
const product = (
  naturalKey: string,
  canonicalId: string,
  skus: ReadonlyArray<string>,
  changed = true,
): CommittedRecord => ({
  entity: "product",
  canonicalId,
  naturalKey,
  payload: { productNumber: naturalKey, variants: skus.map((sku) => ({ sku })) },
  hash: `hash-of-${naturalKey}-${skus.join("+")}`,
  updatedAt: "2026-01-01T00:00:00Z",
  fieldSources: { productNumber: "erp" },
  changed,
  skus,
})
const link = (externalId: string, canonicalId: string) => ({
  system: "erp",
  entity: "product",
  externalId,
  canonicalId,
})

/** What one inbound commit can have touched: everything the atomicity test compares. */
const snapshot = (store: StateStoreShape) =>
  run(
    Effect.all({
      records: store.recordsPage("product", "", 100),
      xrefs: store.xrefsByExternalId("erp", "product", ["1", "2", "3"]),
      skus: store.skuOwners(["A", "B", "C"]),
      lastSeq: store.lastChangeSeq(),
      changes: store.changesAfter("product", 0, 100),
      cursor: store.getCursor("erp-items"),
    }),
  )

describe("migrations", () => {
  it("are idempotent: opening the same file again (even while it is open) applies nothing twice and keeps the data", () => {
    const first = open()
    run(
      first.commitInbound({
        flow: "erp-items",
        cursor: { at: 1 },
        records: [product("P1", "c1", ["A"])],
        xrefs: [link("1", "c1")],
      }),
    )
    const second = open()
    expect(run(second.countRecords("product"))).toBe(1)
    run(first.close())
    run(second.close())

    const third = open()
    expect(run(third.countRecords())).toBe(1)
    expect(run(third.getCursor("erp-items"))).toEqual({ at: 1 })
    const db = new Database(file, { readonly: true })
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all()
    db.close()
    expect(versions).toEqual(sqliteMigrations.map((m) => ({ version: m.version })))
  })
})

describe("commitInbound", () => {
  it("writes records, cross-references, change log, SKU owners and cursor together", () => {
    const store = open()
    run(
      store.commitInbound({
        flow: "erp-items",
        cursor: { position: { at: "2026-01-01T00:00:00Z", id: "2" } },
        records: [product("P1", "c1", ["A"]), product("P2", "c2", ["B"], false)],
        xrefs: [link("1", "c1"), link("2", "c2")],
      }),
    )
    const state = snapshot(store)
    expect(state.records.map((r) => [r.naturalKey, r.canonicalId, r.fieldSources])).toEqual([
      ["P1", "c1", { productNumber: "erp" }],
      ["P2", "c2", { productNumber: "erp" }],
    ])
    expect([...state.xrefs.values()].map((x) => [x.externalId, x.canonicalId])).toEqual([
      ["1", "c1"],
      ["2", "c2"],
    ])
    expect([...state.skus]).toEqual([
      ["A", "P1"],
      ["B", "P2"],
    ])
    // Only changed records enter the change log.
    expect(state.changes.map((c) => [c.seq, c.naturalKey, c.canonicalId])).toEqual([[1, "P1", "c1"]])
    expect(state.cursor).toEqual({ position: { at: "2026-01-01T00:00:00Z", id: "2" } })
  })

  it("is all or nothing: a commit failing mid-way (a constraint violated) leaves records, xrefs, changes, SKUs and cursor as they were", () => {
    const store = open()
    run(
      store.commitInbound({
        flow: "erp-items",
        cursor: { page: 1 },
        records: [product("P1", "c1", ["A"])],
        xrefs: [link("1", "c1")],
      }),
    )
    const before = snapshot(store)

    // P2 is written first (its SKU claimed, its change appended), then P1 under another canonical id
    // violates UNIQUE (entity, natural_key).
    const exit = Effect.runSyncExit(
      store.commitInbound({
        flow: "erp-items",
        cursor: { page: 2 },
        records: [product("P2", "c2", ["B"]), product("P1", "c-other", ["C"])],
        xrefs: [link("2", "c2"), link("3", "c-other")],
      }),
    )
    expect(Exit.isFailure(exit)).toBe(true)
    if (Exit.isFailure(exit)) {
      expect(exit.cause).toMatchObject({ _tag: "Fail", error: { _tag: "StateError", operation: "commitInbound" } })
      expect(String((exit.cause as unknown as { error: Error }).error.message)).toMatch(/UNIQUE/)
    }
    expect(snapshot(store)).toEqual(before)
    expect(before.cursor).toEqual({ page: 1 })
  })
})

describe("commitOutbound", () => {
  it("records the vendor id with the target hash and replaces the link of a re-created vendor record", () => {
    const store = open()
    run(
      store.commitOutbound({
        flow: "shop-items",
        cursor: { seq: 3 },
        xrefs: [{ ...link("v1", "c1"), system: "shop", targetHash: "h1" }],
      }),
    )
    expect(run(store.xrefsByCanonicalId("shop", "product", ["c1"])).get("c1")).toMatchObject({
      externalId: "v1",
      targetHash: "h1",
    })

    run(
      store.commitOutbound({ flow: "shop-items", xrefs: [{ ...link("v2", "c1"), system: "shop", targetHash: "h2" }] }),
    )
    expect(run(store.xrefsByCanonicalId("shop", "product", ["c1"])).get("c1")).toMatchObject({
      externalId: "v2",
      targetHash: "h2",
    })
    expect(run(store.xrefsByExternalId("shop", "product", ["v1"])).size).toBe(0)
    // A commit without a cursor leaves the cursor alone.
    expect(run(store.getCursor("shop-items"))).toEqual({ seq: 3 })
  })
})

describe("dead letters", () => {
  const letter = (overrides: Partial<NewDeadLetter> = {}): NewDeadLetter => ({
    flow: "erp-items",
    system: "erp",
    entity: "product",
    direction: "inbound",
    recordKey: "50",
    sourceId: "50",
    errorTag: "MappingError",
    reason: "first reason",
    path: "$.sku",
    payload: { id: 50 },
    ...overrides,
  })

  it("are one entry per (flow, source) while open, with attempts counted and the latest reason kept", () => {
    const store = open()
    run(store.addDeadLetters([letter()]))
    run(store.addDeadLetters([letter({ reason: "second reason", path: "$.title", payload: { id: 50, v: 2 } })]))
    run(store.addDeadLetters([letter({ reason: "third reason" })]))
    // The same source id in another flow is another entry.
    run(store.addDeadLetters([letter({ flow: "erp-items-de" })]))

    const open1 = run(store.listDeadLetters({ status: "open", flow: "erp-items" }))
    expect(open1).toEqual([
      expect.objectContaining({
        sourceId: "50",
        attempts: 3,
        reason: "third reason",
        path: "$.sku",
        payload: { id: 50 },
      }),
    ])
    expect(run(store.countDeadLetters({ status: "open" }))).toBe(2)

    // Once resolved, a new failure of the same record opens a new entry.
    const id = open1[0]!.id
    run(store.updateDeadLetter(id, { status: "resolved" }))
    run(store.addDeadLetters([letter({ reason: "broken again" })]))
    const all = run(store.listDeadLetters({ flow: "erp-items" }))
    expect(all.map((l) => [l.id === id, l.status, l.attempts])).toEqual([
      [true, "resolved", 3],
      [false, "open", 1],
    ])
  })

  it("updateDeadLetter counts a replay attempt and keeps the old reason and path when none is given", () => {
    const store = open()
    run(store.addDeadLetters([letter()]))
    const [entry] = run(store.listDeadLetters({}))
    run(store.updateDeadLetter(entry!.id, { status: "open", attempted: true }))
    expect(run(store.getDeadLetter(entry!.id))).toMatchObject({ attempts: 2, reason: "first reason", path: "$.sku" })
    run(store.updateDeadLetter(entry!.id, { status: "open", reason: "new", attempted: true }))
    expect(run(store.getDeadLetter(entry!.id))).toMatchObject({ attempts: 3, reason: "new", path: undefined })
  })
})

describe("SKU ownership", () => {
  it("is released when a variant is dropped from its product, so another product can claim the SKU", () => {
    const store = open()
    run(store.commitInbound({ flow: "erp-items", records: [product("P1", "c1", ["A", "B"])], xrefs: [] }))
    expect([...run(store.skuOwners(["A", "B"]))]).toEqual([
      ["A", "P1"],
      ["B", "P1"],
    ])

    run(store.commitInbound({ flow: "erp-items", records: [product("P1", "c1", ["A"])], xrefs: [] }))
    expect([...run(store.skuOwners(["A", "B"]))]).toEqual([["A", "P1"]])

    run(store.commitInbound({ flow: "erp-items", records: [product("P2", "c2", ["B"])], xrefs: [] }))
    expect([...run(store.skuOwners(["A", "B"]))]).toEqual([
      ["A", "P1"],
      ["B", "P2"],
    ])
  })

  it("moves with a renamed product: kept SKUs belong to the new product number, dropped ones are freed", () => {
    const store = open()
    run(store.commitInbound({ flow: "erp-items", records: [product("P1", "c1", ["A", "B"])], xrefs: [] }))
    run(store.commitInbound({ flow: "erp-items", records: [product("P1-NEW", "c1", ["A"])], xrefs: [] }))
    expect([...run(store.skuOwners(["A", "B"]))]).toEqual([["A", "P1-NEW"]])
  })
})

describe("runs", () => {
  it("are recorded from start to finish with status, counts and error", () => {
    const store = open()
    const id = run(store.startRun("erp-items"))
    expect(run(store.listRuns({ flow: "erp-items" }))).toEqual([expect.objectContaining({ id, status: "running" })])
    const counts = { read: 3, created: 2, updated: 0, unchanged: 0, failed: 1, skipped: 0, ignoredFields: 0 }
    run(store.finishRun(id, "partial", counts, "one record failed"))
    expect(run(store.listRuns({}))).toEqual([
      expect.objectContaining({ id, flow: "erp-items", status: "partial", counts, error: "one record failed" }),
    ])
  })
})
