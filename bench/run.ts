/**
 * The benchmark suite: runs each section, prints one table of figures against their targets and
 * writes everything, with the machine it ran on, to `bench/results.json`.
 *
 *   npm run bench                                   # every section
 *   npm run bench -- --only engine --sizes 10000,100000
 *   npm run bench -- --only mapping,ratelimit
 *
 * With `--only`, the other sections' last results stay in `bench/results.json`, so one file always
 * holds the latest figure of every section (each section records its own machine and date).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { arch, cpus, freemem, release, totalmem, type } from "node:os"
import { fileURLToPath } from "node:url"
import { distributedSection } from "./distributed.ts"
import { engineSection } from "./engineSection.ts"
import { mappingSection } from "./mappingSection.ts"
import { rateLimitSection } from "./rateLimit.ts"
import { argValue, type BenchSection, type Figure, fmt } from "./section.ts"

const SECTIONS: ReadonlyArray<BenchSection> = [mappingSection, engineSection, rateLimitSection, distributedSection]

const RESULTS_FILE = fileURLToPath(new URL("./results.json", import.meta.url))

interface Results {
  readonly sections: Record<
    string,
    { readonly machine: Machine; readonly notes: ReadonlyArray<string>; readonly result: unknown }
  >
  readonly figures: ReadonlyArray<Figure>
}

type Machine = ReturnType<typeof machine>

const machine = () => {
  const cores = cpus()
  return {
    cores: cores.length,
    cpuModel: cores[0]?.model ?? "unknown",
    node: process.version,
    os: `${type()} ${release()} ${arch()}`,
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiBAtStart: Math.round((freemem() / 2 ** 30) * 10) / 10,
    date: new Date().toISOString(),
  }
}

const table = (figures: ReadonlyArray<Figure>): string => {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    `${fmt(f.value, f.unit === "×" || f.unit.startsWith("%") || f.unit === "s" ? 2 : 0)} ${f.unit}`,
    f.target ?? "",
    f.pass === undefined ? "" : f.pass ? "pass" : `MISS: ${f.miss ?? ""}`,
  ])
  const header = ["section", "figure", "value", "target", "result"]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")
}

/** The previous results, when they are in this runner's shape (older files are replaced). */
const previousResults = (): Results | undefined => {
  if (!existsSync(RESULTS_FILE)) return undefined
  try {
    const parsed = JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as Partial<Results>
    return parsed.sections !== undefined && Array.isArray(parsed.figures) ? (parsed as Results) : undefined
  } catch {
    return undefined
  }
}

const usage = () =>
  [
    "usage: npm run bench -- [--only <section>[,<section>…]] [section options]",
    "sections:",
    ...SECTIONS.map((s) => `  ${s.name.padEnd(12)} ${s.describe}`),
  ].join("\n")

const main = async () => {
  const argv = process.argv.slice(2)
  if (argv.includes("--help")) {
    console.log(usage())
    return
  }
  const only = argValue(argv, "--only")?.split(",")
  const unknown = only?.filter((name) => !SECTIONS.some((s) => s.name === name)) ?? []
  if (unknown.length > 0) {
    console.error(`unknown section ${unknown.join(", ")}\n${usage()}`)
    process.exit(1)
  }
  const chosen = SECTIONS.filter((s) => only === undefined || only.includes(s.name))
  const host = machine()
  console.error(`machine: ${host.cores} × ${host.cpuModel}, ${host.totalMemoryGiB} GiB, Node ${host.node}, ${host.os}`)

  const previous = previousResults()
  const sections: Results["sections"] = { ...(previous?.sections ?? {}) }
  const kept = (previous?.figures ?? []).filter((f) => !chosen.some((s) => s.name === f.section))
  const figures: Figure[] = []
  const notes: string[] = []
  for (const section of chosen) {
    const outcome = await section.run({ argv })
    figures.push(...outcome.figures)
    notes.push(...(outcome.notes ?? []).map((n) => `${section.name}: ${n}`))
    sections[section.name] = { machine: machine(), notes: outcome.notes ?? [], result: outcome.result }
  }
  const all = [...figures, ...kept].sort(
    (a, b) => SECTIONS.findIndex((s) => s.name === a.section) - SECTIONS.findIndex((s) => s.name === b.section),
  )
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ sections, figures: all } satisfies Results, null, 2)}\n`)

  console.log(`\n${host.cores} cores (${host.cpuModel}), Node ${host.node}, ${host.os}, ${host.date}\n`)
  console.log(table(figures))
  for (const note of notes) console.log(`note: ${note}`)
  if (kept.length > 0) {
    const others = [...new Set(kept.map((f) => f.section))].join(", ")
    console.log(`\nkept from earlier runs in results.json: ${others}`)
  }
  console.log(`\nwritten to ${RESULTS_FILE}`)
  if (figures.some((f) => f.pass === false)) process.exitCode = 2
}

await main()
