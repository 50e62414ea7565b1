/** Test support: a system on the sandbox, and running streams to the end. */
import { Chunk, Effect, Logger, LogLevel, Stream } from "effect"
import type { ConnectorContext, ReadOptions, StreamDefinition } from "../../core/connector/define.ts"
import { instantiateSystem } from "../../core/connector/instantiate.ts"
import type { HubspotConfig, HubspotConfigInput } from "./config.ts"
import { hubspot } from "./index.ts"
import { SANDBOX_TOKEN } from "./sandbox/index.ts"

/** Where the sandbox answers in tests. */
export const BASE_URL = "https://api.hubapi.test"

/** Runs quietly. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** A system on the sandbox. */
export const systemFor = (extra: Partial<HubspotConfigInput> = {}) =>
  run(instantiateSystem("crm", hubspot({ baseUrl: BASE_URL, accessToken: SANDBOX_TOKEN, ...extra }), {}))

/** Every page a stream yields. */
export const readPages = <Raw>(
  stream: StreamDefinition<HubspotConfig, Raw>,
  ctx: ConnectorContext<HubspotConfig>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<ReadonlyArray<Raw>>> =>
  run(Stream.runCollect(stream.read(ctx, options)).pipe(Effect.map(Chunk.toReadonlyArray)))

/** Every record a stream yields, pages flattened. */
export const readAll = async <Raw>(
  stream: StreamDefinition<HubspotConfig, Raw>,
  ctx: ConnectorContext<HubspotConfig>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<Raw>> => (await readPages(stream, ctx, options)).flat()
