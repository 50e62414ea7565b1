import { Chunk, Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { ebayConnector } from "./connector.ts"
import { ebaySystem, useEbaySandbox } from "./testing.ts"

const { sandbox } = useEbaySandbox()

const readOrders = async (options: { since?: { at: string; id: string }; pageSize?: number } = {}) => {
  const system = await ebaySystem()
  const pages = await Effect.runPromise(
    ebayConnector.streams
      .orders!.read(system.context, options)
      .pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray)),
  )
  return pages
}

describe("eBay connector", () => {
  it("checks the seller account with a user token obtained from the refresh token", async () => {
    const system = await ebaySystem()
    const result = await Effect.runPromise(ebayConnector.check(system.context))
    expect(result.detail).toContain("EBAY_DE")
    expect(sandbox.state.stats.tokenGrants).toBe(1)
  })

  it("refreshes the access token once when eBay stops accepting it, and goes on", async () => {
    const system = await ebaySystem()
    await Effect.runPromise(ebayConnector.check(system.context))
    sandbox.state.accessTokens.clear() // the 2-hour token expired or was revoked
    const result = await Effect.runPromise(ebayConnector.check(system.context))
    expect(result.ok).toBe(true)
    expect(sandbox.state.stats.tokenGrants).toBe(2)
  })

  it("fails with an AuthError naming the token endpoint's answer for a wrong refresh token", async () => {
    const system = await ebaySystem({ refreshToken: "v^1.1#revoked" })
    const result = await Effect.runPromise(Effect.either(ebayConnector.check(system.context)))
    expect(result._tag === "Left" ? [result.left._tag, result.left.message] : []).toEqual([
      "AuthError",
      expect.stringContaining("invalid_grant"),
    ])
    expect(result._tag === "Left" ? result.left.message : "").not.toContain("v^1.1#revoked")
  })

  it("reads every order in (lastModifiedDate, orderId) order, in pages of the size asked for", async () => {
    const pages = await readOrders({ pageSize: 3 })
    expect(pages.map((p) => p.length)).toEqual([3, 1])
    expect(pages.flat().map((o) => o.orderId)).toEqual([
      "14-11234-56789",
      "14-11235-61234",
      "14-11236-70456",
      "14-11237-80921",
    ])
  })

  it("reads incrementally with lastmodifieddate from the cursor (inclusive)", async () => {
    const orders = (await readOrders({ since: { at: "2026-03-04T18:07:40.000Z", id: "14-11236-70456" } })).flat()
    expect(orders.map((o) => o.orderId)).toEqual(["14-11236-70456", "14-11237-80921"])
  })

  it("re-reads orders by id", async () => {
    const system = await ebaySystem()
    const orders = await Effect.runPromise(
      ebayConnector.streams.orders!.readByIds!(system.context, ["14-11237-80921", "14-99999-00000"]),
    )
    expect(orders.map((o) => o.orderId)).toEqual(["14-11237-80921"])
  })

  it("sends the marketplace and language headers eBay wants on every call", async () => {
    const system = await ebaySystem({ marketplaceId: "EBAY_AT", locale: "de-AT" })
    expect(ebayConnector.http(system.config).headers).toEqual({
      "Content-Language": "de-AT",
      "X-EBAY-C-MARKETPLACE-ID": "EBAY_AT",
    })
  })
})
