/**
 * The benchmark suite: runs each section, prints one table of figures against their targets and
 * writes everything, with the machine it ran on, to `bench/results.json`.
 *
 *   npm run bench                                  # engine at 10k, 100k, 1M variants; mapping
 *   npm run bench -- --only engine --sizes 10000,100000
 *
 * Each engine size runs in a fresh child process, so its peak RSS is its own.
 */
import { spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import { arch, cpus, freemem, release, totalmem, type } from "node:os"
import { fileURLToPath } from "node:url"
import { type EngineBenchResult, RESULT_MARKER } from "./engine.ts"

/** Records/s end to end the embedded default must reach. */
const ENGINE_RATE_TARGET = 5_000
/** The no-op run may take at most this share of the full run. */
const NOOP_RATIO_TARGET = 0.05
/** Peak RSS of the largest size may be at most this multiple of the smallest's. */
const RSS_GROWTH_TARGET = 1.5
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000]
const MAPPING_RECORDS = 200_000

interface Figure {
  readonly section: "engine" | "mapping"
  readonly name: string
  readonly value: number
  readonly unit: string
  /** e.g. "≥ 5,000"; absent for figures reported without a target. */
  readonly target?: string
  readonly pass?: boolean
  /** How far off a missed target is, e.g. "−23% (3,850 of 5,000)". */
  readonly miss?: string
}

const argValue = (name: string): string | undefined => {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en", { maximumFractionDigits: digits })

/** A "higher is better" figure against its floor. */
const atLeast = (value: number, floor: number): Pick<Figure, "pass" | "miss"> =>
  value >= floor ? { pass: true } : { pass: false, miss: `${fmt((1 - value / floor) * 100, 1)}% below target` }

/** A "lower is better" figure against its ceiling. */
const atMost = (value: number, ceiling: number, unit = ""): Pick<Figure, "pass" | "miss"> =>
  value <= ceiling
    ? { pass: true }
    : { pass: false, miss: `${fmt(value - ceiling, 2)}${unit} over (${fmt((value / ceiling - 1) * 100, 1)}%)` }

/** One engine size in its own node process; its stderr (progress) goes to ours. */
const engineInChild = (variants: number): Promise<EngineBenchResult> =>
  new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL("./engine.ts", import.meta.url))
    const child = spawn(process.execPath, ["--import", "tsx", script, "--variants", String(variants)], {
      stdio: ["ignore", "pipe", "inherit"],
    })
    let stdout = ""
    child.stdout.setEncoding("utf8")
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk
    })
    child.on("error", reject)
    child.on("close", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER))
      if (code !== 0 || line === undefined) {
        reject(new Error(`engine bench at ${variants} variants exited with ${code}`))
        return
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as EngineBenchResult)
    })
  })

const engineFigures = (results: ReadonlyArray<EngineBenchResult>): Figure[] => {
  const figures: Figure[] = []
  for (const r of results) {
    const size = `${fmt(r.variants)} variants`
    figures.push(
      {
        section: "engine",
        name: `${size}: full sync`,
        value: r.full.variantsPerSecond,
        unit: "variants/s",
        target: `≥ ${fmt(ENGINE_RATE_TARGET)}`,
        ...atLeast(r.full.variantsPerSecond, ENGINE_RATE_TARGET),
      },
      { section: "engine", name: `${size}: full sync`, value: r.full.productsPerSecond, unit: "products/s" },
      { section: "engine", name: `${size}: full sync time`, value: r.full.ms / 1000, unit: "s" },
      {
        section: "engine",
        name: `${size}: no-op writes`,
        value: r.noop.writes,
        unit: "writes",
        target: "= 0",
        ...(r.noop.writes === 0 ? { pass: true } : { pass: false, miss: `${fmt(r.noop.writes)} writes` }),
      },
      {
        section: "engine",
        name: `${size}: no-op time / full`,
        value: r.noop.ratioToFull * 100,
        unit: `% (${fmt(r.noop.ms)} ms)`,
        target: `≤ ${NOOP_RATIO_TARGET * 100}%`,
        ...atMost(r.noop.ratioToFull * 100, NOOP_RATIO_TARGET * 100, " pts"),
      },
      { section: "engine", name: `${size}: peak RSS`, value: r.peakRssMiB, unit: "MiB" },
    )
  }
  const sorted = [...results].sort((a, b) => a.variants - b.variants)
  const smallest = sorted[0]
  const largest = sorted[sorted.length - 1]
  if (smallest && largest && largest.variants > smallest.variants) {
    const growth = largest.peakRssMiB / smallest.peakRssMiB
    figures.push({
      section: "engine",
      name: `peak RSS ${fmt(largest.variants)} / ${fmt(smallest.variants)}`,
      value: growth,
      unit: "×",
      target: `≤ ${RSS_GROWTH_TARGET}×`,
      ...atMost(growth, RSS_GROWTH_TARGET, "×"),
    })
  }
  return figures
}

