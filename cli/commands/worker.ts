import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { queueConfigOf, queuePrefixOf } from "../../core/runtime/queue/config.ts"
import { startWorker } from "../../core/runtime/queue/worker.ts"
import { loadApp } from "../app.ts"
import { configOption } from "../options.ts"
import { CliFailure } from "./failure.ts"

const concurrencyOption = Options.integer("concurrency").pipe(
  Options.withDefault(1),
  Options.withDescription("jobs this worker runs at the same time"),
)

/** How long a graceful stop may take before jobs in hand are abandoned (BullMQ retries them elsewhere). */
const CLOSE_TIMEOUT_MS = 25_000

/**
 * `esl worker`: takes flow jobs from BullMQ (REDIS_URL or `queue: { kind: "bullmq", url }`; keys
 * under `ESL_QUEUE_PREFIX`, default `esl`) until SIGTERM/SIGINT, then stops taking jobs, finishes
 * the ones in hand and exits 0.
 */
export const workerCommand = Command.make(
  "worker",
  { config: configOption, concurrency: concurrencyOption },
  (options) =>
    Effect.gen(function* () {
      if (options.concurrency < 1) {
        return yield* new CliFailure({ message: `--concurrency must be at least 1 (got ${options.concurrency})` })
      }
      const app = yield* loadApp(options.config)
      const queue = queueConfigOf(app.config, process.env)
      if (queue.kind !== "bullmq") {
        return yield* new CliFailure({
          message:
            'esl worker needs a Redis queue: set REDIS_URL (e.g. redis://127.0.0.1:6379) or `queue: { kind: "bullmq", url }` in the config. Without one, `esl sync` runs flows in-process.',
        })
      }
      const worker = yield* startWorker({
        app,
        redisUrl: queue.url,
        concurrency: options.concurrency,
        prefix: queuePrefixOf(process.env),
      })
      process.stderr.write(
        `esl worker ${worker.id} taking jobs (concurrency ${options.concurrency}, state ${app.stateDescription})\n`,
      )
      const signal = yield* Effect.async<NodeJS.Signals>((resume) => {
        const stop = (name: NodeJS.Signals) => () => resume(Effect.succeed(name))
        process.once("SIGINT", stop("SIGINT"))
        process.once("SIGTERM", stop("SIGTERM"))
      })
      process.stderr.write(`esl worker ${worker.id}: ${signal}, finishing the jobs in hand\n`)
      // Bounded: a job stuck on a vendor must not keep a deploy waiting; BullMQ re-runs it elsewhere.
      yield* worker.close().pipe(
        Effect.timeoutTo({
          duration: CLOSE_TIMEOUT_MS,
          onSuccess: () => Effect.void,
          onTimeout: () => worker.close({ force: true }),
        }),
        Effect.flatten,
      )
      process.stderr.write(`esl worker ${worker.id} stopped\n`)
    }),
).pipe(
  Command.withDescription("process flow jobs from the Redis queue (any number of workers share them) until SIGTERM"),
)
