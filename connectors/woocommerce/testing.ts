/**
 * What the WooCommerce connector tests share: a sandbox behind msw (unhandled requests fail)
 * and a system instantiated against it the way `esl.config.ts` would.
 */
import { Chunk, Effect, Logger, LogLevel, Stream } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import type { ReadOptions, StreamDefinition, SystemInstance } from "../../core/connector/index.ts"
import { instantiateSystem } from "../../core/connector/index.ts"
import type { WooCommerceConfig, WooCommerceConfigInput } from "./config.ts"
import { woocommerce } from "./index.ts"
import { type WooSandboxOptions, woocommerceSandbox } from "./sandbox/index.ts"

export const demoShop: WooCommerceConfigInput = {
  baseUrl: "https://shop.alpenglow-outfitters.de",
  consumerKey: "ck_test",
  consumerSecret: "cs_test",
  pickupLocations: { "Berlin Mitte Store": "BER" },
  requestsPerSecond: 1000,
}

/** A system named `shop` against the sandbox. */
export const shopSystem = (
  overrides: Partial<WooCommerceConfigInput> = {},
): Promise<SystemInstance<WooCommerceConfig>> =>
  Effect.runPromise(instantiateSystem("shop", woocommerce({ ...demoShop, ...overrides }), {}))

/** Runs quietly: retry warnings are asserted where they matter, not printed. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** Every page a stream yields. */
export const readPages = <Raw>(
  stream: StreamDefinition<WooCommerceConfig, Raw>,
  system: SystemInstance<WooCommerceConfig>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<ReadonlyArray<Raw>>> =>
  run(Stream.runCollect(stream.read(system.context, options)).pipe(Effect.map(Chunk.toReadonlyArray)))

/** Starts a sandbox for the file's tests, back to its seed after each test. */
export const useWooSandbox = (options: WooSandboxOptions = {}) => {
  const sandbox = woocommerceSandbox({ rateLimits: false, ...options })
  const server = setupServer(...sandbox.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => sandbox.reset())
  afterAll(() => server.close())
  return { sandbox, server }
}
