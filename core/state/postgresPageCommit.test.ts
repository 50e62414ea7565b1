/**
 * The PostgreSQL store writes an inbound page with a few statements whatever its size, and ends
 * in exactly the state the SQLite store (which writes record after record) ends in, including
 * pages whose records depend on each other's writes.
 */
import { randomUUID } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Exit } from "effect"
import pg from "pg"
import { afterEach, expect, it, vi } from "vitest"
import { describeWithPostgres } from "../../test/support/services.ts"
import { openPostgresStateStore } from "./postgres.ts"
import { openSqliteStateStore } from "./sqlite.ts"
import type { StateStoreShape } from "./store.ts"
import { link, product } from "./storeContract.ts"
import type { InboundCommit } from "./types.ts"

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

/** Everything an inbound commit of these tests can touch, without the store-made timestamps. */
const snapshot = async (store: StateStoreShape, ids: { externalIds: string[]; skus: string[] }) => {
  const state = await run(
    Effect.all({
      records: store.recordsPage("product", "", 1000),
      xrefs: store.xrefsByExternalId("erp", "product", ids.externalIds),
      skus: store.skuOwners(ids.skus),
      changes: store.changesAfter("product", 0, 1000),
      cursor: store.getCursor("erp-items"),
    }),
  )
  return {
    records: state.records,
    xrefs: [...state.xrefs.values()],
    skus: [...state.skus],
    changes: state.changes.map(({ at: _at, ...change }) => change),
    cursor: state.cursor,
  }
}

const commit = (records: InboundCommit["records"], xrefs: InboundCommit["xrefs"], cursor: unknown): InboundCommit => ({
  flow: "erp-items",
  cursor,
  records,
  xrefs,
})

