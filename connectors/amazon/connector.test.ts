import { Effect, Fiber, TestClock, TestContext } from "effect"
import { describe, expect, it } from "vitest"
import { amazonConnector } from "./connector.ts"
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN } from "./sandbox/index.ts"
import { fbaInventoryStream } from "./streams/inventory.ts"
import { ordersStream } from "./streams/orders.ts"
import { amazonSystem, readPages, run, runFailure, useAmazonSandbox } from "./testing.ts"

describe("amazon connector against its sandbox", () => {
  // Pinned credentials (a wrong refresh token is refused) and small inventory pages (paging is exercised).
  const { sandbox } = useAmazonSandbox({
    credentials: {
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      refreshToken: SANDBOX_REFRESH_TOKEN,
    },
    inventoryPageSize: 2,
  })

  it("checks the seller's participation in Amazon.de with a token from LWA", async () => {
    const system = await amazonSystem()
    const result = await run(amazonConnector.check(system.context))
    expect(result.detail).toContain("Amazon.de (A1PA6795UKMFR9)")
    expect(sandbox.state.tokenGrants).toBe(1)
  })

  it("reads every order with its items, paging getOrders with NextToken, in LastUpdateDate order", async () => {
    const system = await amazonSystem()
    const pages = await readPages(ordersStream, system, { pageSize: 2 })
    expect(pages.map((p) => p.length)).toEqual([2, 2])
    const orders = pages.flat()
    expect(orders.map((o) => o.order.AmazonOrderId)).toEqual([
      "302-4518273-6102741",
      "303-6620174-4471528",
      "028-7734190-5526315",
      "304-1189362-8830720",
    ])
    expect(orders[2]?.items.map((i) => i.SellerSKU)).toEqual(["ALP-HOOD-M-NVY", "ALP-BEANIE"])
    expect(sandbox.state.calls.filter((c) => c === "getOrderItems")).toHaveLength(4)
  })

  it("reads incrementally from LastUpdatedAfter and by order ids", async () => {
    const system = await amazonSystem()
    const since = { at: "2026-02-20T11:36:12Z", id: "028-7734190-5526315" }
    const pages = await readPages(ordersStream, system, { since })
    expect(pages.flat().map((o) => o.order.AmazonOrderId)).toEqual(["028-7734190-5526315", "304-1189362-8830720"])
    const byId = await run(ordersStream.readByIds!(system.context, ["304-1189362-8830720"]))
    expect(byId.map((o) => o.items.length)).toEqual([1])
  })

  it("reads only the configured fulfilment channel", async () => {
    const system = await amazonSystem({ fulfillmentChannels: ["AFN"] })
    const orders = (await readPages(ordersStream, system)).flat()
    expect(orders.map((o) => o.order.FulfillmentChannel)).toEqual(["AFN", "AFN"])
  })

  it("reads FBA inventory over nextToken pages and yields it by lastUpdatedTime", async () => {
    const system = await amazonSystem()
    const pages = await readPages(fbaInventoryStream, system)
    expect(sandbox.state.calls.filter((c) => c === "getInventorySummaries")).toHaveLength(3)
    const summaries = pages.flat()
    expect(summaries.map((s) => s.sellerSku)).toEqual([
      "ALP-TEE-S-BLK",
      "ALP-TEE-M-BLK",
      "ALP-BOTTLE-075",
      "ALP-TEE-L-BLK",
      "ALP-TEE-M-WHT",
    ])
    const recent = (
      await readPages(fbaInventoryStream, system, { since: { at: "2026-02-12T09:30:00Z", id: "" } })
    ).flat()
    expect(recent.map((s) => s.sellerSku)).toEqual(["ALP-BOTTLE-075", "ALP-TEE-L-BLK", "ALP-TEE-M-WHT"])
  })

  it("fails with an AuthError carrying LWA's answer when the refresh token is refused, without leaking it", async () => {
    const system = await amazonSystem({ refreshToken: "Atzr|wrong-refresh-token" })
    const error = await runFailure(amazonConnector.check(system.context))
    expect(error._tag).toBe("AuthError")
    expect(error.message).toContain("invalid_grant")
    expect(error.message).not.toContain("Atzr|wrong-refresh-token")
  })

  it("answers 401 in SP-API's error shape to a call without an access token", async () => {
    const response = await fetch(
      "https://sellingpartnerapi-eu.amazon.com/orders/v0/orders?MarketplaceIds=A1PA6795UKMFR9",
    )
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      errors: [
        {
          code: "Unauthorized",
          message: "Access to requested resource is denied.",
          details: "The access token you provided is revoked, malformed or invalid.",
        },
      ],
    })
  })

  it("renews the access token from LWA once it is about to expire, and sends the new one", async () => {
    const system = await amazonSystem()
    const program = Effect.gen(function* () {
      yield* amazonConnector.check(system.context)
      // LWA tokens live 3600 s; the client renews a minute ahead.
      yield* TestClock.adjust("3550 seconds")
      yield* amazonConnector.check(system.context)
    })
    await Effect.runPromise(
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(program)
        return yield* Fiber.join(fiber)
      }).pipe(Effect.provide(TestContext.TestContext)),
    )
    expect(sandbox.state.tokenGrants).toBe(2)
  })
})
