import { describe, expect, it } from "vitest"
import { ordersStream } from "./streams/orders.ts"
import { readPages, shopSystem, useWooSandbox } from "./testing.ts"

// A host allowing 2 requests a second; the client is told it may send far more.
const { sandbox } = useWooSandbox({ rateLimits: true, requestsPerSecond: 2 })

describe("rate limits", () => {
  it("waits out a 429 with Retry-After and reads every page", async () => {
    const shop = await shopSystem({ requestsPerSecond: 1000 })
    const pages = await readPages(ordersStream, shop, { pageSize: 1 })
    expect(pages.flat().map((o) => o.number)).toEqual(["1001", "1002", "1003", "1004"])
    // Four pages, but more requests: the throttled ones were sent again.
    expect(sandbox.state.requests.length).toBeGreaterThan(4)
  })

  it("paces requests at the configured rate by default, so the shop's limit is not hit", async () => {
    const shop = await shopSystem({ requestsPerSecond: 2 })
    expect(shop.context.http.limiter.spec).toEqual({ kind: "bucket", capacity: 4, perSecond: 2 })
  })
})
