import { Effect, Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { makeHttpClient, oauth2RefreshToken } from "../../core/http/index.ts"
import { amazonConnector } from "./connector.ts"
import { orderItemsOf } from "./streams/orders.ts"
import { amazonSystem, run, runFailure, useAmazonSandbox } from "./testing.ts"
import { defaultUsagePlans } from "./usagePlans.ts"

// getOrderItems' plan made small, on both sides, so a burst past it is quick to provoke.
const plan = { rate: 2, burst: 3 }
// The sandbox's clock: real, except where a test stops it so that its bucket cannot refill.
let frozenAt: number | undefined

describe("per-operation usage plans", () => {
  const { sandbox } = useAmazonSandbox({ usagePlans: { getOrderItems: plan }, now: () => frozenAt ?? Date.now() })

  it("copies the published plans of the operations it calls", () => {
    expect(defaultUsagePlans.getOrders).toEqual({ rate: 0.0167, burst: 20 })
    expect(defaultUsagePlans.getOrderItems).toEqual({ rate: 0.5, burst: 30 })
    expect(defaultUsagePlans.getInventorySummaries).toEqual({ rate: 2, burst: 2 })
    expect(defaultUsagePlans.createFeed).toEqual({ rate: 0.0083, burst: 15 })
    expect(defaultUsagePlans.createFeedDocument).toEqual({ rate: 0.5, burst: 15 })
    expect(defaultUsagePlans.getFeed).toEqual({ rate: 2, burst: 15 })
    expect(defaultUsagePlans.confirmShipment).toEqual({ rate: 2, burst: 10 })
  })

  it("waits for getOrderItems' own bucket: a burst past it gets no 429", async () => {
    const system = await amazonSystem({ usagePlans: { getOrderItems: plan } })
    // The access token first: fetched inside the first paced request, it would delay that request's
    // arrival and make the sandbox's bucket start later than the client's.
    await run(amazonConnector.check(system.context))
    const items = await run(
      Effect.forEach(Array.from({ length: 8 }), () => orderItemsOf(system.context, "028-7734190-5526315")),
    )
    expect(items.every((i) => i.length === 2)).toBe(true)
    expect(sandbox.state.throttled).toEqual([])
    expect(sandbox.state.calls.filter((c) => c === "getOrderItems")).toHaveLength(8)
    expect(system.context.http.operationLimiters?.getOrderItems?.stats().waits).toBeGreaterThan(0)
    // Other operations have buckets of their own: getOrderItems' waits did not touch them.
    expect(system.context.http.operationLimiters?.getOrders?.stats().waits).toBe(0)
  })

  it("answers 429 QuotaExceeded with x-amzn-RateLimit-Limit to a client that does not pace itself", async () => {
    const client = makeHttpClient({
      system: "unpaced",
      baseUrl: "https://sellingpartnerapi-eu.amazon.com",
      auth: oauth2RefreshToken({
        tokenUrl: "https://api.amazon.com/auth/o2/token",
        clientId: "amzn1.application-oa2-client.unpaced",
        clientSecret: Redacted.value(Redacted.make("secret")),
        refreshToken: "Atzr|unpaced",
        tokenHeader: "x-amz-access-token",
      }),
      retry: { maxAttempts: 1 },
    })
    frozenAt = Date.now()
    const send = client.request({ method: "GET", path: "orders/v0/orders/028-7734190-5526315/orderItems" })
    const error = await runFailure(Effect.forEach(Array.from({ length: 4 }), () => send))
    expect(error._tag).toBe("RateLimited")
    expect(error.message).toContain("You exceeded your quota for the requested resource.")
    expect(sandbox.state.throttled).toEqual(["getOrderItems"])
    const raw = await fetch("https://sellingpartnerapi-eu.amazon.com/orders/v0/orders/028-7734190-5526315/orderItems", {
      headers: { "x-amz-access-token": [...sandbox.state.accessTokens.keys()][0] ?? "" },
    })
    expect(raw.status).toBe(429)
    expect(raw.headers.get("x-amzn-ratelimit-limit")).toBe("2")
    expect(await raw.json()).toEqual({
      errors: [{ code: "QuotaExceeded", message: "You exceeded your quota for the requested resource.", details: "" }],
    })
    frozenAt = undefined
  })
})
