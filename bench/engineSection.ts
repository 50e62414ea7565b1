/**
 * The engine section: a full sync of 10k, 100k and 1M variants ERP → hub → shop on the embedded
 * default, then the same sync again with nothing changed. Each size runs in a fresh child process
 * (`bench/engine.ts`), so its peak RSS is its own, with the heap the `esl` command runs in
 * (`cli/nodeOptions.ts`). The smallest and largest sizes run once more with node's default heap
 * sizing, for comparison: there V8 sizes the heap from the machine, not from esl's budget.
 */
import { spawn } from "node:child_process"
import { eslNodeOptions } from "../cli/nodeOptions.ts"
import { type EngineBenchResult, engineCommand, engineResultIn } from "./engine.ts"
import { argValue, atLeast, atMost, type BenchSection, type Figure, fmt } from "./section.ts"

/** Records/s end to end the embedded default must reach. */
const ENGINE_RATE_TARGET = 5_000
/** The no-op run may take at most this share of the full run. */
const NOOP_RATIO_TARGET = 0.05
/** Peak RSS of the largest size may be at most this multiple of the smallest's. */
const RSS_GROWTH_TARGET = 1.5
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000]

/** One engine size in its own node process; its stderr (progress) goes to ours. */
const engineInChild = (variants: number, nodeOptions: ReadonlyArray<string>): Promise<EngineBenchResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, engineCommand(variants, nodeOptions), {
      stdio: ["ignore", "pipe", "inherit"],
    })
    let stdout = ""
    child.stdout.setEncoding("utf8")
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk
    })
    child.on("error", reject)
    child.on("close", (code) => {
      const result = engineResultIn(stdout)
      if (code !== 0 || result === undefined) {
        reject(new Error(`engine bench at ${variants} variants exited with ${code}`))
        return
      }
      resolve(result)
    })
  })

const smallestAndLargest = (results: ReadonlyArray<EngineBenchResult>) => {
  const sorted = [...results].sort((a, b) => a.variants - b.variants)
  const smallest = sorted[0]
  const largest = sorted[sorted.length - 1]
  return smallest && largest && largest.variants > smallest.variants ? { smallest, largest } : undefined
}

/** The same sizes with node's default heap sizing: peaks only, no target. */
const defaultHeapFigures = (results: ReadonlyArray<EngineBenchResult>): Figure[] => {
  const figures: Figure[] = results.map((r) => ({
    section: "engine",
    name: `${fmt(r.variants)} variants: peak RSS, node's default heap sizing`,
    value: r.peakRssMiB,
    unit: `MiB (JS heap in use ${fmt(r.peakHeapUsedMiB)})`,
  }))
  const ends = smallestAndLargest(results)
  if (ends)
    figures.push({
      section: "engine",
      name: `peak RSS ${fmt(ends.largest.variants)} / ${fmt(ends.smallest.variants)}, node's default heap sizing`,
      value: ends.largest.peakRssMiB / ends.smallest.peakRssMiB,
      unit: "× (for comparison)",
    })
  return figures
}

const figuresOf = (results: ReadonlyArray<EngineBenchResult>): Figure[] => {
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
      { section: "engine", name: `${size}: peak JS heap in use`, value: r.peakHeapUsedMiB, unit: "MiB" },
      {
        section: "engine",
        name: `${size}: JS heap live after the runs (full GC; ${fmt(r.liveHeapBeforeMiB)} before)`,
        value: r.liveHeapAfterMiB,
        unit: "MiB",
      },
    )
  }
  const ends = smallestAndLargest(results)
  if (ends) {
    const growth = ends.largest.peakRssMiB / ends.smallest.peakRssMiB
    figures.push({
      section: "engine",
      name: `peak RSS ${fmt(ends.largest.variants)} / ${fmt(ends.smallest.variants)}`,
      value: growth,
      unit: "×",
      target: `≤ ${RSS_GROWTH_TARGET}×`,
      ...atMost(growth, RSS_GROWTH_TARGET, "×"),
    })
  }
  return figures
}

const sizesFrom = (argv: ReadonlyArray<string>): number[] => {
  const given = argValue(argv, "--sizes")
  const sizes = given === undefined ? DEFAULT_SIZES : given.split(",").map(Number)
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`--sizes takes positive integers separated by commas, not "${given}"`)
  }
  return sizes
}

export const engineSection: BenchSection = {
  name: "engine",
  describe: "full sync and no-op rerun at 10k/100k/1M variants on the embedded default (--sizes 10000,100000)",
  run: async ({ argv }) => {
    const runs: EngineBenchResult[] = []
    for (const variants of sizesFrom(argv)) {
      console.error(`engine: ${fmt(variants)} variants…`)
      runs.push(await engineInChild(variants, eslNodeOptions))
    }
    const defaultHeapRuns: EngineBenchResult[] = []
    const ends = smallestAndLargest(runs)
    for (const variants of ends ? [ends.smallest.variants, ends.largest.variants] : []) {
      console.error(`engine: ${fmt(variants)} variants, node's default heap sizing…`)
      defaultHeapRuns.push(await engineInChild(variants, []))
    }
    return {
      figures: [...figuresOf(runs), ...defaultHeapFigures(defaultHeapRuns)],
      result: {
        targets: {
          variantsPerSecond: ENGINE_RATE_TARGET,
          noopWrites: 0,
          noopRatioToFull: NOOP_RATIO_TARGET,
          peakRssGrowth: RSS_GROWTH_TARGET,
        },
        nodeOptions: eslNodeOptions,
        runs,
        defaultHeapRuns,
      },
    }
  },
}
