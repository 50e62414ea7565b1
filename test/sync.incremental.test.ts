/**
 * Incremental inbound sync with ties on the cursor: a (updated_at, id) cursor must neither miss
 * records that share the last timestamp nor re-read them forever.
 */
import { afterEach, describe, expect, it } from "vitest"
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
import { type MemoryVendor, memoryVendor } from "./support/memoryVendor.ts"

const erp = memoryVendor({ origin: "https://erp.memory.test", token: ERP_TOKEN })
/** A vendor whose `updated_since` is inclusive and that ignores `after_id`. */
const looseErp = memoryVendor({ origin: "https://loose-erp.memory.test", token: ERP_TOKEN, tieBreaker: false })
const shop = memoryVendor({ origin: "https://shop.memory.test", token: SHOP_TOKEN })
serveVendors(erp, looseErp, shop)

let harness: Harness | undefined
afterEach(() => harness?.close())
const start = async (vendor: MemoryVendor) => {
  harness = await makeHarness(erpToShopConfig(vendor, shop, { pageSize: 3 }), { environment })
  return harness
}

const T0 = at(0)
const T1 = at(60)

/** Seven items sharing one timestamp, ids 5..11 so that numeric order (9 < 10) matters. */
const seedSeven = (vendor: MemoryVendor) =>
  vendor.put(
    ...Array.from({ length: 7 }, (_, i) => ({
      id: 5 + i,
      sku: `SKU-${5 + i}`,
      title: `Item ${5 + i}`,
      price: 10 + i,
      updated_at: T0,
    })),
  )

const itemReads = (vendor: MemoryVendor) => vendor.requests.filter((r) => r.method === "GET" && r.path === "/items")

describe.each([
  ["a vendor with an after_id tie-breaker", erp],
  ["a vendor whose updated_since is inclusive and has no tie-breaker", looseErp],
])("incremental sync from %s", (_, vendor) => {
  it("reads 7 records sharing one updated_at exactly once over pages of 3, then nothing, then only the 2 touched", async () => {
    const h = await start(vendor)
    seedSeven(vendor)

    const first = await h.syncOne("erp-items")
    expect(first.status).toBe("succeeded")
    expect(first.counts).toMatchObject({ read: 7, created: 7, updated: 0, unchanged: 0, failed: 0 })
    expect(await h.exec(h.store.countRecords("product"))).toBe(7)
    // Ties span page boundaries: pages at offset 0, 3 and 6 (the short third page ends it).
    expect(itemReads(vendor).map((r) => r.query.get("offset"))).toEqual(["0", "3", "6"])
    expect(await h.exec(h.store.getCursor("erp-items"))).toEqual({ position: { at: "2026-01-01T00:00:00Z", id: "11" } })

    const second = await h.syncOne("erp-items")
    expect(second.counts).toMatchObject({ read: 0, created: 0, updated: 0, unchanged: 0 })
    expect(await h.exec(h.store.lastChangeSeq("product"))).toBe(7)

    vendor.change(6, { price: 99, updated_at: T1 })
    vendor.change(9, { price: 77, updated_at: T1 })
    const third = await h.syncOne("erp-items")
    expect(third.counts).toMatchObject({ read: 2, created: 0, updated: 2, unchanged: 0 })
    expect((await hubRecord(h, "SKU-6"))?.payload).toMatchObject({ attributes: { price: 99 } })
    expect((await hubRecord(h, "SKU-9"))?.payload).toMatchObject({ attributes: { price: 77 } })
    expect(await h.exec(h.store.getCursor("erp-items"))).toEqual({ position: { at: "2026-01-01T00:01:00Z", id: "9" } })
  })

  it("picks up a record added later with the cursor's timestamp and a higher id, and does not re-read the lower ids of that timestamp", async () => {
    const h = await start(vendor)
    seedSeven(vendor)
    await h.syncOne("erp-items")
    vendor.change(6, { price: 99, updated_at: T1 })
    vendor.change(9, { price: 77, updated_at: T1 })
    await h.syncOne("erp-items")
    // The cursor is now (T1, 9); a record the vendor saved in the same second gets a higher id.
    vendor.put({ id: 12, sku: "SKU-12", title: "Item 12", price: 12, updated_at: T1 })

    const late = await h.syncOne("erp-items")
    expect(late.counts).toMatchObject({ read: 1, created: 1, updated: 0, unchanged: 0 })
    expect(await hubRecord(h, "SKU-12")).toBeDefined()

    // Records 6 and 9 share T1 with the cursor (T1, 12) but sort before it: never read again.
    for (let run = 0; run < 3; run++) {
      const again = await h.syncOne("erp-items")
      expect(again.counts).toMatchObject({ read: 0, created: 0, updated: 0, unchanged: 0 })
    }
    expect(await h.exec(h.store.lastChangeSeq("product"))).toBe(7 + 2 + 1)
  })

  it("with --full re-reads everything but records nothing as changed", async () => {
    const h = await start(vendor)
    seedSeven(vendor)
    await h.syncOne("erp-items")
    const full = await h.syncOne("erp-items", { full: true })
    expect(full.counts).toMatchObject({ read: 7, created: 0, updated: 0, unchanged: 7 })
    expect(await h.exec(h.store.lastChangeSeq("product"))).toBe(7)
  })
})
