import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { withState } from "../../core/runtime/app.ts"
import { exitCodeOf, type FlowResult, runFlows } from "../../core/sync/index.ts"
import { loadApp } from "../app.ts"
import { configOption, jsonOption } from "../options.ts"
import { formatMs, printJson, progressReporter, table } from "../output.ts"
import { CliFailure } from "./failure.ts"

const flowOption = Options.text("flow").pipe(
  Options.repeated,
  Options.withDescription("run only this flow (repeatable); default: every flow, in config order"),
)
const fullOption = Options.boolean("full").pipe(
  Options.withDescription("ignore cursors: re-read every source record, re-check every target record"),
)
const dryRunOption = Options.boolean("dry-run").pipe(
  Options.withDescription("read and map, but write nothing (vendors and state untouched)"),
)

/** The `--json` document: per flow, the counts operators and CI scripts read. */
export const syncReport = (results: ReadonlyArray<FlowResult>, state: string) => ({
  ok: exitCodeOf(results) === 0,
  exitCode: exitCodeOf(results),
  state,
  flows: Object.fromEntries(
    results.map((r) => [
      r.flow,
      {
        kind: r.kind,
        system: r.system,
        entity: r.entity,
        status: r.status,
        read: r.counts.read,
        created: r.counts.created,
        updated: r.counts.updated,
        unchanged: r.counts.unchanged,
        failed: r.counts.failed,
        skipped: r.counts.skipped,
        ignoredFields: r.counts.ignoredFields,
        durationMs: r.durationMs,
        ...(r.error !== undefined ? { error: r.error } : {}),
      },
    ]),
  ),
})

/** The human summary of a run. */
export const syncSummary = (results: ReadonlyArray<FlowResult>): string => {
  const rows = results.map((r) => [
    r.flow,
    r.kind === "inbound" ? `${r.system} → hub` : `hub → ${r.system}`,
    r.entity,
    r.counts.read,
    r.counts.created,
    r.counts.updated,
    r.counts.unchanged,
    r.counts.skipped,
    r.counts.failed,
    formatMs(r.durationMs),
  ])
  const failedRecords = results.reduce((n, r) => n + r.counts.failed, 0)
  const failedFlows = results.filter((r) => r.status === "failed")
  const lines = [
    table(
      ["flow", "direction", "entity", "read", "created", "updated", "unchanged", "skipped", "failed", "time"],
      rows,
    ),
  ]
  for (const f of failedFlows) lines.push(`✖ ${f.flow} stopped: ${f.error ?? "unknown error"}`)
  if (failedRecords > 0)
    lines.push(`⚠ ${failedRecords} record(s) failed and are in the dead-letter queue: esl dlq list`)
  if (failedFlows.length === 0 && failedRecords === 0) lines.push(`✔ ${results.length} flow(s) done, nothing failed`)
  return lines.join("\n")
}

export const syncCommand = Command.make(
  "sync",
  { config: configOption, flow: flowOption, full: fullOption, dryRun: dryRunOption, json: jsonOption },
  (options) =>
    Effect.gen(function* () {
      const app = yield* loadApp(options.config)
      const wanted = options.flow
      const unknown = wanted.filter((name) => !app.flows.some((f) => f.name === name))
      if (unknown.length > 0) {
        return yield* new CliFailure({
          message: `Unknown flow(s): ${unknown.join(", ")}. Flows in ${options.config}: ${app.flows.map((f) => f.name).join(", ")}`,
        })
      }
      const flows = wanted.length > 0 ? app.flows.filter((f) => wanted.includes(f.name)) : app.flows
      const progress = progressReporter(!options.json && process.stderr.isTTY === true)
      const results = yield* withState(
        app,
        runFlows(flows, { full: options.full, dryRun: options.dryRun, onProgress: progress.update }),
      )
      progress.done()
      if (options.json) printJson(syncReport(results, app.stateDescription))
      else process.stdout.write(`${options.dryRun ? "(dry run: nothing was written)\n" : ""}${syncSummary(results)}\n`)
      process.exitCode = exitCodeOf(results)
    }),
).pipe(Command.withDescription("run flows once: sources → hub → targets, incrementally from each flow's cursor"))
