import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import Database from "better-sqlite3"
import { Effect } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { openSqliteStateStore } from "./sqlite.ts"
import { sqliteMigrations } from "./sqliteSchema.ts"
import type { StateStoreShape } from "./store.ts"
import { describeStateStoreContract, link, product } from "./storeContract.ts"

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

describeStateStoreContract("sqlite", async () => {
  const store = open()
  return { store, close: async () => run(Effect.ignore(store.close())) }
})

describe("sqlite migrations", () => {
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

describe("sqlite store", () => {
  it("is the sqlite backend, and its file is created with its folder", () => {
    const store = open()
    expect(store.backend).toBe("sqlite")
    run(store.commitOutbound({ flow: "f", cursor: 1, xrefs: [] }))
    const db = new Database(file, { readonly: true })
    expect(db.prepare("SELECT value FROM cursors").get()).toEqual({ value: "1" })
    db.close()
  })
})
