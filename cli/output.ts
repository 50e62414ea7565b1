import type { RunCounts } from "../core/state/index.ts"

/** Prints a table with aligned columns; numbers right-aligned. */
export const table = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string => {
  const cells = [headers, ...rows.map((r) => r.map(String))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)))
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number"))
  return cells
    .map((row) =>
      row
        .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")
}

/** Writes one JSON document to stdout (the only thing on stdout with --json). */
export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

const formatMs = (ms: number) => (ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`)

export { formatMs }

/**
 * A live progress line on stderr while a flow runs, only when stderr is a terminal (never in
 * CI logs or with --json). Streams have no known total, so it shows throughput and counts.
 */
export const progressReporter = (enabled: boolean) => {
  const started = new Map<string, number>()
  let lastDraw = 0
  const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
  let frame = 0
  return {
    update: (flow: string, counts: RunCounts) => {
      if (!enabled) return
      const now = Date.now()
      if (!started.has(flow)) started.set(flow, now)
      if (now - lastDraw < 80) return
      lastDraw = now
      const seconds = Math.max(0.001, (now - (started.get(flow) ?? now)) / 1000)
      const rate = Math.round(counts.read / seconds)
      const width = 20
      const filled = Math.min(width, Math.round(((counts.read % 2000) / 2000) * width))
      const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`
      frame = (frame + 1) % frames.length
      process.stderr.write(
        `\r\x1b[2K${frames[frame]} ${flow} ${bar} ${counts.read} read · ${counts.created} created · ${counts.updated} updated · ${counts.failed} failed · ${rate}/s`,
      )
    },
    done: () => {
      if (enabled) process.stderr.write("\r\x1b[2K")
    },
  }
}
