/**
 * The in-process runner of the distributed benchmark, as `esl sync` runs flows (`runFlows` on the
 * app's state store), in its own process. Like a worker it starts first (loads the config, opens
 * and migrates the state store) and says `ready` on stderr; the sync starts on a line on stdin, so
 * the measured time and CPU are the sync's alone. Prints the flow results as JSON on stdout.
 */
import { createInterface } from "node:readline"
import { Effect, ManagedRuntime } from "effect"
import { buildApp } from "../core/runtime/app.ts"
import { runFlows } from "../core/sync/index.ts"
import { defaultMappings } from "../mappings/index.ts"
import { distributedBenchConfig, settingsFromEnvironment } from "./distributedConfig.ts"
import { RUNNER_READY } from "./distributedProcesses.ts"

const app = await Effect.runPromise(
  buildApp(distributedBenchConfig(settingsFromEnvironment(process.env)), { mappings: defaultMappings }),
)
const runtime = ManagedRuntime.make(app.state)
await runtime.runtime()
process.stderr.write(`${RUNNER_READY}\n`)
const lines = createInterface({ input: process.stdin })
await new Promise<void>((resolve) => lines.once("line", () => resolve()))
lines.close()
const results = await runtime.runPromise(runFlows(app.flows))
await runtime.dispose()
process.stdout.write(`${JSON.stringify(results)}\n`)
