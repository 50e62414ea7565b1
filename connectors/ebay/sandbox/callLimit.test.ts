import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { ebayConnector } from "../connector.ts"
import { ebaySystem, useEbaySandbox } from "../testing.ts"

const { sandbox } = useEbaySandbox({ callLimit: { requests: 3, perMs: 300 } })

describe("eBay sandbox call limit", () => {
  it("answers 429 with eBay's error once the limit is used up; the client backs off and gets through", async () => {
    const system = await ebaySystem()
    const results = await Effect.runPromise(
      Effect.forEach([1, 2, 3, 4, 5, 6], () => ebayConnector.check(system.context)),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(sandbox.state.stats.throttled).toBeGreaterThan(0)
    expect(sandbox.state.stats.calls.get("getOrders")).toBe(6)
  })

  it("lets every call through when the limit is switched off (as `rateLimits: false` does)", async () => {
    sandbox.state.throttle.enabled = false
    const system = await ebaySystem()
    await Effect.runPromise(Effect.forEach([1, 2, 3, 4, 5, 6], () => ebayConnector.check(system.context)))
    expect(sandbox.state.stats.throttled).toBe(0)
    sandbox.state.throttle.enabled = true
  })
})
