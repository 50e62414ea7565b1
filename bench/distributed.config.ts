/**
 * The config `esl worker --config bench/distributed.config.ts` loads in the distributed
 * benchmark's worker processes; its settings come from the environment the benchmark gives them.
 */
import { distributedBenchConfig, settingsFromEnvironment } from "./distributedConfig.ts"

export default distributedBenchConfig(settingsFromEnvironment(process.env))
