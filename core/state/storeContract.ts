/**
 * The behaviour every state store must have, as one vitest suite run against each backend
 * (sqlite.test.ts, postgres.test.ts). `open` gives a fresh, empty store for every test.
 */
import { Effect, Exit } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { StateStoreShape } from "./store.ts"
import type { InboundCommit, NewDeadLetter } from "./types.ts"

export interface OpenedStore {
  readonly store: StateStoreShape
  readonly close: () => Promise<void>
}

type CommittedRecord = InboundCommit["records"][number]

export const product = (
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

export const link = (externalId: string, canonicalId: string, system = "erp") => ({
  system,
  entity: "product",
  externalId,
  canonicalId,
})

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)

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

export const describeStateStoreContract = (name: string, open: () => Promise<OpenedStore>) =>
  describe(`${name}: state store contract`, () => {
    let opened: OpenedStore
    let store: StateStoreShape
    beforeEach(async () => {
      opened = await open()
      store = opened.store
    })
    afterEach(async () => {
      await opened.close()
    })

    describe("commitInbound", () => {
      it("writes records, cross-references, change log, SKU owners and cursor together", async () => {
        await run(
          store.commitInbound({
            flow: "erp-items",
            cursor: { position: { at: "2026-01-01T00:00:00Z", id: "2" } },
            records: [product("P1", "c1", ["A"]), product("P2", "c2", ["B"], false)],
            xrefs: [link("1", "c1"), link("2", "c2")],
          }),
        )
        const state = await snapshot(store)
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
        expect(state.lastSeq).toBe(1)
        expect(state.cursor).toEqual({ position: { at: "2026-01-01T00:00:00Z", id: "2" } })
      })

      it("keeps payloads and timestamps exactly as given: ISO strings are not re-spelled", async () => {
        const payload = {
          productNumber: "P1",
          title: { de: "Schäl-Messer ✓", en: 'Peeler "pro"' },
          price: { amount: "12.50", currency: "EUR" },
          weight: 0.125,
          active: false,
          tags: ["a", "b"],
          note: null,
          variants: [{ sku: "A" }],
        }
        await run(
          store.commitInbound({
            flow: "erp-items",
            records: [{ ...product("P1", "c1", ["A"]), payload, updatedAt: "2026-01-01T00:00:00Z" }],
            xrefs: [],
          }),
        )
        const before = new Date().toISOString()
        const record = (await run(store.recordsByNaturalKey("product", ["P1"]))).get("P1")
        expect(record).toEqual({
          entity: "product",
          canonicalId: "c1",
          naturalKey: "P1",
          payload,
          hash: "hash-of-P1-A",
          updatedAt: "2026-01-01T00:00:00Z",
          fieldSources: { productNumber: "erp" },
        })
        const [change] = await run(store.changesAfter("product", 0, 10))
        expect(change?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
        expect(change!.at <= before).toBe(true)
      })

      it("settles identity by natural key: a record created under another canonical id joins the existing one, and its cross-references and change follow", async () => {
        await run(
          store.commitInbound({ flow: "erp-items", records: [product("P1", "c1", ["A"])], xrefs: [link("1", "c1")] }),
        )
        // Another worker did not see P1 yet and proposed a new id for it.
        await run(
          store.commitInbound({
            flow: "erp-items-2",
            records: [{ ...product("P1", "c-other", ["A", "B"]), hash: "h2" }],
            xrefs: [link("9", "c-other"), link("s1", "c-other", "shop")],
          }),
        )
        const records = await run(store.recordsPage("product", "", 10))
        expect(records.map((r) => [r.canonicalId, r.naturalKey, r.hash])).toEqual([["c1", "P1", "h2"]])
        expect((await run(store.xrefsByExternalId("erp", "product", ["1", "9"]))).get("9")?.canonicalId).toBe("c1")
        expect((await run(store.xrefsByExternalId("shop", "product", ["s1"]))).get("s1")?.canonicalId).toBe("c1")
        // One vendor id per system and canonical record: the newer link replaced the old one.
        expect([...(await run(store.xrefsByExternalId("erp", "product", ["1", "9"]))).keys()]).toEqual(["9"])
        expect((await run(store.changesAfter("product", 0, 10))).map((c) => c.canonicalId)).toEqual(["c1", "c1"])
        expect([...(await run(store.skuOwners(["A", "B"])))]).toEqual([
          ["A", "P1"],
          ["B", "P1"],
        ])
        expect(await run(store.countRecords())).toBe(1)
      })

      it("is all or nothing: a commit failing mid-way (a constraint violated) leaves records, xrefs, changes, SKUs and cursor as they were", async () => {
        await run(
          store.commitInbound({
            flow: "erp-items",
            cursor: { page: 1 },
            records: [product("P1", "c1", ["A"]), product("P3", "c3", [])],
            xrefs: [link("1", "c1"), link("3", "c3")],
          }),
        )
        const before = await snapshot(store)

        // P2 is written first (its SKU claimed, its change appended), then c1 is renamed to P3,
        // which c3 holds: UNIQUE (entity, natural_key) is violated.
        const exit = await Effect.runPromiseExit(
          store.commitInbound({
            flow: "erp-items",
            cursor: { page: 2 },
            records: [product("P2", "c2", ["B"]), product("P3", "c1", ["C"])],
            xrefs: [link("2", "c2"), link("1", "c1")],
            resolvedDeadLetters: [],
          }),
        )
        expect(Exit.isFailure(exit)).toBe(true)
        if (Exit.isFailure(exit)) {
          expect(exit.cause).toMatchObject({ _tag: "Fail", error: { _tag: "StateError", operation: "commitInbound" } })
          expect(String((exit.cause as unknown as { error: Error }).error.message)).toMatch(/unique/i)
        }
        expect(await snapshot(store)).toEqual(before)
        expect(before.cursor).toEqual({ page: 1 })
      })
    })

    describe("commitOutbound", () => {
      it("records the vendor id with the target hash and replaces the link of a re-created vendor record", async () => {
        await run(
          store.commitOutbound({
            flow: "shop-items",
            cursor: { seq: 3 },
            xrefs: [{ ...link("v1", "c1", "shop"), targetHash: "h1" }],
          }),
        )
        expect((await run(store.xrefsByCanonicalId("shop", "product", ["c1"]))).get("c1")).toMatchObject({
          externalId: "v1",
          targetHash: "h1",
        })

        await run(
          store.commitOutbound({ flow: "shop-items", xrefs: [{ ...link("v2", "c1", "shop"), targetHash: "h2" }] }),
        )
        expect((await run(store.xrefsByCanonicalId("shop", "product", ["c1"]))).get("c1")).toMatchObject({
          externalId: "v2",
          targetHash: "h2",
        })
        expect((await run(store.xrefsByExternalId("shop", "product", ["v1"]))).size).toBe(0)
        // A commit without a cursor leaves the cursor alone.
        expect(await run(store.getCursor("shop-items"))).toEqual({ seq: 3 })

        // A link without a target hash keeps the stored one.
        await run(store.commitOutbound({ flow: "shop-items", xrefs: [link("v2", "c1", "shop")] }))
        expect((await run(store.xrefsByCanonicalId("shop", "product", ["c1"]))).get("c1")?.targetHash).toBe("h2")
      })

      it("resolves the dead letters it replayed, in the same transaction", async () => {
        await run(store.addDeadLetters([letter({ direction: "outbound", flow: "shop-items" })]))
        const [entry] = await run(store.listDeadLetters({ status: "open" }))
        await run(
          store.commitOutbound({
            flow: "shop-items",
            xrefs: [link("v1", "c1", "shop")],
            resolvedDeadLetters: [entry!.id],
          }),
        )
        expect(await run(store.getDeadLetter(entry!.id))).toMatchObject({ status: "resolved" })
        expect(await run(store.countDeadLetters({ status: "open" }))).toBe(0)
      })
    })

    describe("cursors", () => {
      it("round-trip any JSON value, are per flow, and can be reset", async () => {
        expect(await run(store.getCursor("erp-items"))).toBeUndefined()
        await run(store.commitOutbound({ flow: "a", cursor: { seq: 7 }, xrefs: [] }))
        await run(store.commitOutbound({ flow: "b", cursor: "opaque-token", xrefs: [] }))
        await run(store.commitOutbound({ flow: "c", cursor: [1, { at: "2026-01-01T00:00:00Z" }], xrefs: [] }))
        expect(await run(store.getCursor("a"))).toEqual({ seq: 7 })
        expect(await run(store.getCursor("b"))).toBe("opaque-token")
        expect(await run(store.getCursor("c"))).toEqual([1, { at: "2026-01-01T00:00:00Z" }])
        // Last writer wins, backwards too (a full re-run starts over).
        await run(store.commitOutbound({ flow: "a", cursor: { seq: 2 }, xrefs: [] }))
        expect(await run(store.getCursor("a"))).toEqual({ seq: 2 })
        await run(store.resetCursor("a"))
        expect(await run(store.getCursor("a"))).toBeUndefined()
        expect(await run(store.getCursor("b"))).toBe("opaque-token")
      })
    })

    describe("dead letters", () => {
      it("are one entry per (flow, source) while open, with attempts counted and the latest reason kept", async () => {
        await run(store.addDeadLetters([letter()]))
        await run(
          store.addDeadLetters([letter({ reason: "second reason", path: "$.title", payload: { id: 50, v: 2 } })]),
        )
        await run(store.addDeadLetters([letter({ reason: "third reason" })]))
        // The same source id in another flow is another entry.
        await run(store.addDeadLetters([letter({ flow: "erp-items-de" })]))

        const open1 = await run(store.listDeadLetters({ status: "open", flow: "erp-items" }))
        expect(open1).toEqual([
          expect.objectContaining({
            sourceId: "50",
            attempts: 3,
            reason: "third reason",
            path: "$.sku",
            payload: { id: 50 },
          }),
        ])
        expect(await run(store.countDeadLetters({ status: "open" }))).toBe(2)

        // Once resolved, a new failure of the same record opens a new entry.
        const id = open1[0]!.id
        await run(store.updateDeadLetter(id, { status: "resolved" }))
        await run(store.addDeadLetters([letter({ reason: "broken again" })]))
        const all = await run(store.listDeadLetters({ flow: "erp-items" }))
        expect(all.map((l) => [l.id === id, l.status, l.attempts])).toEqual([
          [true, "resolved", 3],
          [false, "open", 1],
        ])
      })

      it("count a record failing twice in one batch as two attempts of one entry", async () => {
        await run(store.addDeadLetters([letter({ sourceId: "7" }), letter(), letter({ reason: "again" })]))
        const entries = await run(store.listDeadLetters({}))
        expect(entries.map((l) => [l.sourceId, l.attempts, l.reason])).toEqual([
          ["7", 1, "first reason"],
          ["50", 2, "again"],
        ])
      })

      it("keep their fields: direction, record key, error tag, payload, timestamps", async () => {
        await run(store.addDeadLetters([letter({ path: undefined, payload: { nested: { list: [1, "x", null] } } })]))
        const [entry] = await run(store.listDeadLetters({}))
        expect(entry).toMatchObject({
          flow: "erp-items",
          system: "erp",
          entity: "product",
          direction: "inbound",
          recordKey: "50",
          sourceId: "50",
          errorTag: "MappingError",
          reason: "first reason",
          path: undefined,
          payload: { nested: { list: [1, "x", null] } },
          attempts: 1,
          status: "open",
        })
        expect(typeof entry!.id).toBe("number")
        expect(entry!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
        expect(await run(store.getDeadLetter(entry!.id))).toEqual(entry)
        expect(await run(store.getDeadLetter(entry!.id + 1000))).toBeUndefined()
      })

      it("updateDeadLetter counts a replay attempt and keeps the old reason and path when none is given", async () => {
        await run(store.addDeadLetters([letter()]))
        const [entry] = await run(store.listDeadLetters({}))
        await run(store.updateDeadLetter(entry!.id, { status: "open", attempted: true }))
        expect(await run(store.getDeadLetter(entry!.id))).toMatchObject({
          attempts: 2,
          reason: "first reason",
          path: "$.sku",
        })
        await run(store.updateDeadLetter(entry!.id, { status: "open", reason: "new", attempted: true }))
        expect(await run(store.getDeadLetter(entry!.id))).toMatchObject({ attempts: 3, reason: "new", path: undefined })
      })

      it("are listed and counted by status and flow, oldest first, up to a limit", async () => {
        await run(
          store.addDeadLetters([
            letter({ sourceId: "1" }),
            letter({ sourceId: "2" }),
            letter({ sourceId: "3", flow: "other" }),
          ]),
        )
        const [first] = await run(store.listDeadLetters({ flow: "erp-items" }))
        await run(store.updateDeadLetter(first!.id, { status: "replayed" }))
        expect((await run(store.listDeadLetters({}))).map((l) => l.sourceId)).toEqual(["1", "2", "3"])
        expect((await run(store.listDeadLetters({ limit: 2 }))).map((l) => l.sourceId)).toEqual(["1", "2"])
        expect((await run(store.listDeadLetters({ status: "open" }))).map((l) => l.sourceId)).toEqual(["2", "3"])
        expect(
          (await run(store.listDeadLetters({ status: "open", flow: "erp-items" }))).map((l) => l.sourceId),
        ).toEqual(["2"])
        expect(await run(store.countDeadLetters({}))).toBe(3)
        expect(await run(store.countDeadLetters({ flow: "erp-items" }))).toBe(2)
        expect(await run(store.countDeadLetters({ status: "replayed" }))).toBe(1)
        expect(await run(store.countDeadLetters({ status: "open", flow: "other" }))).toBe(1)
      })

      it("are resolved by the inbound commit that replayed them", async () => {
        await run(store.addDeadLetters([letter()]))
        const [entry] = await run(store.listDeadLetters({}))
        await run(
          store.commitInbound({
            flow: "erp-items",
            records: [product("P1", "c1", [])],
            xrefs: [link("50", "c1")],
            resolvedDeadLetters: [entry!.id],
          }),
        )
        expect(await run(store.getDeadLetter(entry!.id))).toMatchObject({ status: "resolved", attempts: 1 })
      })
    })

    describe("SKU ownership", () => {
      it("is released when a variant is dropped from its product, so another product can claim the SKU", async () => {
        await run(store.commitInbound({ flow: "erp-items", records: [product("P1", "c1", ["A", "B"])], xrefs: [] }))
        expect([...(await run(store.skuOwners(["A", "B"])))]).toEqual([
          ["A", "P1"],
          ["B", "P1"],
        ])

        await run(store.commitInbound({ flow: "erp-items", records: [product("P1", "c1", ["A"])], xrefs: [] }))
        expect([...(await run(store.skuOwners(["A", "B"])))]).toEqual([["A", "P1"]])

        await run(store.commitInbound({ flow: "erp-items", records: [product("P2", "c2", ["B"])], xrefs: [] }))
        expect([...(await run(store.skuOwners(["A", "B"])))]).toEqual([
          ["A", "P1"],
          ["B", "P2"],
        ])
      })

      it("moves with a renamed product: kept SKUs belong to the new product number, dropped ones are freed", async () => {
        await run(store.commitInbound({ flow: "erp-items", records: [product("P1", "c1", ["A", "B"])], xrefs: [] }))
        await run(store.commitInbound({ flow: "erp-items", records: [product("P1-NEW", "c1", ["A"])], xrefs: [] }))
        expect([...(await run(store.skuOwners(["A", "B"])))]).toEqual([["A", "P1-NEW"]])
        expect((await run(store.recordsById("product", ["c1"]))).get("c1")?.naturalKey).toBe("P1-NEW")
        expect((await run(store.recordsByNaturalKey("product", ["P1"]))).size).toBe(0)
      })
    })

    describe("runs", () => {
      it("are recorded from start to finish with status, counts and error", async () => {
        const id = await run(store.startRun("erp-items"))
        expect(await run(store.listRuns({ flow: "erp-items" }))).toEqual([
          expect.objectContaining({ id, status: "running" }),
        ])
        const counts = { read: 3, created: 2, updated: 0, unchanged: 0, failed: 1, skipped: 0, ignoredFields: 0 }
        await run(store.finishRun(id, "partial", counts, "one record failed"))
        const [finished] = await run(store.listRuns({}))
        expect(finished).toEqual(
          expect.objectContaining({ id, flow: "erp-items", status: "partial", counts, error: "one record failed" }),
        )
        expect(finished!.finishedAt! >= finished!.startedAt).toBe(true)
      })

      it("are listed newest first, by flow, up to a limit", async () => {
        const ids: string[] = []
        for (const flow of ["a", "b", "a"]) {
          ids.push(await run(store.startRun(flow)))
          await new Promise((resolve) => setTimeout(resolve, 3))
        }
        await run(store.finishRun(ids[0]!, "succeeded", { ...zero }))
        expect((await run(store.listRuns({}))).map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]])
        expect((await run(store.listRuns({ flow: "a" }))).map((r) => r.id)).toEqual([ids[2], ids[0]])
        expect((await run(store.listRuns({ limit: 1 }))).map((r) => r.id)).toEqual([ids[2]])
        const runsOfA = await run(store.listRuns({ flow: "a", limit: 5 }))
        expect(runsOfA.at(-1)).toMatchObject({ status: "succeeded", error: undefined, counts: zero })
      })
    })

    describe("pages", () => {
      it("walk the records of an entity in canonical-id order (byte order), a page at a time", async () => {
        const ids = ["b", "B", "a-2", "a-10", "C", "0"]
        await run(
          store.commitInbound({
            flow: "erp-items",
            records: [
              ...ids.map((id) => product(`P-${id}`, id, [])),
              { ...product("K1", "c-cat", []), entity: "category" },
            ],
            xrefs: [],
          }),
        )
        const seen: string[] = []
        let after = ""
        for (;;) {
          const page = await run(store.recordsPage("product", after, 4))
          if (page.length === 0) break
          seen.push(...page.map((r) => r.canonicalId))
          after = page[page.length - 1]!.canonicalId
        }
        expect(seen).toEqual(["0", "B", "C", "a-10", "a-2", "b"])
      })

      it("follow the change log of an entity after a sequence number", async () => {
        await run(
          store.commitInbound({
            flow: "f",
            records: [product("P1", "c1", []), { ...product("K1", "k1", []), entity: "category" }],
            xrefs: [],
          }),
        )
        await run(
          store.commitInbound({ flow: "f", records: [product("P2", "c2", []), product("P3", "c3", [])], xrefs: [] }),
        )
        const all = await run(store.changesAfter("product", 0, 100))
        expect(all.map((c) => c.naturalKey)).toEqual(["P1", "P2", "P3"])
        expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => a - b))
        const firstTwo = await run(store.changesAfter("product", 0, 2))
        expect(firstTwo.map((c) => c.naturalKey)).toEqual(["P1", "P2"])
        const rest = await run(store.changesAfter("product", firstTwo[1]!.seq, 2))
        expect(rest.map((c) => c.naturalKey)).toEqual(["P3"])
        expect(await run(store.changesAfter("product", all[2]!.seq, 2))).toEqual([])
        expect((await run(store.changesAfter("category", 0, 10))).map((c) => c.canonicalId)).toEqual(["k1"])
      })

      it("look records and cross-references up by key, ignoring unknown keys and duplicates", async () => {
        await run(
          store.commitInbound({
            flow: "f",
            records: [product("P1", "c1", ["A"]), product("P2", "c2", ["B"])],
            xrefs: [link("1", "c1"), link("2", "c2"), link("s2", "c2", "shop")],
          }),
        )
        expect(
          [...(await run(store.recordsByNaturalKey("product", ["P2", "P1", "P2", "nope"]))).keys()].sort(),
        ).toEqual(["P1", "P2"])
        expect((await run(store.recordsByNaturalKey("category", ["P1"]))).size).toBe(0)
        expect([...(await run(store.recordsById("product", ["c2", "x"]))).keys()]).toEqual(["c2"])
        expect((await run(store.recordsById("product", []))).size).toBe(0)
        expect((await run(store.recordsByNaturalKey("product", []))).size).toBe(0)
        expect((await run(store.xrefsByExternalId("erp", "product", []))).size).toBe(0)
        expect((await run(store.skuOwners([]))).size).toBe(0)
        expect((await run(store.xrefsByCanonicalId("shop", "product", ["c1", "c2"]))).get("c2")).toEqual({
          system: "shop",
          entity: "product",
          externalId: "s2",
          canonicalId: "c2",
          targetHash: undefined,
        })
        expect((await run(store.xrefsByCanonicalId("shop", "product", ["c1", "c2"]))).has("c1")).toBe(false)
      })
    })

    describe("counts", () => {
      it("count records and the last change per entity and overall", async () => {
        expect(await run(store.countRecords())).toBe(0)
        expect(await run(store.lastChangeSeq())).toBe(0)
        expect(await run(store.lastChangeSeq("product"))).toBe(0)
        await run(
          store.commitInbound({
            flow: "f",
            records: [
              product("P1", "c1", []),
              product("P2", "c2", [], false),
              { ...product("K1", "k1", []), entity: "category" },
            ],
            xrefs: [],
          }),
        )
        expect(await run(store.countRecords())).toBe(3)
        expect(await run(store.countRecords("product"))).toBe(2)
        expect(await run(store.countRecords("customer"))).toBe(0)
        const product1 = await run(store.lastChangeSeq("product"))
        const overall = await run(store.lastChangeSeq())
        expect(overall).toBeGreaterThan(product1)
        expect(await run(store.lastChangeSeq("category"))).toBe(overall)
        expect(await run(store.lastChangeSeq("customer"))).toBe(0)
      })
    })

    describe("webhook events", () => {
      it("are remembered once per (system, event id): true the first time, false for a replay", async () => {
        expect(await run(store.rememberWebhookEvent("shop", "evt-1", "2026-01-01T00:00:00.000Z"))).toBe(true)
        expect(await run(store.rememberWebhookEvent("shop", "evt-1", "2026-01-01T00:00:05.000Z"))).toBe(false)
        // The same id from another system is another event.
        expect(await run(store.rememberWebhookEvent("shop-at", "evt-1", "2026-01-01T00:00:05.000Z"))).toBe(true)
        expect(await run(store.rememberWebhookEvent("shop", "evt-2", "2026-01-01T00:00:05.000Z"))).toBe(true)
        // Nothing else is touched.
        expect(await run(store.countRecords())).toBe(0)
        expect(await run(store.lastChangeSeq())).toBe(0)
      })

      it("let exactly one of many concurrent deliveries of one event through", async () => {
        const answers = await Promise.all(
          Array.from({ length: 8 }, () =>
            run(store.rememberWebhookEvent("shop", "evt-race", "2026-01-01T00:00:00.000Z")),
          ),
        )
        expect(answers.filter(Boolean)).toHaveLength(1)
      })

      it("can be forgotten one by one, and pruned by age", async () => {
        await run(store.rememberWebhookEvent("shop", "old-1", "2026-01-01T00:00:00.000Z"))
        await run(store.rememberWebhookEvent("shop", "old-2", "2026-01-01T23:59:59.999Z"))
        await run(store.rememberWebhookEvent("erp", "new-1", "2026-01-02T00:00:00.000Z"))
        await run(store.rememberWebhookEvent("shop", "kept", "2026-01-03T00:00:00.000Z"))

        await run(store.forgetWebhookEvent("shop", "kept"))
        await run(store.forgetWebhookEvent("shop", "never-seen"))
        expect(await run(store.rememberWebhookEvent("shop", "kept", "2026-01-03T00:00:00.000Z"))).toBe(true)

        expect(await run(store.pruneWebhookEvents("2026-01-02T00:00:00.000Z"))).toBe(2)
        expect(await run(store.pruneWebhookEvents("2026-01-02T00:00:00.000Z"))).toBe(0)
        // A pruned event id counts as new again; the ones kept are still known.
        expect(await run(store.rememberWebhookEvent("shop", "old-1", "2026-01-04T00:00:00.000Z"))).toBe(true)
        expect(await run(store.rememberWebhookEvent("erp", "new-1", "2026-01-04T00:00:00.000Z"))).toBe(false)
        expect(await run(store.rememberWebhookEvent("shop", "kept", "2026-01-04T00:00:00.000Z"))).toBe(false)
      })
    })
  })

const zero = { read: 0, created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0, ignoredFields: 0 }
