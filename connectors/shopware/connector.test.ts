import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { ordersStream } from "./streams/orders.ts"
import { readAll, run, runFailure, shopSystem, useShopwareSandbox } from "./testing.ts"

describe("Shopware connection", () => {
  const { sandbox } = useShopwareSandbox()

  it("checks the shop with a client-credentials token", async () => {
    const shop = await shopSystem()
    const result = await run(shop.connector.check(shop.context))
    expect(result.detail).toContain("Shopware 6.6")
    expect(sandbox.state.calls.filter((c) => c.path === "/api/oauth/token")).toHaveLength(1)
  })

  it("fails the check with an AuthError carrying Shopware's answer when the secret is wrong", async () => {
    const shop = await shopSystem({ clientSecret: "not-the-secret" })
    const error = await runFailure(shop.connector.check(shop.context))
    expect(error._tag).toBe("AuthError")
    expect(error.message).toContain("Client authentication failed")
    expect(error.message).not.toContain("not-the-secret")
  })

  it("fetches a new token when Shopware answers 401 for an expired one, and the read goes on", async () => {
    const shop = await shopSystem()
    expect(await readAll(ordersStream, shop.context)).toHaveLength(3)
    sandbox.state.expireTokens()
    expect(await readAll(ordersStream, shop.context)).toHaveLength(3)
    expect(sandbox.state.calls.filter((c) => c.path === "/api/oauth/token")).toHaveLength(2)
  })
})

describe("Shopware sandbox rate limit", () => {
  const { sandbox } = useShopwareSandbox({ rateLimits: true })

  it("answers a burst past its budget with 429, Retry-After and Shopware's error body", async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => fetch("https://alpenglow-shop.test/api/_info/version")),
    )
    const limited = answers.find((a) => a.status === 429)
    expect(limited?.headers.get("retry-after")).toBe("1")
    expect(await limited?.json()).toEqual({
      errors: [expect.objectContaining({ status: "429", code: "FRAMEWORK__RATE_LIMIT_EXCEEDED" })],
    })
    expect(sandbox.state.calls).toEqual([])
  })

  it("lets the client wait out a 429 and still get every answer", async () => {
    const shop = await shopSystem()
    const results = await run(
      Effect.all(
        Array.from({ length: 55 }, () => shop.connector.check(shop.context)),
        { concurrency: 55 },
      ),
    )
    expect(results.every((r) => r.ok)).toBe(true)
  })
})
