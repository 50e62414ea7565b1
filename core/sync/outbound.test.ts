/**
 * The outbound engine against the memory vendor: batching, filters, encode failures and sinks
 * that break their contract.
 */
import { Effect } from "effect"
import { afterEach, expect, it } from "vitest"
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
} from "../../test/support/harness.ts"
import { memory, memoryVendor } from "../../test/support/memoryVendor.ts"
import { defineConfig } from "../config/index.ts"
import { env } from "../connector/index.ts"
import type { Product } from "../model/index.ts"
import type { Flow, OutboundFlow } from "./flow.ts"
import { processOutboundRecords } from "./outbound.ts"
import { replayDeadLetter } from "./replay.ts"

const erp = memoryVendor({ origin: "https://erp.memory.test", token: ERP_TOKEN })
const shop = memoryVendor({ origin: "https://shop.memory.test", token: SHOP_TOKEN })
serveVendors(erp, shop)

let h: Harness | undefined
afterEach(() => h?.close())

const seed = (n: number) =>
  erp.put(
    ...Array.from({ length: n }, (_, i) => ({
      sku: `SKU-${i + 1}`,
      title: `Item ${i + 1}`,
      price: i,
      updated_at: at(i),
    })),
  )

/** Wraps the outbound sink's write; `spy` sees every batch and may change the outcomes. */
const wrapWrite =
  (spy: (items: number, outcomes: ReadonlyArray<{ naturalKey: string }>) => ReadonlyArray<unknown> | undefined) =>
  (flows: ReadonlyArray<Flow>): ReadonlyArray<Flow> =>
    flows.map((flow) =>
      flow.kind !== "outbound"
        ? flow
        : {
            ...flow,
            sink: {
              ...flow.sink,
              write: (ctx, items) =>
                flow.sink
                  .write(ctx, items)
                  .pipe(Effect.map((outcomes) => (spy(items.length, outcomes) ?? outcomes) as typeof outcomes)),
            },
          },
    )

it("never sends a batch larger than the sink's maxBatchSize", async () => {
  const sizes: number[] = []
  h = await makeHarness(erpToShopConfig(erp, shop, { pageSize: 100 }), {
    environment,
    flows: wrapWrite((n) => void sizes.push(n)),
  })
  seed(120)
  const [, outbound] = await h.sync()
  expect(outbound?.counts).toMatchObject({ created: 120, failed: 0 })
  expect(sizes).toEqual([50, 50, 20])
})

it("a record the sink answers no outcome for goes to the DLQ instead of silently past the cursor", async () => {
  let drop = true
  h = await makeHarness(erpToShopConfig(erp, shop), {
    environment,
    flows: wrapWrite((_, outcomes) => (drop ? outcomes.filter((o) => o.naturalKey !== "SKU-2") : undefined)),
  })
  seed(3)
  const [, outbound] = await h.sync()
  expect(outbound?.status).toBe("partial")
  expect(outbound?.counts).toMatchObject({ read: 3, created: 2, failed: 1 })
  const letters = await h.exec(h.store.listDeadLetters({ status: "open" }))
  expect(letters).toEqual([
    expect.objectContaining({ flow: "shop-items", recordKey: "SKU-2", errorTag: "VendorResponseError" }),
  ])

  // The vendor did write it: the replay links it by SKU and updates it, no duplicate.
  drop = false
  const replay = await h.exec(replayDeadLetter(h.flows, letters[0]!.id))
  expect(replay).toMatchObject({ resolved: true, counts: { updated: 1, created: 0 } })
  expect(shop.bySku("SKU-2")).toHaveLength(1)
})

it("a flow filter leaves records out and counts them as skipped", async () => {
  const config = defineConfig({
    systems: {
      erp: memory({ baseUrl: erp.baseUrl, token: env("ERP_TOKEN") }),
      shop: memory({ baseUrl: shop.baseUrl, token: env("SHOP_TOKEN") }),
    },
    flows: {
      "erp-items": { from: "erp", stream: "items" },
      "shop-items": { to: "shop", sink: "items", filter: (record) => (record as Product).attributes.price !== 0 },
    },
  })
  h = await makeHarness(config, { environment })
  seed(3)
  const [, outbound] = await h.sync()
  expect(outbound?.counts).toMatchObject({ read: 3, created: 2, skipped: 1, failed: 0 })
  expect(shop.bySku("SKU-1")).toEqual([])
})

it("a hub record that cannot be encoded for the target goes to the DLQ with its path; the rest is written", async () => {
  h = await makeHarness(erpToShopConfig(erp, shop), { environment })
  seed(2)
  await h.syncOne("erp-items")
  const good = await hubRecord(h, "SKU-1")
  const bad = await hubRecord(h, "SKU-2")
  const withoutPrice = { ...bad!, payload: { ...(bad?.payload as object), attributes: {} } }
  const counts = await h.exec(processOutboundRecords(h.flow("shop-items") as OutboundFlow, [good!, withoutPrice]))
  expect(counts).toMatchObject({ read: 2, created: 1, failed: 1 })
  expect(await h.exec(h.store.listDeadLetters({}))).toEqual([
    expect.objectContaining({
      direction: "outbound",
      recordKey: "SKU-2",
      errorTag: "MappingError",
      path: "$.attributes.price",
      sourceId: bad?.canonicalId,
    }),
  ])
})

/** Counts the outbound sink's lookups and sets whether it links on write. */
const countLookups =
  (tally: { lookups: number }, linksOnWrite: boolean) =>
  (flows: ReadonlyArray<Flow>): ReadonlyArray<Flow> =>
    flows.map((flow) =>
      flow.kind !== "outbound"
        ? flow
        : {
            ...flow,
            sink: {
              ...flow.sink,
              linksOnWrite,
              lookup: (ctx, keys) => {
                tally.lookups++
                return flow.sink.lookup(ctx, keys)
              },
            },
          },
    )

it("looks up before creating, unless the sink links on write (an upsert by a vendor key)", async () => {
  const looking = { lookups: 0 }
  h = await makeHarness(erpToShopConfig(erp, shop, { pageSize: 100 }), {
    environment,
    flows: countLookups(looking, false),
  })
  seed(3)
  const [, first] = await h.sync()
  expect(first?.counts).toMatchObject({ created: 3, failed: 0 })
  expect(looking.lookups).toBeGreaterThan(0)
  h.close()

  const linking = { lookups: 0 }
  h = await makeHarness(erpToShopConfig(erp, shop, { pageSize: 100 }), {
    environment,
    flows: countLookups(linking, true),
  })
  seed(3)
  const [, second] = await h.sync()
  expect(second?.counts.failed).toBe(0)
  expect(linking.lookups).toBe(0)
})
