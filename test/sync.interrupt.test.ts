/**
 * A run interrupted midway (a shutdown past its drain bound) is recorded as such, with what its
 * committed pages counted, and the next run resumes from the last committed page.
 */
import { Deferred, Effect, Fiber } from "effect"
import { afterEach, beforeEach, expect, it } from "vitest"
import { runFlow } from "../core/sync/index.ts"
import {
  at,
  ERP_TOKEN,
  environment,
  erpToShopConfig,
  type Harness,
  makeHarness,
  SHOP_TOKEN,
  serveVendors,
} from "./support/harness.ts"
import { memoryVendor } from "./support/memoryVendor.ts"

const erp = memoryVendor({ origin: "https://erp.interrupt.test", token: ERP_TOKEN })
const shop = memoryVendor({ origin: "https://shop.interrupt.test", token: SHOP_TOKEN })
serveVendors(erp, shop)

let h: Harness
beforeEach(async () => {
  h = await makeHarness(erpToShopConfig(erp, shop, { pageSize: 3 }), { environment })
  erp.put(
    ...Array.from({ length: 12 }, (_, i) => ({
      sku: `INT-${i + 1}`,
      title: `Item ${i + 1}`,
      price: 5 + i,
      updated_at: at(i),
    })),
  )
})
afterEach(() => h.close())

it("records an interrupted run as failed with the counts of its committed pages, and the next run resumes", async () => {
  await h.exec(
    Effect.gen(function* () {
      const firstPage = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(
        runFlow(h.flow("erp-items"), { onProgress: () => Deferred.unsafeDone(firstPage, Effect.void) }),
      )
      yield* Deferred.await(firstPage)
      yield* Fiber.interrupt(fiber)
    }),
  )
  const [interrupted] = await h.exec(h.store.listRuns({ flow: "erp-items", limit: 1 }))
  expect(interrupted?.status).toBe("failed")
  expect(interrupted?.error).toContain("interrupted")
  expect(interrupted?.counts.read).toBeGreaterThan(0)
  expect(interrupted?.finishedAt).toBeDefined()

  const rerun = await h.syncOne("erp-items")
  expect(rerun.status).toBe("succeeded")
  expect((interrupted?.counts.created ?? 0) + rerun.counts.created).toBe(12)
})
