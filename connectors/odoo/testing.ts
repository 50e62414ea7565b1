/**
 * Test support: systems configured against the sandbox for either protocol, and running
 * streams to the end. Used by this connector's and its mappings' tests.
 */
import { Chunk, Effect, Logger, LogLevel, Stream } from "effect"
import type { ConnectorContext, ReadOptions, StreamDefinition } from "../../core/connector/define.ts"
import { instantiateSystem } from "../../core/connector/instantiate.ts"
import type { OdooConfig, OdooConfigInput } from "./config.ts"
import { odoo } from "./index.ts"
import { SANDBOX_API_KEY, SANDBOX_DATABASE, SANDBOX_LOGIN } from "./sandbox/index.ts"

/** Where the sandbox answers in tests. */
export const BASE_URL = "https://odoo.test"
/** The protocols the connector speaks, for tests parametrised over both. */
export type Protocol = "json2" | "jsonrpc"
export const PROTOCOLS: ReadonlyArray<Protocol> = ["json2", "jsonrpc"]

/** The config of a system on the sandbox: JSON-2 needs the key; /jsonrpc also the database and login. */
export const configFor = (protocol: Protocol): OdooConfigInput =>
  protocol === "json2"
    ? { baseUrl: BASE_URL, apiKey: SANDBOX_API_KEY }
    : { baseUrl: BASE_URL, apiKey: SANDBOX_API_KEY, protocol, database: SANDBOX_DATABASE, username: SANDBOX_LOGIN }

/** Runs quietly: retry warnings are asserted where they matter, not printed. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** Runs and gives the failure instead of throwing it. */
export const runFailure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> =>
  Effect.runPromise(Effect.flip(effect).pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** A system on the sandbox. The rate limit is raised: these tests are about data, not pacing. */
export const systemFor = (protocol: Protocol, extra: Partial<OdooConfigInput> = {}) =>
  run(instantiateSystem("erp", odoo({ ...configFor(protocol), rateLimit: 1000, ...extra }), {}))

/** Every page a stream yields. */
export const readPages = <Raw>(
  stream: StreamDefinition<OdooConfig, Raw>,
  ctx: ConnectorContext<OdooConfig>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<ReadonlyArray<Raw>>> =>
  run(Stream.runCollect(stream.read(ctx, options)).pipe(Effect.map(Chunk.toReadonlyArray)))

/** Every record a stream yields, pages flattened. */
export const readAll = async <Raw>(
  stream: StreamDefinition<OdooConfig, Raw>,
  ctx: ConnectorContext<OdooConfig>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<Raw>> => (await readPages(stream, ctx, options)).flat()
