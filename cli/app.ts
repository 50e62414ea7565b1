import { dirname, resolve } from "node:path"
import { Effect } from "effect"
import { connectors } from "../connectors/index.ts"
import { loadConfig } from "../core/config/index.ts"
import { buildApp } from "../core/runtime/app.ts"
import { defaultMappings } from "../mappings/index.ts"

/** Loads `--config` and builds the app with the connectors and mappings esl ships. */
export const loadApp = (configFile: string) =>
  Effect.gen(function* () {
    const config = yield* loadConfig(configFile)
    return yield* buildApp(config, { mappings: defaultMappings, baseDir: dirname(resolve(configFile)) })
  })

export { connectors, defaultMappings }
