import { randomUUID } from "node:crypto"
import { Effect, Exit } from "effect"
import { Client, escapeIdentifier } from "pg"
import { afterEach, describe, expect, it } from "vitest"
import { describeWithPostgres } from "../../test/support/services.ts"
import { openPostgresStateStore, PostgresStateStoreLive } from "./postgres.ts"
import { migratePostgres, postgresMigrations } from "./postgresSchema.ts"
import { StateStore, type StateStoreShape } from "./store.ts"
import { describeStateStoreContract, link, product } from "./storeContract.ts"
import type { NewDeadLetter } from "./types.ts"

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

describeWithPostgres("postgres state store", (url) => {
  const freshSchema = () => `esl_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`

  const withClient = async <A>(f: (client: Client) => Promise<A>): Promise<A> => {
    const client = new Client({ connectionString: url })
    await client.connect()
    try {
      return await f(client)
    } finally {
      await client.end()
    }
  }
  const sql = <Row extends object>(text: string, params: unknown[] = []) =>
    withClient(async (client) => (await client.query(text, params)).rows as Row[])
  const dropSchema = (schema: string) =>
    withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`))

  /** Every schema and store a test makes is dropped/closed after it. */
  const schemas: string[] = []
  const stores: StateStoreShape[] = []
  const schema = () => {
    const name = freshSchema()
    schemas.push(name)
    return name
  }
  const open = async (name: string, poolSize = 3) => {
    const store = await openPostgresStateStore(url, { schema: name, poolSize })
    stores.push(store)
    return store
  }
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => run(Effect.ignore(store.close()))))
    for (const name of schemas.splice(0)) await dropSchema(name)
  })

  describeStateStoreContract("postgres", async () => {
    const name = freshSchema()
    const store = await openPostgresStateStore(url, { schema: name, poolSize: 4 })
    return {
      store,
      close: async () => {
        await run(Effect.ignore(store.close()))
        await dropSchema(name)
      },
    }
  })

  describe("postgres migrations", () => {
    it("run once when three stores start at the same time on a fresh schema, and not again on reopen", async () => {
      const name = schema()
      const opened = await Promise.all([open(name), open(name), open(name)])
      expect(opened.map((s) => s.backend)).toEqual(["postgres", "postgres", "postgres"])
      const versions = await sql<{ version: number }>(
        `SELECT version FROM ${escapeIdentifier(name)}.schema_migrations ORDER BY version`,
      )
      expect(versions).toEqual(postgresMigrations.map((m) => ({ version: m.version })))
      await run(opened[0]!.commitOutbound({ flow: "f", cursor: { seq: 1 }, xrefs: [] }))
      expect(await run(opened[2]!.getCursor("f"))).toEqual({ seq: 1 })
      expect(await migratePostgres(url, { schema: name })).toEqual({
        applied: [],
        versions: postgresMigrations.map((m) => m.version),
      })
    })

    it("apply each version exactly once under the advisory lock, even when several migrators race", async () => {
      const name = schema()
      const migrations = [
        { version: 1, sql: "CREATE TABLE applied_log (version INTEGER NOT NULL); INSERT INTO applied_log VALUES (1)" },
        { version: 2, sql: "SELECT pg_sleep(0.05); INSERT INTO applied_log VALUES (2)" },
      ]
      const results = await Promise.all([1, 2, 3, 4].map(() => migratePostgres(url, { schema: name, migrations })))
      expect(results.flatMap((r) => r.applied).sort()).toEqual([1, 2])
      expect(results.every((r) => r.versions.join() === "1,2")).toBe(true)
      expect(await sql(`SELECT version FROM ${escapeIdentifier(name)}.applied_log ORDER BY version`)).toEqual([
        { version: 1 },
        { version: 2 },
      ])

      // A later release appends version 3; a broken one is not recorded and says which it was.
      const broken = [...migrations, { version: 3, sql: "INSERT INTO no_such_table VALUES (1)" }]
      await expect(migratePostgres(url, { schema: name, migrations: broken })).rejects.toThrow(/migration 3/)
      const next = [...migrations, { version: 3, sql: "INSERT INTO applied_log VALUES (3)" }]
      expect(await migratePostgres(url, { schema: name, migrations: next })).toEqual({
        applied: [3],
        versions: [1, 2, 3],
      })
    })

    it("keep schemas apart: a store sees only its own schema", async () => {
      const [a, b] = [schema(), schema()]
      const [storeA, storeB] = await Promise.all([open(a), open(b)])
      await run(storeA.commitInbound({ flow: "f", records: [product("P1", "c1", ["A"])], xrefs: [] }))
      expect(await run(storeA.countRecords())).toBe(1)
      expect(await run(storeB.countRecords())).toBe(0)
      expect((await run(storeB.skuOwners(["A"]))).size).toBe(0)
    })
  })

  describe("postgres layer", () => {
    it("provides the store for the scope and closes its pool afterwards", async () => {
      const name = schema()
      let kept: StateStoreShape | undefined
      const count = await Effect.runPromise(
        Effect.gen(function* () {
          const store = yield* StateStore
          kept = store
          yield* store.commitInbound({ flow: "f", records: [product("P1", "c1", [])], xrefs: [] })
          return yield* store.countRecords()
        }).pipe(Effect.provide(PostgresStateStoreLive(url, { schema: name }))),
      )
      expect(count).toBe(1)
      expect(kept?.backend).toBe("postgres")
      const exit = await Effect.runPromiseExit(kept!.countRecords())
      expect(Exit.isFailure(exit)).toBe(true)
    })

    it("fails to open with a StateError that names the database but never its password", async () => {
      const target = new URL(url)
      target.password = "s3cret-pw"
      target.port = "1"
      const exit = await Effect.runPromiseExit(
        Effect.provide(StateStore, PostgresStateStoreLive(target.toString(), { schema: "x" })).pipe(Effect.asVoid),
      )
      expect(Exit.isFailure(exit)).toBe(true)
      const text = JSON.stringify(exit)
      expect(text).toMatch(/StateError/)
      expect(text).toMatch(/127\.0\.0\.1:1/)
      expect(text).not.toMatch(/s3cret-pw/)
    })
  })

  describe("postgres concurrency", () => {
    const KEYS = Array.from({ length: 24 }, (_, i) => `P${String(i).padStart(2, "0")}`)
    const WORKERS = 4
    const ROUNDS = 16
    const PAGE = 8

    const shuffle = <A>(items: A[], seed: number): A[] => {
      const out = [...items]
      let s = seed
      for (let i = out.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) % 2147483648
        const j = s % (i + 1)
        ;[out[i], out[j]] = [out[j]!, out[i]!]
      }
      return out
    }

    it("keeps one record per natural key, xrefs on existing records, a gap-free change log and a committed cursor while 4 workers write overlapping pages", async () => {
      const name = schema()
      const workers = await Promise.all(Array.from({ length: WORKERS }, () => open(name, 3)))
      const committedCursors: unknown[] = []
      let changesCommitted = 0
      let writing = true

      // An outbound follower reading the change log with a cursor while the writers run: with
      // numbers committed out of order it would skip a change for good.
      const seen: number[] = []
      const follower = (async () => {
        const reader = workers[0]!
        let seq = 0
        for (;;) {
          const stillWriting = writing
          const page = await run(reader.changesAfter("product", seq, 25))
          seen.push(...page.map((c) => c.seq))
          if (page.length > 0) seq = page[page.length - 1]!.seq
          else if (!stillWriting) return
          else await new Promise((resolve) => setImmediate(resolve))
        }
      })()

      const inbound = workers.map(async (store, w) => {
        for (let round = 0; round < ROUNDS; round++) {
          const start = (w * 5 + round * 3) % KEYS.length
          const keys = shuffle(
            Array.from({ length: PAGE }, (_, i) => KEYS[(start + i) % KEYS.length]!),
            w * 100 + round + 1,
          )
          // Even rounds look the keys up first, like the engine; odd rounds propose new ids blindly,
          // as an engine whose lookup raced another worker's insert would.
          const known = round % 2 === 0 ? await run(store.recordsByNaturalKey("product", keys)) : new Map()
          const records = keys.map((key) => ({
            ...product(key, known.get(key)?.canonicalId ?? `w${w}-r${round}-${key}`, [`${key}-S`]),
            hash: `w${w}-r${round}`,
          }))
          const cursor = { position: { worker: w, round } }
          committedCursors.push(cursor)
          await run(
            store.commitInbound({
              flow: "erp-items",
              cursor,
              records,
              xrefs: records.map((r) => link(`e-${r.naturalKey}`, r.canonicalId)),
            }),
          )
          changesCommitted += records.length
        }
      })

      const outbound = workers.slice(0, 2).map(async (store, w) => {
        for (let round = 0; round < ROUNDS; round++) {
          const head = await run(store.lastChangeSeq("product"))
          const records = await run(store.recordsPage("product", "", 100))
          await run(
            store.commitOutbound({
              flow: `shop-items`,
              cursor: { seq: head },
              xrefs: shuffle(
                records.map((r) => ({ ...link(`s-${r.naturalKey}`, r.canonicalId, "shop"), targetHash: `o${w}` })),
                round + 7,
              ),
            }),
          )
        }
      })

      await Promise.all([...inbound, ...outbound])
      writing = false
      await follower

      const s = escapeIdentifier(name)
      // Exactly one record per natural key.
      expect(await run(workers[1]!.countRecords("product"))).toBe(KEYS.length)
      const perKey = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM ${s}.records GROUP BY entity, natural_key HAVING count(*) > 1`,
      )
      expect(perKey).toEqual([])
      // Every cross-reference points at an existing record, vendor ids at the record they belong to.
      const dangling = await sql(
        `SELECT x.* FROM ${s}.xrefs x LEFT JOIN ${s}.records r
           ON r.entity = x.entity AND r.canonical_id = x.canonical_id WHERE r.canonical_id IS NULL`,
      )
      expect(dangling).toEqual([])
      const erp = await sql<{ external_id: string; natural_key: string }>(
        `SELECT x.external_id, r.natural_key FROM ${s}.xrefs x
           JOIN ${s}.records r ON r.entity = x.entity AND r.canonical_id = x.canonical_id WHERE x.system = 'erp'`,
      )
      expect(erp).toHaveLength(KEYS.length)
      expect(erp.every((x) => x.external_id === `e-${x.natural_key}`)).toBe(true)
      const shop = await sql<{ external_id: string; natural_key: string }>(
        `SELECT x.external_id, r.natural_key FROM ${s}.xrefs x
           JOIN ${s}.records r ON r.entity = x.entity AND r.canonical_id = x.canonical_id WHERE x.system = 'shop'`,
      )
      expect(shop.every((x) => x.external_id === `s-${x.natural_key}`)).toBe(true)
      // SKUs belong to their product.
      const skus = await run(workers[2]!.skuOwners(KEYS.map((k) => `${k}-S`)))
      expect([...skus].every(([sku, owner]) => sku === `${owner}-S`)).toBe(true)
      expect(skus.size).toBe(KEYS.length)

      // The change log lost nothing: one entry per committed change, each on an existing record,
      // and the follower saw every one of them, in order.
      const changes = await sql<{ seq: string; natural_key: string; record_key: string | null }>(
        `SELECT c.seq, c.natural_key, r.natural_key AS record_key FROM ${s}.changes c
           LEFT JOIN ${s}.records r ON r.entity = c.entity AND r.canonical_id = c.canonical_id ORDER BY c.seq`,
      )
      expect(changes).toHaveLength(changesCommitted)
      expect(changes.every((c) => c.record_key === c.natural_key)).toBe(true)
      const seqs = changes.map((c) => Number(c.seq))
      expect(seen).toEqual(seqs)

      // The cursor is one that was committed, the last writer's.
      expect(committedCursors).toContainEqual(await run(workers[3]!.getCursor("erp-items")))
      const head = await run(workers[3]!.getCursor("shop-items"))
      expect(head).toEqual({ seq: expect.any(Number) })
    })

    it("keeps one open dead letter per (flow, source) when workers add the same failure at once", async () => {
      const name = schema()
      const workers = await Promise.all(Array.from({ length: WORKERS }, () => open(name, 2)))
      const letter = (w: number, i: number): NewDeadLetter => ({
        flow: "erp-items",
        system: "erp",
        entity: "product",
        direction: "inbound",
        recordKey: "50",
        sourceId: i % 2 === 0 ? "50" : "51",
        errorTag: "MappingError",
        reason: `worker ${w} attempt ${i}`,
        payload: { id: 50 },
      })
      await Promise.all(
        workers.map(async (store, w) => {
          for (let i = 0; i < 10; i++) await run(store.addDeadLetters([letter(w, i), letter(w, i + 1)]))
        }),
      )
      const openLetters = await run(workers[0]!.listDeadLetters({ status: "open" }))
      expect(openLetters.map((l) => [l.sourceId, l.attempts]).sort()).toEqual([
        ["50", 40],
        ["51", 40],
      ])
    })
  })
})
