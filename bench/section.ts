/**
 * What a benchmark section gives the runner (`bench/run.ts`): its figures for the table, each
 * against its target where it has one, and its full result for `bench/results.json`.
 */

export interface Figure {
  /** The section's name, e.g. "engine". */
  readonly section: string
  readonly name: string
  readonly value: number
  readonly unit: string
  /** e.g. "≥ 5,000"; absent for figures reported without a target. */
  readonly target?: string
  readonly pass?: boolean
  /** How far off a missed target is, e.g. "23% below target". */
  readonly miss?: string
}

export interface SectionOutcome {
  readonly figures: ReadonlyArray<Figure>
  /** Written under the section's name in `bench/results.json`. */
  readonly result: unknown
  /** Lines printed under the table (a skipped part, a caveat about the run). */
  readonly notes?: ReadonlyArray<string>
}

export interface BenchSection {
  /** The name `--only` takes and the key in `bench/results.json`. */
  readonly name: string
  /** One line for `--help`. */
  readonly describe: string
  readonly run: (options: { readonly argv: ReadonlyArray<string> }) => Promise<SectionOutcome>
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en", { maximumFractionDigits: digits })

/** A "higher is better" figure against its floor. */
export const atLeast = (value: number, floor: number): Pick<Figure, "pass" | "miss"> =>
  value >= floor ? { pass: true } : { pass: false, miss: `${fmt((1 - value / floor) * 100, 1)}% below target` }

/** A "lower is better" figure against its ceiling. */
export const atMost = (value: number, ceiling: number, unit = ""): Pick<Figure, "pass" | "miss"> =>
  value <= ceiling
    ? { pass: true }
    : { pass: false, miss: `${fmt(value - ceiling, 2)}${unit} over (${fmt((value / ceiling - 1) * 100, 1)}%)` }

/** The value after `--name` in argv, if any. */
export const argValue = (argv: ReadonlyArray<string>, name: string): string | undefined => {
  const at = argv.indexOf(name)
  return at >= 0 ? argv[at + 1] : undefined
}
