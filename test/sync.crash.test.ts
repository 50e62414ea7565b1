/**
 * At-least-once delivery plus link-before-create: a crash between the vendor write and the
 * cross-reference/cursor commit must not create duplicates when the run is repeated.
 * (In-process simulation; the real process-kill test lives elsewhere.)
 */
import { Effect } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { NetworkError } from "../core/connector/index.ts"
import type { Flow } from "../core/sync/index.ts"
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

const erp = memoryVendor({ origin: "https://erp.memory.test", token: ERP_TOKEN })
const shop = memoryVendor({ origin: "https://shop.memory.test", token: SHOP_TOKEN })
serveVendors(erp, shop)

type Crash = "fail" | "die"

/**
 * The outbound sink's first write reaches the vendor, then the effect fails as if the answer was
 * lost (`fail`) or the process died (`die`) before esl could record anything. Later writes pass.
 */
const crashAfterFirstWrite = (crash: Crash) => {
  let crashed = false
  return (flows: ReadonlyArray<Flow>): ReadonlyArray<Flow> =>
    flows.map((flow) =>
      flow.kind !== "outbound"
        ? flow
        : {
            ...flow,
            sink: {
              ...flow.sink,
              write: (ctx, items) =>
                crashed
                  ? flow.sink.write(ctx, items)
                  : flow.sink.write(ctx, items).pipe(
                      Effect.tap(() => {
                        crashed = true
                      }),
                      Effect.zipRight(
                        crash === "fail"
                          ? Effect.fail(
                              new NetworkError({
                                system: "shop",
                                method: "POST",
                                url: "items/batch",
                                reason: "timeout",
                                detail: "no answer within 30000 ms",
                              }),
                            )
                          : Effect.die(new Error("simulated crash after the vendor write")),
                      ),
                    ),
            },
          },
    )
}

let h: Harness | undefined
afterEach(() => h?.close())

const skusInShop = () => [...shop.state.values()].map((i) => i.sku).sort()

describe.each<Crash>(["fail", "die"])("a crash (%s) right after the vendor accepted a batch", (crash) => {
  it("leaves no cross-reference or cursor, and the re-run links instead of creating duplicates", async () => {
    const harness = await makeHarness(erpToShopConfig(erp, shop, { pageSize: 100 }), {
      environment,
      flows: crashAfterFirstWrite(crash),
    })
    h = harness
    // 120 items: three batches of at most 50; the crash comes after the first one.
    const expected = Array.from({ length: 120 }, (_, i) => `SKU-${String(i + 1).padStart(3, "0")}`)
    erp.put(...expected.map((sku, i) => ({ sku, title: `Item ${sku}`, price: i, updated_at: at(i) })))

    const [inbound, crashed] = await harness.sync()
    expect(inbound?.counts).toMatchObject({ created: 120 })
    expect(crashed?.status).toBe("failed")
    expect(crashed?.error).toBeDefined()
    expect(shop.state.size).toBe(50)
    expect(await harness.exec(harness.store.getCursor("shop-items"))).toBeUndefined()
    const hub = await harness.exec(harness.store.recordsPage("product", "", 1000))
    const ids = hub.map((r) => r.canonicalId)
    expect((await harness.exec(harness.store.xrefsByCanonicalId("shop", "product", ids))).size).toBe(0)

    const [, rerun] = await harness.sync()
    expect(rerun?.status).toBe("succeeded")
    expect(rerun?.counts).toMatchObject({ read: 120, created: 70, updated: 50, failed: 0 })
    expect(skusInShop()).toEqual(expected)
    expect(shop.state.size).toBe(120)

    // Every hub record is linked to the one shop item with its SKU.
    const xrefs = await harness.exec(harness.store.xrefsByCanonicalId("shop", "product", ids))
    expect(xrefs.size).toBe(120)
    for (const record of hub) {
      expect(xrefs.get(record.canonicalId)?.externalId).toBe(String(shop.bySku(record.naturalKey)[0]?.id))
    }

    const idle = await harness.syncOne("shop-items")
    expect(idle.counts).toMatchObject({ read: 0, created: 0, updated: 0 })
    const full = await harness.syncOne("shop-items", { full: true })
    expect(full.counts).toMatchObject({ read: 120, unchanged: 120, created: 0, updated: 0 })
    expect(shop.state.size).toBe(120)
  })
})
