import { Command } from "@effect/cli"
import { NodeContext } from "@effect/platform-node"
import { Cause, Effect, Exit, Logger, LogLevel } from "effect"
import { checkCommand } from "./commands/check.ts"
import { connectorsCommand } from "./commands/connectors.ts"
import { daemonCommand } from "./commands/daemon.ts"
import { demoCommand } from "./commands/demo.ts"
import { dlqCommand } from "./commands/dlq.ts"
import { initCommand } from "./commands/init.ts"
import { mapCommand } from "./commands/map.ts"
import { migrateCommand } from "./commands/migrate.ts"
import { sandboxCommand } from "./commands/sandbox.ts"
import { statusCommand } from "./commands/status.ts"
import { syncCommand } from "./commands/sync.ts"
import { workerCommand } from "./commands/worker.ts"

const esl = Command.make("esl").pipe(
  Command.withDescription("esl — keeps ERP, CRM, PIM, shops and marketplaces consistent through one hub"),
  Command.withSubcommands([
    initCommand,
    connectorsCommand,
    checkCommand,
    syncCommand,
    statusCommand,
    dlqCommand,
    mapCommand,
    migrateCommand,
    daemonCommand,
    workerCommand,
    sandboxCommand,
    demoCommand,
  ]),
)

const cli = Command.run(esl, { name: "esl", version: "0.1.0" })

const logLevels: Record<string, LogLevel.LogLevel> = {
  all: LogLevel.All,
  debug: LogLevel.Debug,
  info: LogLevel.Info,
  warning: LogLevel.Warning,
  error: LogLevel.Error,
  none: LogLevel.None,
}

// Logs go to stderr (stdout is for results and --json); ESL_LOG_FORMAT=json for log shippers.
const logger =
  process.env.ESL_LOG_FORMAT === "json"
    ? Logger.withConsoleError(Logger.structuredLogger)
    : Logger.withConsoleError(Logger.logfmtLogger)
const program = cli(process.argv).pipe(
  Effect.provide(NodeContext.layer),
  Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
  Logger.withMinimumLogLevel(logLevels[process.env.ESL_LOG_LEVEL ?? "warning"] ?? LogLevel.Warning),
)

const exit = await Effect.runPromiseExit(program)
if (Exit.isFailure(exit)) {
  const failure = Cause.failureOption(exit.cause)
  if (failure._tag === "Some") {
    const error = failure.value
    // @effect/cli already printed usage errors; everything else gets its one-line message.
    const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : ""
    if (
      ![
        "MissingValue",
        "InvalidValue",
        "CommandMismatch",
        "MultipleValuesDetected",
        "UnclusteredFlag",
        "CorrectedFlag",
        "InvalidArgument",
        "MissingFlag",
        "MissingSubcommand",
        "NoBuiltInMatch",
        "HelpRequested",
      ].includes(tag)
    ) {
      process.stderr.write(`esl: ${error instanceof Error ? error.message : String(error)}\n`)
    }
  } else if (!Cause.isInterruptedOnly(exit.cause)) {
    process.stderr.write(`esl: unexpected failure\n${Cause.pretty(exit.cause)}\n`)
  }
  process.exitCode = 1
}
