/**
 * Capturing log output in tests, e.g. to prove that no secret reaches a log line.
 */
import { Cause, Effect, HashMap, Logger, LogLevel } from "effect"

/** Log lines collected by `captureLogs`, one JSON string per line with every annotation. */
export interface CapturedLogs {
  readonly lines: ReadonlyArray<string>
  /** Runs `effect` with all log levels enabled and every line recorded here instead of printed. */
  readonly capture: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/**
 * @example
 * const logs = captureLogs()
 * await Effect.runPromiseExit(logs.capture(client.request({ method: "GET", path: "orders" })))
 * expect(logs.lines.join("\n")).not.toContain(apiKey)
 */
export const captureLogs = (): CapturedLogs => {
  const lines: Array<string> = []
  const logger = Logger.make(({ logLevel, message, annotations, cause }) => {
    lines.push(
      JSON.stringify({
        level: logLevel.label,
        message,
        annotations: Object.fromEntries(HashMap.toEntries(annotations)),
        ...(Cause.isEmpty(cause) ? {} : { cause: Cause.pretty(cause) }),
      }),
    )
  })
  return {
    lines,
    capture: (effect) =>
      effect.pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.All),
      ),
  }
}