/** What `bench/mapping.ts` returns, as far as this runner reads it. */
interface MappingFigures {
  readonly records?: number
  readonly esl?: number
  readonly handWritten?: number
  readonly jsonata?: number
  readonly effectPath?: number
  readonly eslVsHandWritten?: number
  readonly eslVsJsonata?: number
}

const mappingFigures = (m: MappingFigures): Figure[] => {
  const figures: Figure[] = []
  const rate = (name: string, value: number | undefined) => {
    if (value !== undefined) figures.push({ section: "mapping", name, value, unit: "records/s" })
  }
  rate("esl (compiled)", m.esl)
  rate("hand-written TypeScript", m.handWritten)
  rate("JSONata", m.jsonata)
  rate("esl (Effect path, reference)", m.effectPath)
  if (m.eslVsHandWritten !== undefined)
    figures.push({
      section: "mapping",
      name: "esl / hand-written",
      value: m.eslVsHandWritten,
      unit: "×",
      target: "≥ 0.5×",
      ...atLeast(m.eslVsHandWritten, 0.5),
    })
  if (m.eslVsJsonata !== undefined)
    figures.push({
      section: "mapping",
      name: "esl / JSONata",
      value: m.eslVsJsonata,
      unit: "×",
      target: "≥ 10×",
      ...atLeast(m.eslVsJsonata, 10),
    })
  return figures
}

/** The mapping section, when `bench/mapping.ts` exists and exports `benchMapping`. */
const runMapping = async (): Promise<{ result?: unknown; note?: string }> => {
  let module: { readonly benchMapping?: (options: { records: number }) => Promise<unknown> }
  try {
    // A computed specifier: the section is optional, so its absence must not fail the typecheck.
    const specifier = new URL("./mapping.ts", import.meta.url).href
    module = (await import(specifier)) as typeof module
  } catch (cause) {
    return { note: `skipped: bench/mapping.ts could not be loaded (${String(cause)})` }
  }
  if (typeof module.benchMapping !== "function") return { note: "skipped: bench/mapping.ts exports no benchMapping" }
  return { result: await module.benchMapping({ records: MAPPING_RECORDS }) }
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

const main = async () => {
  const only = argValue("--only")
  if (only !== undefined && only !== "engine" && only !== "mapping") {
    console.error("usage: npm run bench -- [--only engine|mapping] [--sizes 10000,100000,1000000]")
    process.exit(1)
  }
  const sizesArg = argValue("--sizes")
  const sizes = sizesArg === undefined ? DEFAULT_SIZES : sizesArg.split(",").map(Number)
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    console.error(`--sizes takes positive integers separated by commas, not "${sizesArg}"`)
    process.exit(1)
  }
  const host = machine()
  console.error(`machine: ${host.cores} × ${host.cpuModel}, ${host.totalMemoryGiB} GiB, Node ${host.node}, ${host.os}`)

  const figures: Figure[] = []
  const notes: string[] = []
  const output: Record<string, unknown> = { machine: host }

  if (only === undefined || only === "engine") {
    const engine: EngineBenchResult[] = []
    for (const variants of sizes) {
      console.error(`engine: ${fmt(variants)} variants…`)
      engine.push(await engineInChild(variants))
    }
    figures.push(...engineFigures(engine))
    output.engine = {
      targets: {
        variantsPerSecond: ENGINE_RATE_TARGET,
        noopWrites: 0,
        noopRatioToFull: NOOP_RATIO_TARGET,
        peakRssGrowth: RSS_GROWTH_TARGET,
      },
      runs: engine,
    }
  }
  if (only === undefined || only === "mapping") {
    console.error(`mapping: ${fmt(MAPPING_RECORDS)} records…`)
    const mapping = await runMapping()
    if (mapping.note !== undefined) notes.push(`mapping ${mapping.note}`)
    if (mapping.result !== undefined) {
      figures.push(...mappingFigures(mapping.result as MappingFigures))
      output.mapping = mapping.result
    }
  }

  output.figures = figures
  output.notes = notes
  const file = fileURLToPath(new URL("./results.json", import.meta.url))
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`)
  console.log(`\n${host.cores} cores (${host.cpuModel}), Node ${host.node}, ${host.os}, ${host.date}\n`)
  console.log(table(figures))
  for (const note of notes) console.log(`note: ${note}`)
  console.log(`\nwritten to ${file}`)
  if (figures.some((f) => f.pass === false)) process.exitCode = 2
}

await main()
