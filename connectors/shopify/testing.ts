/**
 * What the Shopify connector tests share: a sandbox behind msw (unhandled requests fail) and a
 * system instantiated against it the way `esl.config.ts` would.
 */
import { Effect } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import { instantiateSystem, type SystemInstance } from "../../core/connector/index.ts"
import type { ShopifyConfig, ShopifyConfigInput } from "./config.ts"
import { shopify } from "./index.ts"
import { type ShopifySandboxOptions, shopifySandbox } from "./sandbox/index.ts"

export const demoShop: ShopifyConfigInput = {
  shop: "alpenglow",
  accessToken: "shpat_test",
  baseUrl: "https://alpenglow.myshopify.com",
}

/** A system named `shop` against the sandbox. */
export const shopSystem = (overrides: Partial<ShopifyConfigInput> = {}): Promise<SystemInstance<ShopifyConfig>> =>
  Effect.runPromise(instantiateSystem("shop", shopify({ ...demoShop, ...overrides }), {}))

/** Starts a sandbox for the file's tests, back to its seed after each test. */
export const useShopifySandbox = (options: ShopifySandboxOptions = {}) => {
  const sandbox = shopifySandbox(options)
  const server = setupServer(...sandbox.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => sandbox.reset())
  afterAll(() => server.close())
  return { sandbox, server }
}
