import { resolve } from "node:path"
import { Effect, Layer } from "effect"
import type { EslConfig, StateConfig } from "../config/index.ts"
import {
  ConfigError,
  type ConnectorDefinition,
  instantiateSystem,
  type SystemDeclaration,
  type SystemInstance,
} from "../connector/index.ts"
import type { SystemMappings } from "../mapping/index.ts"
import {
  PostgresStateStoreLive,
  redactDatabaseUrl,
  SqliteStateStoreLive,
  type StateError,
  type StateStore,
} from "../state/index.ts"
import { type Flow, resolveFlows } from "../sync/index.ts"

/** Default mappings by connector name (`shopify` → its mappings); the config may override per system. */
export type MappingRegistry = Readonly<Record<string, SystemMappings>>

/** A loaded configuration: live systems, checked flows, and the state store layer to run them on. */
export interface App {
  readonly config: EslConfig
  readonly systems: ReadonlyMap<string, SystemInstance>
  readonly flows: ReadonlyArray<Flow>
  readonly state: Layer.Layer<StateStore, StateError>
  readonly stateDescription: string
}

export interface AppOptions {
  readonly mappings: MappingRegistry
  readonly environment?: Readonly<Record<string, string | undefined>>
  /** Folder `.esl/` is resolved against (the config file's folder). */
  readonly baseDir?: string
}

/**
 * Turns a config into a runnable app: resolves env() secrets, validates every system's config
 * and every flow, and picks the state store (SQLite under `.esl/` unless configured).
 */
// biome-ignore lint/suspicious/noExplicitAny: connector config schemas are invariant; each system keeps its own types.
export const buildApp = (config: EslConfig<any>, options: AppOptions): Effect.Effect<App, ConfigError> =>
  Effect.gen(function* () {
    const environment = options.environment ?? process.env
    const systems = new Map<string, SystemInstance>()
    for (const [name, declaration] of Object.entries(config.systems as Readonly<Record<string, SystemDeclaration>>)) {
      systems.set(name, (yield* instantiateSystem(name, declaration, environment)) as SystemInstance)
    }
    const mappingsFor = (system: SystemInstance): SystemMappings => ({
      ...(options.mappings[system.connector.name] ?? {}),
      ...(config.mappings?.[system.name as never] ?? {}),
    })
    const flows = yield* resolveFlows(config, systems, mappingsFor)
    const state = stateConfigOf(config, environment)
    if (state.kind === "postgres") {
      const url = state.url
      if (!url)
        return yield* new ConfigError({ path: "state.url", detail: "no PostgreSQL URL", hint: "Set DATABASE_URL" })
      return {
        config,
        systems,
        flows,
        state: PostgresStateStoreLive(url, state.schema !== undefined ? { schema: state.schema } : {}),
        stateDescription: `postgres:${redactDatabaseUrl(url)}`,
      }
    }
    const file = resolve(options.baseDir ?? process.cwd(), state.file ?? environment.ESL_STATE_FILE ?? ".esl/state.db")
    return { config, systems, flows, state: SqliteStateStoreLive(file), stateDescription: `sqlite:${file}` }
  })

/** The configured store; without one, PostgreSQL when DATABASE_URL is set, else SQLite under `.esl/`. */
export const stateConfigOf = (
  config: EslConfig<never> | EslConfig,
  environment: Readonly<Record<string, string | undefined>>,
): StateConfig => {
  if (config.state) return config.state
  const url = environment.DATABASE_URL
  return url ? { kind: "postgres", url } : { kind: "sqlite" }
}

/** Every connector a registry knows, for `esl connectors` and `esl sandbox`. */
export type ConnectorRegistry = Readonly<Record<string, ConnectorDefinition<unknown, unknown>>>

/** Keeps the state layer open for the effect's duration. */
export const withState = <A, E>(app: App, effect: Effect.Effect<A, E, StateStore>): Effect.Effect<A, E | StateError> =>
  Effect.provide(effect, Layer.fresh(app.state))
