/**
 * Runs an esl config end to end in-process: the real `buildApp`, the real SQLite store on a temp
 * file, the real runner; vendors are msw handlers (see memoryVendor.ts).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, Logger, LogLevel } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import { defineConfig, type EslConfig } from "../../core/config/index.ts"
import { env } from "../../core/connector/index.ts"
import { type App, buildApp } from "../../core/runtime/app.ts"
import { openSqliteStateStore, StateStore, type StateStoreShape } from "../../core/state/index.ts"
import { type Flow, type FlowResult, type InboundFlow, type RunOptions, runFlows } from "../../core/sync/index.ts"
import { type MemoryVendor, memory, memoryMappings } from "./memoryVendor.ts"

/** An msw server answering for the given vendors, started and stopped with the test file. */
export const serveVendors = (...vendors: ReadonlyArray<MemoryVendor>) => {
  const server = setupServer(...vendors.flatMap((v) => v.handlers))
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
  afterEach(() => {
    for (const vendor of vendors) vendor.reset()
  })
  afterAll(() => server.close())
  return server
}

/** A fresh SQLite state file in a temp folder, and a way to delete it. */
export const tempStateFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "esl-test-"))
  return { file: join(dir, "state.db"), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * A config as `defineConfig` returns it. (`buildApp` takes the untyped `EslConfig`, to which a
 * typed config does not assign because connector config schemas are invariant: cast once here.)
 */
// biome-ignore lint/suspicious/noExplicitAny: any system declarations, as defineConfig accepts them.
export type TypedConfig = EslConfig<any>

/** `buildApp` with the memory connector's mappings, as the CLI would build it. */
export const buildMemoryApp = (config: TypedConfig, environment: Readonly<Record<string, string | undefined>>) =>
  buildApp(config as EslConfig, { mappings: { memory: memoryMappings }, environment })

export interface Harness {
  readonly app: App
  readonly store: StateStoreShape
  readonly flows: ReadonlyArray<Flow>
  readonly flow: (name: string) => Flow
  readonly inbound: (name: string) => InboundFlow
  /** Runs an effect against the store, quietly (no log output unless the effect sets its own logger). */
  readonly exec: <A, E>(effect: Effect.Effect<A, E, StateStore>) => Promise<A>
  /** Runs the named flows (default: all, in config order) as `esl sync` does. */
  readonly sync: (
    options?: RunOptions & { readonly only?: ReadonlyArray<string> },
  ) => Promise<ReadonlyArray<FlowResult>>
  /** Runs one flow and returns its result. */
  readonly syncOne: (name: string, options?: RunOptions) => Promise<FlowResult>
  readonly close: () => void
}

/**
 * Builds the app from `config` with the memory connector's mappings and opens a temp SQLite store.
 * `flows` lets a test swap a flow's parts (a crashing sink) while keeping the rest real.
 */
export const makeHarness = async (
  config: TypedConfig,
  options: {
    readonly environment: Readonly<Record<string, string | undefined>>
    readonly flows?: (flows: ReadonlyArray<Flow>) => ReadonlyArray<Flow>
  },
): Promise<Harness> => {
  const app = await Effect.runPromise(buildMemoryApp(config, options.environment))
  const flows = options.flows ? options.flows(app.flows) : app.flows
  const state = tempStateFile()
  const store = openSqliteStateStore(state.file)
  const layer = Layer.succeed(StateStore, store)
  const exec = <A, E>(effect: Effect.Effect<A, E, StateStore>) =>
    Effect.runPromise(effect.pipe(Effect.provide(layer), Logger.withMinimumLogLevel(LogLevel.None)))
  const flow = (name: string) => {
    const found = flows.find((f) => f.name === name)
    if (!found) throw new Error(`no flow ${name}; flows: ${flows.map((f) => f.name).join(", ")}`)
    return found
  }
  const inbound = (name: string) => {
    const found = flow(name)
    if (found.kind !== "inbound") throw new Error(`flow ${name} is not inbound`)
    return found
  }
  return {
    app,
    store,
    flows,
    flow,
    inbound,
    exec,
    sync: (opts = {}) => {
      const { only, ...runOptions } = opts
      return exec(runFlows(only ? only.map(flow) : flows, runOptions))
    },
    syncOne: async (name, opts = {}) => {
      const [result] = await exec(runFlows([flow(name)], opts))
      return result as FlowResult
    },
    close: () => {
      Effect.runSync(Effect.ignore(store.close()))
      state.remove()
    },
  }
}

/** A hub record's canonical payload by natural key, for assertions. */
export const hubRecord = async (harness: Harness, naturalKey: string, entity = "product") => {
  const records = await harness.exec(harness.store.recordsByNaturalKey(entity, [naturalKey]))
  return records.get(naturalKey)
}

/** ISO instant `seconds` after a fixed origin, so tests can make ties on purpose. */
export const at = (seconds: number): string => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString()

/** The usual setup: items from the erp into the hub (3 per page), and from the hub to the shop. */
export const erpToShopConfig = (erp: MemoryVendor, shop: MemoryVendor, options: { readonly pageSize?: number } = {}) =>
  defineConfig({
    systems: {
      erp: memory({ baseUrl: erp.baseUrl, token: env("ERP_TOKEN") }),
      shop: memory({ baseUrl: shop.baseUrl, token: env("SHOP_TOKEN") }),
    },
    flows: {
      "erp-items": { from: "erp", stream: "items", pageSize: options.pageSize ?? 3 },
      "shop-items": { to: "shop", sink: "items" },
    },
  })

export const ERP_TOKEN = "erp-token-7f3a9c2e1b"
export const SHOP_TOKEN = "shop-token-4d8e6b0a5c"
export const environment = { ERP_TOKEN, SHOP_TOKEN }
