import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { instantiateSystem } from "../../core/connector/index.ts"
import { shopify } from "./index.ts"
import { demoShop, shopSystem, useShopifySandbox } from "./testing.ts"

useShopifySandbox({ accessTokens: ["shpat_test"] })

describe("Shopify connector", () => {
  it("checks the shop with one cheap query", async () => {
    const shop = await shopSystem()
    const result = await Effect.runPromise(shop.connector.check(shop.context))
    expect(result).toEqual({
      ok: true,
      detail: "Alpenglow Outfitters (alpenglow.myshopify.com, EUR, Admin API 2025-01)",
    })
  })

  it("fails check with an AuthError when the shop does not know the token", async () => {
    const shop = await shopSystem({ accessToken: "shpat_revoked" })
    const error = await Effect.runPromise(Effect.flip(shop.connector.check(shop.context)))
    expect(error._tag).toBe("AuthError")
    expect(error.message).toContain("HTTP 401")
    expect(error.message).toContain("Invalid API key or access token")
    expect(error.message).not.toContain("shpat_revoked")
  })

  it("refuses an empty access token at start, naming the field", async () => {
    const error = await Effect.runPromise(
      Effect.flip(instantiateSystem("shop", shopify({ ...demoShop, accessToken: "" }), {})),
    )
    expect(error._tag).toBe("ConfigError")
    expect(error.path).toBe("systems.shop.accessToken")
  })

  it("derives defaults from the config", async () => {
    const shop = await shopSystem({ locale: "de-DE", channel: "shopify-de" })
    expect(shop.defaults).toEqual({ locale: "de-DE", currency: "EUR", channel: "shopify-de", priceList: "default" })
    expect(shop.context.http.baseUrl).toBe("https://alpenglow.myshopify.com")
  })
})
