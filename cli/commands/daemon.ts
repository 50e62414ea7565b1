import { Command, Options } from "@effect/cli"
import { Effect, Logger, LogLevel } from "effect"
import { closeOnSignal, startDaemon } from "../../core/runtime/daemon/daemon.ts"
import { localQueue } from "../../core/runtime/daemon/localQueue.ts"
import { DaemonLogger } from "../../core/runtime/daemon/logging.ts"
import type { JobQueue } from "../../core/runtime/jobs.ts"
import { bullmqQueue } from "../../core/runtime/queue/bullmq.ts"
import { queueConfigOf, queuePrefixOf } from "../../core/runtime/queue/config.ts"
import { makeWebhookHandler } from "../../core/runtime/webhooks/index.ts"
import { loadApp } from "../app.ts"
import { configOption } from "../options.ts"

const portOption = Options.integer("port").pipe(
  Options.withAlias("p"),
  Options.withDefault(8080),
  Options.withDescription("HTTP port for /healthz, /readyz, /metrics and /webhooks/<system> (0: any free port)"),
)
const hostOption = Options.text("host").pipe(
  Options.withDefault("0.0.0.0"),
  Options.withDescription("interface to listen on"),
)
const drainOption = Options.integer("drain-seconds").pipe(
  Options.withDefault(25),
  Options.withDescription("on SIGTERM, how long the job in hand may take to finish before it is interrupted"),
)

const logLevels: Record<string, LogLevel.LogLevel> = {
  all: LogLevel.All,
  debug: LogLevel.Debug,
  info: LogLevel.Info,
  warning: LogLevel.Warning,
  error: LogLevel.Error,
  none: LogLevel.None,
}

/** After a clean shutdown, a lingering socket (a vendor's keep-alive) must not keep the process up. */
const EXIT_GRACE_MS = 3_000

export const daemonCommand = Command.make(
  "daemon",
  { config: configOption, port: portOption, host: hostOption, drainSeconds: drainOption },
  (options) =>
    Effect.gen(function* () {
      const app = yield* loadApp(options.config)
      const queueConfig = queueConfigOf(app.config, process.env)
      const queue: JobQueue =
        queueConfig.kind === "bullmq"
          ? bullmqQueue(queueConfig.url, { prefix: queuePrefixOf(process.env) })
          : localQueue()
      // Opening the state store migrates it: the daemon starts on an up-to-date schema.
      const daemon = yield* startDaemon({
        app,
        queue,
        port: options.port,
        host: options.host,
        drainTimeout: `${options.drainSeconds} seconds`,
        webhookHandlerFor: ({ queue, store }) => makeWebhookHandler({ app, queue, store }),
      }).pipe(Effect.tapError(() => queue.close()))
      yield* Effect.logInfo(
        queue.kind === "bullmq"
          ? "jobs go to BullMQ: run `esl worker` processes to do them"
          : "jobs run in this process (set REDIS_URL to share them with `esl worker` processes)",
      )
      const signal = yield* Effect.promise(() => closeOnSignal(daemon))
      yield* Effect.logInfo(`received ${signal}: stopped cleanly`)
      process.exitCode = 0
      setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref()
    }).pipe(
      Effect.provide(DaemonLogger),
      Logger.withMinimumLogLevel(logLevels[process.env.ESL_LOG_LEVEL ?? "info"] ?? LogLevel.Info),
    ),
).pipe(
  Command.withDescription(
    "run schedules and webhooks; serve /healthz, /readyz, /metrics; stop cleanly on SIGTERM (JSON logs on stderr)",
  ),
)