describeWithPostgres("postgres inbound page commit", (url) => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    vi.restoreAllMocks()
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const openPostgres = async () => {
    const schema = `esl_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`
    const store = await openPostgresStateStore(url, { schema, poolSize: 2 })
    cleanups.push(async () => {
      await run(Effect.ignore(store.close()))
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
      await client.end()
    })
    return store
  }
  const openSqlite = () => {
    const dir = mkdtempSync(join(tmpdir(), "esl-page-commit-"))
    const store = openSqliteStateStore(join(dir, "state.db"))
    cleanups.push(async () => {
      Effect.runSync(Effect.ignore(store.close()))
      rmSync(dir, { recursive: true, force: true })
    })
    return store
  }

  /** Runs the same commits on both stores and answers each store's outcomes and final state. */
  const onBothStores = async (
    commits: ReadonlyArray<InboundCommit>,
    ids: { externalIds: string[]; skus: string[] },
  ) => {
    const outcomes = async (store: StateStoreShape) => {
      const exits: boolean[] = []
      for (const c of commits) exits.push(Exit.isSuccess(await Effect.runPromiseExit(store.commitInbound(c))))
      return { exits, state: await snapshot(store, ids) }
    }
    return { sqlite: await outcomes(openSqlite()), postgres: await outcomes(await openPostgres()) }
  }

  const statementsOf = async (f: () => Promise<unknown>) => {
    const query = vi.spyOn(pg.Client.prototype, "query")
    try {
      await f()
      return query.mock.calls.length
    } finally {
      query.mockRestore()
    }
  }

  it("sends the same few statements for a page of 5 and of 200 products, new or updated", async () => {
    const store = await openPostgres()
    const page = (size: number, from: number, round: number) =>
      commit(
        Array.from({ length: size }, (_, i) => {
          const n = from + i
          const skus = round === 1 ? [`S${n}-1`, `S${n}-2`] : [`S${n}-1`]
          return { ...product(`P${n}`, `c${n}`, skus), hash: `h${round}-${n}` }
        }),
        Array.from({ length: size }, (_, i) => link(String(from + i), `c${from + i}`)),
        { page: from },
      )
    const newSmall = await statementsOf(() => run(store.commitInbound(page(5, 0, 1))))
    const newLarge = await statementsOf(() => run(store.commitInbound(page(200, 100, 1))))
    const updatedLarge = await statementsOf(() => run(store.commitInbound(page(200, 100, 2))))
    expect(newLarge).toBe(newSmall)
    // BEGIN, lock, insert, free SKUs, claim SKUs, change lock, changes, 2 × xrefs, cursor, COMMIT.
    expect(newLarge).toBeLessThanOrEqual(11)
    expect(updatedLarge).toBeLessThanOrEqual(11)
    expect(await run(store.countRecords())).toBe(205)
    expect([...(await run(store.skuOwners(["S100-1", "S100-2"])))]).toEqual([["S100-1", "P100"]])
  })

  it("ends like SQLite on a page mixing updates, a rename, new records, SKU moves and an id settled by natural key", async () => {
    const outcome = await onBothStores(
      [
        commit(
          [product("P1", "c1", ["A", "B"]), product("P2", "c2", ["C"]), product("P3", "c3", ["D"])],
          [link("1", "c1"), link("2", "c2"), link("3", "c3")],
          { page: 1 },
        ),
        commit(
          [
            // Drops B, which P4 claims in the same page.
            { ...product("P1", "c1", ["A"]), hash: "h2" },
            // Renamed, takes C along and adds E.
            product("P2-NEW", "c2", ["C", "E"]),
            // Another worker proposed an id for P3, which the hub has as c3.
            { ...product("P3", "c-other", ["D", "F"], false), hash: "h3" },
            product("P4", "c4", ["B"]),
            product("P5", "c5", []),
          ],
          [link("1", "c1"), link("2", "c2"), link("9", "c-other"), link("4", "c4"), link("5", "c5")],
          { page: 2 },
        ),
      ],
      { externalIds: ["1", "2", "3", "4", "5", "9"], skus: ["A", "B", "C", "D", "E", "F"] },
    )
    expect(outcome.postgres).toEqual(outcome.sqlite)
    expect(outcome.postgres.exits).toEqual([true, true])
    expect(outcome.postgres.state.skus).toEqual([
      ["A", "P1"],
      ["B", "P4"],
      ["C", "P2-NEW"],
      ["D", "P3"],
      ["E", "P2-NEW"],
      ["F", "P3"],
    ])
    expect(outcome.postgres.state.records.map((r) => [r.canonicalId, r.naturalKey])).toEqual([
      ["c1", "P1"],
      ["c2", "P2-NEW"],
      ["c3", "P3"],
      ["c4", "P4"],
      ["c5", "P5"],
    ])
  })

  it("ends like SQLite when a page's records depend on each other: a new record takes a key a rename of the page frees, a key twice", async () => {
    const outcome = await onBothStores(
      [
        commit([product("P1", "c1", ["A"])], [link("1", "c1")], { page: 1 }),
        // In turn: the new P1 joins c1 (the hub's P1), then c1 is renamed to P9; then P7 is
        // created and its second copy joins it.
        commit(
          [
            product("P1", "c-new", ["B"]),
            product("P7", "c7", ["C"]),
            { ...product("P7", "c7-again", ["C", "D"]), hash: "h7" },
            product("P9", "c1", ["A"]),
          ],
          [link("8", "c-new"), link("7", "c7"), link("77", "c7-again"), link("1", "c1")],
          { page: 2 },
        ),
      ],
      { externalIds: ["1", "7", "77", "8"], skus: ["A", "B", "C", "D"] },
    )
    expect(outcome.postgres).toEqual(outcome.sqlite)
    expect(outcome.postgres.exits).toEqual([true, true])
    expect(outcome.postgres.state.records.map((r) => [r.canonicalId, r.naturalKey, r.hash])).toEqual([
      ["c1", "P9", "hash-of-P9-A"],
      ["c7", "P7", "h7"],
    ])
  })

  it("fails like SQLite, changing nothing, when two records of a page swap natural keys", async () => {
    const outcome = await onBothStores(
      [
        commit([product("P1", "c1", ["A"]), product("P2", "c2", ["B"])], [link("1", "c1"), link("2", "c2")], {
          page: 1,
        }),
        commit([product("P1", "c2", ["B"]), product("P2", "c1", ["A"])], [link("1", "c1"), link("2", "c2")], {
          page: 2,
        }),
      ],
      { externalIds: ["1", "2"], skus: ["A", "B"] },
    )
    expect(outcome.postgres).toEqual(outcome.sqlite)
    expect(outcome.postgres.exits).toEqual([true, false])
    expect(outcome.postgres.state.cursor).toEqual({ page: 1 })
  })

  it("commits an outbound batch in one statement, its own transaction, and ends like SQLite", async () => {
    const outbound = async (store: StateStoreShape, statements?: number[]) => {
      const count = async (f: () => Promise<unknown>) => {
        const n = await statementsOf(f)
        statements?.push(n)
      }
      await run(store.commitInbound(commit([product("P1", "c1", []), product("P2", "c2", [])], [], { page: 1 })))
      await run(
        store.addDeadLetters([
          {
            flow: "shop-products",
            system: "shop",
            entity: "product",
            direction: "outbound",
            recordKey: "P2",
            sourceId: "c2",
            errorTag: "VendorRejected",
            reason: "title missing",
            payload: {},
          },
        ]),
      )
      const [letter] = await run(store.listDeadLetters({ flow: "shop-products" }))
      const shop = (externalId: string, canonicalId: string, targetHash?: string) => ({
        ...link(externalId, canonicalId, "shop"),
        ...(targetHash === undefined ? {} : { targetHash }),
      })
      await count(() =>
        run(store.commitOutbound({ flow: "shop-products", xrefs: [shop("s1", "c1", "h1"), shop("s2", "c2", "h2")] })),
      )
      // s1 was deleted in the shop and re-created as s1b; s2 comes without a hash: it keeps h2.
      await count(() =>
        run(
          store.commitOutbound({
            flow: "shop-products",
            xrefs: [shop("s1b", "c1", "h1b"), shop("s2", "c2")],
            resolvedDeadLetters: [letter!.id],
          }),
        ),
      )
      await count(() => run(store.commitOutbound({ flow: "shop-products", cursor: { seq: 2 }, xrefs: [] })))
      return run(
        Effect.all({
          xrefs: store.xrefsByExternalId("shop", "product", ["s1", "s1b", "s2"]),
          letters: store.listDeadLetters({ flow: "shop-products" }),
          cursor: store.getCursor("shop-products"),
        }),
      ).then((state) => ({
        xrefs: [...state.xrefs.values()],
        letters: state.letters.map((l) => [l.sourceId, l.status]),
        cursor: state.cursor,
      }))
    }
    const statements: number[] = []
    const postgres = await outbound(await openPostgres(), statements)
    expect(postgres).toEqual(await outbound(openSqlite()))
    expect(statements).toEqual([1, 1, 1])
    expect(postgres.xrefs.map((x) => [x.externalId, x.canonicalId, x.targetHash])).toEqual([
      ["s1b", "c1", "h1b"],
      ["s2", "c2", "h2"],
    ])
    expect(postgres.letters).toEqual([["c2", "resolved"]])
    expect(postgres.cursor).toEqual({ seq: 2 })
  })
})
