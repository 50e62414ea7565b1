import { Chunk, Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { customersStream } from "./streams/customers.ts"
import { shopSystem, useShopifySandbox } from "./testing.ts"

// A tiny bucket: 50 points, 25 restored per second. A page of 4 customers books 30.
const { sandbox, server } = useShopifySandbox({ throttle: { maximumAvailable: 50, restoreRate: 25 } })

const readCustomers = async (shop: Awaited<ReturnType<typeof shopSystem>>) =>
  Chunk.toReadonlyArray(
    await Effect.runPromise(Stream.runCollect(customersStream.read(shop.context, { pageSize: 4 }))),
  ).flat()

describe("Shopify throttling", () => {
  it("waits out a THROTTLED answer for as long as the bucket needs, then succeeds", async () => {
    let throttled = 0
    server.events.on("response:mocked", async ({ response }) => {
      const body = await response.clone().json()
      if (JSON.stringify(body).includes('"THROTTLED"')) throttled += 1
    })
    const other = await shopSystem()
    // Load the sandbox's schema before the clock matters, then start from a full bucket.
    await Effect.runPromise(other.connector.check(other.context))
    sandbox.reset()
    // Another worker of the same app drains the shop's bucket first (to about 5 of 50 points);
    // ours does not know, books 30 and is answered THROTTLED.
    await readCustomers(other)
    await readCustomers(other)
    const ours = await shopSystem()
    const started = Date.now()
    const customers = await readCustomers(ours)
    expect(customers).toHaveLength(4)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(throttled).toBeGreaterThanOrEqual(1)
    // 30 points wanted, about 5 left: a second at 25 points per second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(500)
    server.events.removeAllListeners()
  })

  it("paces itself from the throttle status it observed, without being throttled", async () => {
    let throttled = 0
    server.events.on("response:mocked", async ({ response }) => {
      if (JSON.stringify(await response.clone().json()).includes('"THROTTLED"')) throttled += 1
    })
    const shop = await shopSystem()
    for (let i = 0; i < 4; i++) expect(await readCustomers(shop)).toHaveLength(4)
    expect(throttled).toBe(0)
    expect(shop.context.http.limiter.stats().waits).toBeGreaterThanOrEqual(1)
    server.events.removeAllListeners()
  })
})
