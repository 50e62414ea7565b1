/**
 * What the Akeneo connector tests share: a sandbox behind msw (unhandled requests fail), a
 * system instantiated against it as `esl.config.ts` would, and helpers to run streams.
 */
import { Chunk, Effect, Logger, LogLevel, Stream } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import type { ConnectorContext, ReadOptions, StreamDefinition } from "../../core/connector/index.ts"
import { instantiateSystem, type SystemInstance } from "../../core/connector/index.ts"
import type { AkeneoConfig, AkeneoConfigInput } from "./config.ts"
import { akeneo } from "./index.ts"
import { type AkeneoSandboxOptions, akeneoSandbox, SANDBOX_CLIENT } from "./sandbox/index.ts"

export const BASE_URL = "https://alpenglow.cloud.akeneo.test"

export const demoPim: AkeneoConfigInput = {
  baseUrl: BASE_URL,
  clientId: SANDBOX_CLIENT.clientId,
  secret: SANDBOX_CLIENT.secret,
  username: SANDBOX_CLIENT.username,
  password: SANDBOX_CLIENT.password,
}

/** Runs quietly: retry warnings are asserted where they matter, not printed. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** Runs and gives the failure instead of throwing it. */
export const runFailure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> =>
  Effect.runPromise(Effect.flip(effect).pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** A system named `pim` against the sandbox. */
export const pimSystem = (overrides: Partial<AkeneoConfigInput> = {}): Promise<SystemInstance<AkeneoConfig>> =>
  run(instantiateSystem("pim", akeneo({ ...demoPim, ...overrides }), {}))

/** Starts a sandbox for the file's tests, back to its seed after each test. */
export const useAkeneoSandbox = (options: AkeneoSandboxOptions = {}) => {
  const sandbox = akeneoSandbox(options)
  const server = setupServer(...sandbox.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => sandbox.reset())
  afterAll(() => server.close())
  return { sandbox, server }
}

/** Every page a stream yields. */
export const readPages = <Raw>(
  stream: StreamDefinition<AkeneoConfig, Raw>,
  ctx: ConnectorContext<AkeneoConfig>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<ReadonlyArray<Raw>>> =>
  run(Stream.runCollect(stream.read(ctx, options)).pipe(Effect.map(Chunk.toReadonlyArray)))
