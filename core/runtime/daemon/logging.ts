import { Cause, HashMap, type Layer, Logger } from "effect"

/**
 * One JSON object per line for log shippers: `time`, `level`, `message`, the log annotations
 * as top-level keys (`flow`, `runId`, `jobId`, …) and `cause` when there is one.
 *
 * @example {"time":"2026-01-01T00:15:00.012Z","level":"INFO","message":"flow run finished","flow":"erp-items","runId":"r-42","read":12}
 */
export const jsonLineLogger = (write: (line: string) => void = (line) => process.stderr.write(line)) =>
  Logger.make(({ logLevel, message, annotations, cause, date }) => {
    const entry: Record<string, unknown> = { time: date.toISOString(), level: logLevel.label }
    const messages = (Array.isArray(message) ? message : [message]).map((m) =>
      typeof m === "string" ? m : JSON.stringify(m),
    )
    entry.message = messages.join(" ")
    for (const [key, value] of HashMap.toEntries(annotations)) if (!(key in entry)) entry[key] = value
    if (!Cause.isEmpty(cause)) entry.cause = Cause.pretty(cause)
    let line: string
    try {
      line = JSON.stringify(entry)
    } catch {
      line = JSON.stringify({ time: entry.time, level: entry.level, message: entry.message })
    }
    write(`${line}\n`)
  })

/** Replaces the default logger with JSON lines on stderr (stdout stays free for results). */
export const DaemonLogger: Layer.Layer<never> = Logger.replace(Logger.defaultLogger, jsonLineLogger())
