/**
 * Field ownership across two sources: `{ product: { title: "pim", "*": "erp" } }`. A write from a
 * non-owner to an owned field is ignored and counted, not merged; a stale copy never wins.
 */
import { afterEach, beforeEach, expect, it } from "vitest"
import { defineConfig } from "../core/config/index.ts"
import { env } from "../core/connector/index.ts"
import { processInboundPage } from "../core/sync/index.ts"
import { at, ERP_TOKEN, type Harness, hubRecord, makeHarness, serveVendors } from "./support/harness.ts"
import { memory, memoryVendor } from "./support/memoryVendor.ts"

const PIM_TOKEN = "pim-token-0c1d2e3f4a"
const erp = memoryVendor({ origin: "https://erp.memory.test", token: ERP_TOKEN })
const pim = memoryVendor({ origin: "https://pim.memory.test", token: PIM_TOKEN })
serveVendors(erp, pim)

const config = defineConfig({
  systems: {
    erp: memory({ baseUrl: erp.baseUrl, token: env("ERP_TOKEN") }),
    pim: memory({ baseUrl: pim.baseUrl, token: env("PIM_TOKEN") }),
  },
  flows: {
    "erp-items": { from: "erp", stream: "items" },
    "pim-items": { from: "pim", stream: "items" },
  },
  ownership: { product: { title: "pim", "*": "erp" } },
})

let h: Harness
beforeEach(async () => {
  h = await makeHarness(config, { environment: { ERP_TOKEN, PIM_TOKEN } })
  erp.put(
    { id: 1, sku: "SKU-1", title: "ERP TITLE 1", price: 10, updated_at: at(0) },
    { id: 2, sku: "SKU-2", title: "ERP TITLE 2", price: 20, updated_at: at(0) },
  )
  pim.put(
    { id: 71, sku: "SKU-1", title: "Linen shirt", price: 0, updated_at: at(5) },
    { id: 72, sku: "SKU-2", title: "Wool scarf", price: 0, updated_at: at(5) },
  )
})
afterEach(() => h.close())

const payloadOf = async (sku: string) => (await hubRecord(h, sku))?.payload as Record<string, unknown> | undefined

it("the erp's title fills the gap until the pim syncs; then the pim's title wins and its other fields are ignored", async () => {
  const erpRun = await h.syncOne("erp-items")
  expect(erpRun.counts).toMatchObject({ created: 2, ignoredFields: 0 })
  expect(await payloadOf("SKU-1")).toMatchObject({ title: { en: "ERP TITLE 1" }, attributes: { price: 10 } })

  const pimRun = await h.syncOne("pim-items")
  expect(pimRun.counts).toMatchObject({ read: 2, created: 0, updated: 2, failed: 0 })
  // The pim sends whole records: at least its price of each record is ignored (the erp owns it).
  expect(pimRun.counts.ignoredFields).toBeGreaterThanOrEqual(2)
  expect(await payloadOf("SKU-1")).toMatchObject({ title: { en: "Linen shirt" }, attributes: { price: 10 } })
  expect((await hubRecord(h, "SKU-1"))?.fieldSources).toMatchObject({ title: "pim", attributes: "erp" })
})

it("the erp's title change is ignored and counted, its price change is merged; the pim's next title change wins", async () => {
  await h.sync()
  erp.change(1, { title: "ERP RENAMED", price: 11 })
  erp.change(2, { title: "ERP RENAMED 2" })

  const erpRun = await h.syncOne("erp-items")
  expect(erpRun.counts).toMatchObject({ read: 2, updated: 1, unchanged: 1, ignoredFields: 2 })
  expect(await payloadOf("SKU-1")).toMatchObject({ title: { en: "Linen shirt" }, attributes: { price: 11 } })
  expect(await payloadOf("SKU-2")).toMatchObject({ title: { en: "Wool scarf" }, attributes: { price: 20 } })

  pim.change(71, { title: "Linen shirt, relaxed fit" })
  const pimRun = await h.syncOne("pim-items")
  expect(pimRun.counts).toMatchObject({ read: 1, updated: 1 })
  expect(await payloadOf("SKU-1")).toMatchObject({
    title: { en: "Linen shirt, relaxed fit" },
    attributes: { price: 11 },
  })
})

it("a stale copy from the same system (older updated_at) does not overwrite the newer one", async () => {
  await h.syncOne("erp-items")
  erp.change(1, { price: 12, updated_at: at(100) })
  await h.syncOne("erp-items")
  const before = await hubRecord(h, "SKU-1")
  const seq = await h.exec(h.store.lastChangeSeq())

  // A poll that answered before a webhook's re-read lands after it: the older version arrives late.
  const stale = { id: 1, sku: "SKU-1", title: "ERP TITLE 1", price: 10, updated_at: at(50) }
  const counts = await h.exec(processInboundPage(h.inbound("erp-items"), [stale]))
  expect(counts).toMatchObject({ read: 1, unchanged: 1, updated: 0, failed: 0 })
  expect(await hubRecord(h, "SKU-1")).toEqual(before)
  expect(before?.payload).toMatchObject({ attributes: { price: 12 } })
  expect(await h.exec(h.store.lastChangeSeq())).toBe(seq)

  // A newer copy still goes through.
  const newer = { ...stale, price: 13, updated_at: at(200) }
  const next = await h.exec(processInboundPage(h.inbound("erp-items"), [newer]))
  expect(next).toMatchObject({ updated: 1 })
  expect(await payloadOf("SKU-1")).toMatchObject({ attributes: { price: 13 } })
})
