import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { Effect } from "effect"
import { ConfigError } from "../connector/index.ts"
import type { EslConfig } from "./define.ts"

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null

/**
 * Loads `esl.config.ts` (or .js/.mjs). TypeScript configs need the esl CLI (which registers a
 * TypeScript loader) or Node ≥ 22.18 with type stripping.
 */
export const loadConfig = (file: string): Effect.Effect<EslConfig, ConfigError> =>
  Effect.gen(function* () {
    const path = resolve(file)
    if (!existsSync(path)) {
      return yield* new ConfigError({
        path: file,
        detail: "file not found",
        hint: "Run `esl init` to write a starter config, or pass --config <file>",
      })
    }
    const module = yield* Effect.tryPromise({
      try: () => import(pathToFileURL(path).href) as Promise<unknown>,
      catch: (cause) =>
        new ConfigError({
          path: file,
          detail: `cannot be loaded: ${cause instanceof Error ? cause.message : String(cause)}`,
        }),
    })
    const config = isRecord(module) ? module.default : undefined
    return yield* validateConfigShape(file, config)
  })

/** Checks the parts TypeScript cannot check for a plain JS config; connectors validate their own. */
const INBOUND_SETTINGS: ReadonlyArray<string> = ["from", "stream", "pageSize", "schedule"]
const OUTBOUND_SETTINGS: ReadonlyArray<string> = ["to", "sink", "filter", "pageSize", "schedule"]

export const validateConfigShape = (file: string, config: unknown): Effect.Effect<EslConfig, ConfigError> =>
  Effect.gen(function* () {
    if (!isRecord(config)) {
      return yield* new ConfigError({
        path: file,
        detail: "has no default export",
        hint: "End it with `export default defineConfig({ … })`",
      })
    }
    if (!isRecord(config.systems))
      return yield* new ConfigError({ path: "systems", detail: "is missing or not an object" })
    for (const [name, system] of Object.entries(config.systems)) {
      if (!isRecord(system) || system._tag !== "SystemDeclaration") {
        return yield* new ConfigError({
          path: `systems.${name}`,
          detail: "is not a system",
          hint: "Create systems with a connector factory, e.g. `shopify({ shop, accessToken })` from `eslayer/connectors/shopify`",
        })
      }
    }
    if (!isRecord(config.flows)) return yield* new ConfigError({ path: "flows", detail: "is missing or not an object" })
    for (const [name, flow] of Object.entries(config.flows)) {
      const ok = isRecord(flow) && (("from" in flow && "stream" in flow) || ("to" in flow && "sink" in flow))
      if (!ok) {
        return yield* new ConfigError({
          path: `flows.${name}`,
          detail: "must be { from, stream } (inbound) or { to, sink } (outbound)",
        })
      }
      // A setting the flow does not know would be silently ignored: a filter on an inbound flow
      // would let through every record the operator meant to keep out.
      const inbound = "from" in flow
      const known = inbound ? INBOUND_SETTINGS : OUTBOUND_SETTINGS
      const unknown = Object.keys(flow).find((key) => !known.includes(key))
      if (unknown !== undefined) {
        return yield* new ConfigError({
          path: `flows.${name}.${unknown}`,
          detail:
            inbound && unknown === "filter"
              ? "is not a setting of an inbound flow ({ from, stream }): filter the outbound flows ({ to, sink }) that write these records"
              : `is not a setting of an ${inbound ? "inbound" : "outbound"} flow; it takes ${known.join(", ")}`,
        })
      }
    }
    return config as unknown as EslConfig
  })
