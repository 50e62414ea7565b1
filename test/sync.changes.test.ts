/**
 * erp → hub → shop change detection: only what changed moves, and what moves is written once.
 */
import { afterEach, beforeEach, expect, it } from "vitest"
import { exitCodeOf } from "../core/sync/index.ts"
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

const shopItem = (sku: string) => {
  const found = shop.bySku(sku)
  expect(found, `shop items with SKU ${sku}`).toHaveLength(1)
  return found[0]
}

it("a first run creates every erp item in the shop and links each one", async () => {
  const results = await h.sync()
  expect(results.map((r) => [r.flow, r.status])).toEqual([
    ["erp-items", "succeeded"],
    ["shop-items", "succeeded"],
  ])
  expect(results[0]?.counts).toMatchObject({ read: 5, created: 5 })
  expect(results[1]?.counts).toMatchObject({ read: 5, created: 5, updated: 0, failed: 0 })
  expect(exitCodeOf(results)).toBe(0)
  expect(shop.state.size).toBe(5)
  expect(shopItem("SKU-3")).toMatchObject({ title: "Item 3", price: 12 })

  const hub = await hubRecord(h, "SKU-3")
  const xrefs = await h.exec(h.store.xrefsByCanonicalId("shop", "product", [hub?.canonicalId ?? ""]))
  expect(xrefs.get(hub?.canonicalId ?? "")?.externalId).toBe(String(shopItem("SKU-3")?.id))
})

it("a second run moves nothing; records re-saved in the erp without a change count as unchanged and write nothing", async () => {
  await h.sync()
  const batches = shop.batchCalls()

  const idle = await h.sync()
  expect(idle.map((r) => r.counts.read)).toEqual([0, 0])
  expect(shop.batchCalls()).toBe(batches)

  // The erp touches every record (a re-save): new updated_at, same content.
  for (const item of erp.state.values()) erp.change(item.id, {})
  const touched = await h.sync()
  expect(touched[0]?.counts).toMatchObject({ read: 5, created: 0, updated: 0, unchanged: 5 })
  expect(touched[1]?.counts).toMatchObject({ read: 0, created: 0, updated: 0 })
  expect(shop.batchCalls()).toBe(batches)
  expect(shop.requests.filter((r) => r.method === "POST")).toHaveLength(batches)
})

it("changing one price moves exactly that record", async () => {
  await h.sync()
  const batches = shop.batchCalls()
  const writtenBefore = shop.written.length
  const target = [...erp.state.values()].find((i) => i.sku === "SKU-2")!

  erp.change(target.id, { price: 42.5 })
  const results = await h.sync()
  expect(results[0]?.counts).toMatchObject({ read: 1, updated: 1 })
  expect(results[1]?.counts).toMatchObject({ read: 1, created: 0, updated: 1, unchanged: 0 })
  expect(shop.batchCalls()).toBe(batches + 1)
  expect(shop.written.slice(writtenBefore)).toEqual([
    { id: shopItem("SKU-2")?.id, sku: "SKU-2", title: "Item 2", price: 42.5 },
  ])
  expect(shopItem("SKU-2")?.price).toBe(42.5)
  expect(shop.state.size).toBe(5)
})

it("--full on the outbound flow re-walks the hub but writes nothing the shop already has", async () => {
  await h.sync()
  const batches = shop.batchCalls()
  const full = await h.syncOne("shop-items", { full: true })
  expect(full.status).toBe("succeeded")
  expect(full.counts).toMatchObject({ read: 5, unchanged: 5, created: 0, updated: 0, failed: 0 })
  expect(shop.batchCalls()).toBe(batches)
})

it("a record the shop already has (data from before esl) is linked by SKU and updated, not duplicated", async () => {
  // The shop already has SKU-1 (data from before esl): the first run links it by SKU.
  const [existing] = shop.put({ sku: "SKU-1", title: "Old title", price: 1, updated_at: at(0) })
  const results = await h.sync()
  expect(results[1]?.counts).toMatchObject({ created: 4, updated: 1 })
  expect(shopItem("SKU-1")).toMatchObject({ id: existing?.id, title: "Item 1", price: 10 })
  expect(shop.state.size).toBe(5)
})

it("a dry run writes nothing to the vendor or the store, but reports what it would do", async () => {
  await h.sync()
  const target = [...erp.state.values()].find((i) => i.sku === "SKU-4")!
  erp.change(target.id, { price: 1000 })
  const before = {
    batches: shop.batchCalls(),
    seq: await h.exec(h.store.lastChangeSeq()),
    inCursor: await h.exec(h.store.getCursor("erp-items")),
    outCursor: await h.exec(h.store.getCursor("shop-items")),
    runs: (await h.exec(h.store.listRuns({ limit: 100 }))).length,
    hub: await hubRecord(h, "SKU-4"),
  }
  const unchangedState = async () => {
    expect(shop.batchCalls()).toBe(before.batches)
    expect(shopItem("SKU-4")?.price).toBe(13)
    expect(await h.exec(h.store.lastChangeSeq())).toBe(before.seq)
    expect(await h.exec(h.store.getCursor("erp-items"))).toEqual(before.inCursor)
    expect(await h.exec(h.store.getCursor("shop-items"))).toEqual(before.outCursor)
    expect((await h.exec(h.store.listRuns({ limit: 100 }))).length).toBe(before.runs)
    expect(await hubRecord(h, "SKU-4")).toEqual(before.hub)
  }

  const inbound = await h.syncOne("erp-items", { dryRun: true })
  expect(inbound.counts).toMatchObject({ read: 1, updated: 1 })
  await unchangedState()

  // With the change in the hub, a dry outbound run says it would update one record, and doesn't.
  await h.syncOne("erp-items")
  before.seq = await h.exec(h.store.lastChangeSeq())
  before.inCursor = await h.exec(h.store.getCursor("erp-items"))
  before.runs += 1
  before.hub = await hubRecord(h, "SKU-4")
  const outbound = await h.syncOne("shop-items", { dryRun: true })
  expect(outbound.counts).toMatchObject({ read: 1, updated: 1, created: 0 })
  await unchangedState()
  const outboundFull = await h.syncOne("shop-items", { dryRun: true, full: true })
  expect(outboundFull.counts).toMatchObject({ read: 5, updated: 1, unchanged: 4 })
  await unchangedState()

  // The real run then delivers it.
  const real = await h.syncOne("shop-items")
  expect(real.counts).toMatchObject({ read: 1, updated: 1 })
  expect(shopItem("SKU-4")?.price).toBe(1000)
})
