/**
 * What the eBay connector tests share: a sandbox behind msw (unhandled requests fail) and a
 * system instantiated against it the way `esl.config.ts` would.
 */
import { Effect } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import { instantiateSystem, type SystemInstance } from "../../core/connector/index.ts"
import type { EbayConfig, EbayConfigInput } from "./config.ts"
import { ebay } from "./index.ts"
import { type EbaySandboxOptions, ebaySandbox, ebaySandboxCredentials } from "./sandbox/index.ts"

export const demoSeller: EbayConfigInput = {
  ...ebaySandboxCredentials,
  baseUrl: "https://api.ebay.com",
  locations: { WH: "WH", BER: "BER" },
  stores: { BER: "BER" },
  listing: {
    categoryId: "15687",
    fulfillmentPolicyId: "6196932000",
    paymentPolicyId: "6196934000",
    returnPolicyId: "6196933000",
  },
}

/** A system named `ebay` against the sandbox. */
export const ebaySystem = (overrides: Partial<EbayConfigInput> = {}): Promise<SystemInstance<EbayConfig>> =>
  Effect.runPromise(instantiateSystem("ebay", ebay({ ...demoSeller, ...overrides }), {}))

/** Starts a sandbox for the file's tests, back to its seed after each test. */
export const useEbaySandbox = (options: EbaySandboxOptions = {}) => {
  const sandbox = ebaySandbox(options)
  const server = setupServer(...sandbox.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => sandbox.reset())
  afterAll(() => server.close())
  return { sandbox, server }
}
