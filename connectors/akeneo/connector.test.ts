import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { akeneoConnector } from "./connector.ts"
import { pimSystem, run, runFailure, useAkeneoSandbox } from "./testing.ts"

describe("Akeneo connector: check and OAuth2 password grant", () => {
  const { sandbox } = useAkeneoSandbox({ rateLimits: false })

  it("checks the PIM: edition, version and the configured channel", async () => {
    const pim = await pimSystem()
    const result = await run(akeneoConnector.check(pim.context))
    expect(result.detail).toBe(
      "Akeneo PIM Serenity 20261120103000, channel ecommerce (tree master, locales de_DE, en_US)",
    )
    expect(sandbox.state.grants).toEqual(["password"])
  })

  it("fails check with an AuthError carrying Akeneo's message, never the password", async () => {
    const pim = await pimSystem({ password: "wrong-password-123" })
    const error = await runFailure(akeneoConnector.check(pim.context))
    expect(error._tag).toBe("AuthError")
    expect(error.message).toContain("No user found for the given username and password")
    expect(error.message).not.toContain("wrong-password-123")
  })

  it("names a channel the PIM does not have", async () => {
    const pim = await pimSystem({ channel: "print" })
    const error = await runFailure(akeneoConnector.check(pim.context))
    expect(error._tag).toBe("HttpStatusError")
    expect(error.message).toContain("Resource `print` does not exist.")
  })

  it("refreshes an expired access token with the refresh-token grant and sends the request again", async () => {
    const pim = await pimSystem()
    await run(akeneoConnector.check(pim.context))
    // The PIM's clock moves past the token's hour; the client still holds the token.
    const start = Date.now()
    sandbox.state.now = () => start + 2 * 3600_000
    const result = await run(akeneoConnector.check(pim.context))
    expect(result.ok).toBe(true)
    expect(sandbox.state.grants).toEqual(["password", "refresh_token"])
  })

  it("logs in with the password again when the refresh token is refused too", async () => {
    const pim = await pimSystem()
    await run(akeneoConnector.check(pim.context))
    sandbox.state.tokens.clear()
    const result = await run(akeneoConnector.check(pim.context))
    expect(result.ok).toBe(true)
    expect(sandbox.state.grants).toEqual(["password", "refresh_token", "password"])
  })

  it("sends the client id and secret as HTTP Basic, not in the form", async () => {
    const pim = await pimSystem()
    await run(akeneoConnector.check(pim.context))
    const tokenCall = sandbox.state.requests.find((r) => r.path === "/api/oauth/v1/token")
    expect(tokenCall?.contentType).toBe("application/x-www-form-urlencoded")
  })
})

describe("Akeneo connector: rate limit", () => {
  const { sandbox } = useAkeneoSandbox({ requestsPerSecond: 3 })

  it("waits out 429 answers (Retry-After) and completes", async () => {
    const pim = await pimSystem({ requestsPerSecond: 1000 })
    const results = await run(Effect.forEach([1, 2, 3], () => akeneoConnector.check(pim.context)))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(sandbox.state.throttled).toBeGreaterThan(0)
  })
})
