/**
 * What the Amazon connector and mapping tests share: a sandbox behind msw (unhandled requests
 * fail), a system configured against it the way `esl.config.ts` would, and stream helpers.
 */
import { Chunk, Effect, Logger, LogLevel, Stream } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import type { ReadOptions, StreamDefinition } from "../../core/connector/define.ts"
import { instantiateSystem, type SystemInstance } from "../../core/connector/index.ts"
import { type MappingContextShape, mappingContext } from "../../core/mapping/index.ts"
import type { AmazonConfig, AmazonConfigInput } from "./config.ts"
import { amazon } from "./index.ts"
import { amazonLookupTables } from "./lookupTables.ts"
import {
  type AmazonSandboxOptions,
  amazonSandbox,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_REFRESH_TOKEN,
  SANDBOX_SELLER_ID,
} from "./sandbox/index.ts"

/** The demo seller on Amazon.de; polls feeds every 10 ms (the sandbox moves a feed one step per poll). */
export const demoSeller: AmazonConfigInput = {
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  refreshToken: SANDBOX_REFRESH_TOKEN,
  sellerId: SANDBOX_SELLER_ID,
  feedPollIntervalMs: 10,
}

/** A system named `amazon` against the sandbox. */
export const amazonSystem = (overrides: Partial<AmazonConfigInput> = {}): Promise<SystemInstance<AmazonConfig>> =>
  Effect.runPromise(instantiateSystem("amazon", amazon({ ...demoSeller, ...overrides }), {}))

/** The mapping context of a system, with the connector's lookup tables. */
export const contextOf = (system: SystemInstance<AmazonConfig>): MappingContextShape =>
  mappingContext(system.name, system.defaults, amazonLookupTables(system.config))

/** Runs quietly: retry warnings are asserted where they matter, not printed. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** Runs and gives the failure instead of throwing it. */
export const runFailure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> =>
  Effect.runPromise(Effect.flip(effect).pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** Every page a stream yields. */
export const readPages = <Raw>(
  stream: StreamDefinition<AmazonConfig, Raw>,
  system: SystemInstance<AmazonConfig>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<ReadonlyArray<Raw>>> =>
  run(Stream.runCollect(stream.read(system.context, options)).pipe(Effect.map(Chunk.toReadonlyArray)))

/** Starts a sandbox for the file's tests, back to its seed after each test. */
export const useAmazonSandbox = (options: AmazonSandboxOptions = {}) => {
  const sandbox = amazonSandbox(options)
  const server = setupServer(...sandbox.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => sandbox.reset())
  afterAll(() => server.close())
  return { sandbox, server }
}
