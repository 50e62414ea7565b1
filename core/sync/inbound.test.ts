/**
 * Identity in the inbound engine: vendor id first, natural key second, and an SKU that belongs
 * to exactly one product.
 */
import { ParseResult, Schema } from "effect"
import { afterEach, beforeEach, expect, it } from "vitest"
import { environment, erpToShopConfig, type Harness, hubRecord, makeHarness } from "../../test/support/harness.ts"
import { memoryVendor } from "../../test/support/memoryVendor.ts"
import { defineMapping, type EntityMapping } from "../mapping/index.ts"
import { Product } from "../model/index.ts"
import type { InboundFlow } from "./flow.ts"
import { processInboundPage } from "./inbound.ts"

/** A vendor record of a product with a parent number and its variants' SKUs. */
const ParentItem = Schema.Struct({
  id: Schema.Number,
  parent: Schema.String,
  skus: Schema.Array(Schema.String),
  updated_at: Schema.String,
})
type ParentItem = typeof ParentItem.Type

const byParent = defineMapping({
  entity: "product",
  read: Schema.transformOrFail(ParentItem, Product, {
    strict: true,
    decode: (item) =>
      ParseResult.succeed({
        productNumber: item.parent,
        title: { en: item.parent },
        categories: [],
        media: [],
        status: "active" as const,
        attributes: {},
        variants: item.skus.map((sku) => ({ sku, options: [], status: "active" as const })) as never,
        updatedAt: item.updated_at,
      }),
    encode: (product, _, ast) => ParseResult.fail(new ParseResult.Forbidden(ast, product, "decode only")),
  }),
}) as unknown as EntityMapping<"product", unknown, unknown>

let h: Harness
let flow: InboundFlow
beforeEach(async () => {
  // Only the erp flow's system and context are used; pages are handed to the engine directly.
  const vendor = memoryVendor({ origin: "https://erp.memory.test" })
  h = await makeHarness(erpToShopConfig(vendor, vendor), { environment })
  flow = { ...h.inbound("erp-items"), mapping: byParent }
})
afterEach(() => h.close())

const page = (...items: ParentItem[]) => h.exec(processInboundPage(flow, items))
const owners = (...skus: string[]) => h.exec(h.store.skuOwners(skus)).then((m) => Object.fromEntries(m))

it("a product renamed at the source (same vendor id, new number, same SKUs) is updated in place and keeps its SKUs", async () => {
  await page({ id: 1, parent: "P1", skus: ["A", "B"], updated_at: "2026-01-01T00:00:00Z" })
  const original = await hubRecord(h, "P1")

  const renamed = await page({ id: 1, parent: "P1-NEW", skus: ["A"], updated_at: "2026-01-02T00:00:00Z" })
  expect(renamed).toMatchObject({ read: 1, updated: 1, created: 0, failed: 0 })
  expect(await h.exec(h.store.listDeadLetters({}))).toEqual([])
  expect(await hubRecord(h, "P1")).toBeUndefined()
  expect((await hubRecord(h, "P1-NEW"))?.canonicalId).toBe(original?.canonicalId)
  expect(await owners("A", "B")).toEqual({ A: "P1-NEW" })

  // The SKU it dropped is free for another product.
  const other = await page({ id: 2, parent: "P2", skus: ["B"], updated_at: "2026-01-02T00:00:00Z" })
  expect(other).toMatchObject({ created: 1, failed: 0 })
  expect(await owners("A", "B")).toEqual({ A: "P1-NEW", B: "P2" })
})

it("an SKU that belongs to another product is rejected at its JSON path, and the rest of the page goes on", async () => {
  await page({ id: 1, parent: "P1", skus: ["A"], updated_at: "2026-01-01T00:00:00Z" })
  const counts = await page(
    { id: 2, parent: "P2", skus: ["X", "A"], updated_at: "2026-01-01T00:00:00Z" },
    { id: 3, parent: "P3", skus: ["Y"], updated_at: "2026-01-01T00:00:00Z" },
  )
  expect(counts).toMatchObject({ read: 2, created: 1, failed: 1 })
  expect(await h.exec(h.store.listDeadLetters({}))).toEqual([
    expect.objectContaining({ sourceId: "2", recordKey: "P2", errorTag: "SkuConflict", path: "$.variants[1].sku" }),
  ])
  expect(await owners("A", "X", "Y")).toEqual({ A: "P1", Y: "P3" })
})

it("the same vendor record twice in one page is merged once, the last version winning", async () => {
  const counts = await page(
    { id: 1, parent: "P1", skus: ["A"], updated_at: "2026-01-01T00:00:00Z" },
    { id: 1, parent: "P1", skus: ["A", "B"], updated_at: "2026-01-01T00:00:01Z" },
  )
  expect(counts).toMatchObject({ created: 1, failed: 0 })
  expect(await owners("A", "B")).toEqual({ A: "P1", B: "P1" })
})
