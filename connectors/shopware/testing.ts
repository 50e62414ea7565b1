/**
 * What the Shopware connector tests share: a sandbox behind msw (unhandled requests fail), a
 * system instantiated against it the way `esl.config.ts` would, and running streams to the end.
 */
import { Chunk, Effect, Logger, LogLevel, Stream } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import type { ConnectorContext, ReadOptions, StreamDefinition } from "../../core/connector/define.ts"
import { instantiateSystem, type SystemInstance } from "../../core/connector/index.ts"
import type { ShopwareConfig, ShopwareConfigInput } from "./config.ts"
import { SEED_IDS } from "./fixtures/seed.ts"
import { shopware } from "./index.ts"
import {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  type ShopwareSandboxOptions,
  shopwareSandbox,
} from "./sandbox/index.ts"

/** Where the sandbox answers in tests. */
export const BASE_URL = "https://alpenglow-shop.test"

/** A config on the seeded shop: its taxes, sales channel, B2B rule and click & collect method. */
export const sandboxConfig: ShopwareConfigInput = {
  baseUrl: BASE_URL,
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  taxes: { "19": SEED_IDS.tax19, "7": SEED_IDS.tax7 },
  salesChannelId: SEED_IDS.salesChannel,
  priceRules: { "b2b-dach": SEED_IDS.ruleB2b },
  pickupShippingMethods: { [SEED_IDS.shippingPickupBer]: "BER" },
  requestsPerSecond: 1000,
}

/** Runs quietly: retry warnings are asserted where they matter, not printed. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** Runs and gives the failure instead of throwing it. */
export const runFailure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> =>
  Effect.runPromise(Effect.flip(effect).pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** A system named `shop` on the sandbox. */
export const shopSystem = (overrides: Partial<ShopwareConfigInput> = {}): Promise<SystemInstance<ShopwareConfig>> =>
  run(instantiateSystem("shop", shopware({ ...sandboxConfig, ...overrides }), {}))

/** Starts a sandbox for the file's tests, back to its seed after each test. */
export const useShopwareSandbox = (options: ShopwareSandboxOptions = { rateLimits: false }) => {
  const sandbox = shopwareSandbox(options)
  const server = setupServer(...sandbox.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => sandbox.reset())
  afterAll(() => server.close())
  return { sandbox, server }
}

/** Every record a stream yields, pages flattened. */
export const readAll = async <Raw>(
  stream: StreamDefinition<ShopwareConfig, Raw>,
  ctx: ConnectorContext<ShopwareConfig>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<Raw>> =>
  (await run(Stream.runCollect(stream.read(ctx, options)).pipe(Effect.map(Chunk.toReadonlyArray)))).flat()
