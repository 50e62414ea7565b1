/**
 * A bad record never stops a run and is never dropped silently: it is in the dead-letter queue
 * with the reason, the JSON path and the record, and a replay after the fix resolves it.
 */
import { Effect } from "effect"
import { afterEach, beforeEach, expect, it } from "vitest"
import { exitCodeOf, replayDeadLetter } from "../core/sync/index.ts"
import {
  at,
  ERP_TOKEN,
  environment,
  erpToShopConfig,
  type Harness,
  hubRecord,
  makeHarness,
  SHOP_TOKEN,
  serveVendors,
} from "./support/harness.ts"
import { memoryVendor } from "./support/memoryVendor.ts"

const erp = memoryVendor({ origin: "https://erp.memory.test", token: ERP_TOKEN })
const shop = memoryVendor({ origin: "https://shop.memory.test", token: SHOP_TOKEN })
serveVendors(erp, shop)

let h: Harness
beforeEach(async () => {
  h = await makeHarness(erpToShopConfig(erp, shop), { environment })
  erp.put(
    ...Array.from({ length: 5 }, (_, i) => ({
      sku: `SKU-${i + 1}`,
      title: `Item ${i + 1}`,
      price: 10 + i,
      updated_at: at(i),
    })),
  )
})
afterEach(() => h.close())

const openLetters = () => h.exec(h.store.listDeadLetters({ status: "open" }))

it("a record that cannot be mapped goes to the DLQ with reason, path and record; the rest of the run goes on", async () => {
  // An erp item without a SKU, in the middle of the stream (pages of 3).
  const bad = { id: 50, title: "No SKU", price: 5, updated_at: at(2) } as unknown as Parameters<typeof erp.put>[0]
  erp.put(bad)

  const results = await h.sync()
  const [inbound, outbound] = results
  expect(inbound?.status).toBe("partial")
  expect(inbound?.counts).toMatchObject({ read: 6, created: 5, failed: 1 })
  expect(outbound?.counts).toMatchObject({ created: 5, failed: 0 })
  expect(exitCodeOf(results)).toBe(2)
  expect(shop.state.size).toBe(5)

  const [letter, ...others] = await openLetters()
  expect(others).toEqual([])
  expect(letter).toMatchObject({
    flow: "erp-items",
    system: "erp",
    entity: "product",
    direction: "inbound",
    recordKey: "50",
    sourceId: "50",
    errorTag: "MappingError",
    path: "$.sku",
    attempts: 1,
    status: "open",
    payload: { id: 50, title: "No SKU", price: 5, updated_at: at(2) },
  })
  expect(letter?.reason).toMatch(/sku/i)
  const runs = await h.exec(h.store.listRuns({ flow: "erp-items" }))
  expect(runs[0]).toMatchObject({ status: "partial", counts: { failed: 1, created: 5 } })
})

it("after the record is fixed in the vendor, replay resolves the dead letter and the record reaches the hub and the shop", async () => {
  erp.put({ id: 50, title: "No SKU", price: 5, updated_at: at(2) } as unknown as Parameters<typeof erp.put>[0])
  await h.sync()
  const [letter] = await openLetters()

  // Replaying before the fix fails again: still one open entry, with the attempt counted.
  const early = await h.exec(replayDeadLetter(h.flows, letter!.id))
  expect(early).toMatchObject({ resolved: false, counts: { failed: 1 } })
  expect(await openLetters()).toEqual([expect.objectContaining({ id: letter!.id, attempts: 2 })])

  erp.change(50, { sku: "SKU-50" })
  const replay = await h.exec(replayDeadLetter(h.flows, letter!.id))
  expect(replay).toMatchObject({ id: letter!.id, flow: "erp-items", resolved: true, counts: { created: 1, failed: 0 } })
  expect(await h.exec(h.store.getDeadLetter(letter!.id))).toMatchObject({ status: "resolved" })
  expect(await openLetters()).toEqual([])
  expect((await hubRecord(h, "SKU-50"))?.payload).toMatchObject({ productNumber: "SKU-50", title: { en: "No SKU" } })

  // A resolved letter is not replayed twice.
  const twice = await h.exec(Effect.either(replayDeadLetter(h.flows, letter!.id)))
  expect(twice._tag === "Left" && twice.left.message).toMatch(/already resolved/)

  const next = await h.sync()
  expect(next[1]?.counts).toMatchObject({ created: 1 })
  expect(shop.bySku("SKU-50")).toHaveLength(1)
})

it("a record the target rejects lands in the DLQ with the vendor's message; replay after fixing the hub record succeeds", async () => {
  erp.change(3, { price: -7 })
  const results = await h.sync()
  const outbound = results[1]
  expect(outbound?.status).toBe("partial")
  expect(outbound?.counts).toMatchObject({ read: 5, created: 4, failed: 1 })
  expect(exitCodeOf(results)).toBe(2)
  expect(shop.bySku("SKU-3")).toEqual([])

  const hub = await hubRecord(h, "SKU-3")
  const [letter, ...others] = await openLetters()
  expect(others).toEqual([])
  expect(letter).toMatchObject({
    flow: "shop-items",
    system: "shop",
    direction: "outbound",
    recordKey: "SKU-3",
    sourceId: hub?.canonicalId,
    errorTag: "RecordRejected",
    path: "$.price",
    payload: hub?.payload,
  })
  expect(letter?.reason).toContain("price must not be negative")

  // The fix is made at the source and synced into the hub; the outbound cursor is already past it.
  erp.change(3, { price: 7 })
  await h.syncOne("erp-items")
  const replay = await h.exec(replayDeadLetter(h.flows, letter!.id))
  expect(replay).toMatchObject({ resolved: true, counts: { created: 1, failed: 0 } })
  expect(shop.bySku("SKU-3")).toEqual([expect.objectContaining({ price: 7 })])
  expect(await openLetters()).toEqual([])

  // The regular run that follows finds the shop up to date: no duplicate, no second write.
  const batches = shop.batchCalls()
  const after = await h.syncOne("shop-items")
  expect(after.counts).toMatchObject({ read: 1, unchanged: 1, created: 0, updated: 0 })
  expect(shop.batchCalls()).toBe(batches)
  expect(shop.bySku("SKU-3")).toHaveLength(1)
})

it("a record that fails again while its entry is open counts an attempt instead of adding an entry", async () => {
  erp.put({ id: 50, title: "No SKU", price: 5, updated_at: at(2) } as unknown as Parameters<typeof erp.put>[0])
  await h.sync()
  const again = await h.syncOne("erp-items", { full: true })
  expect(again.counts).toMatchObject({ read: 6, failed: 1 })
  expect(await openLetters()).toEqual([expect.objectContaining({ sourceId: "50", attempts: 2 })])
})
