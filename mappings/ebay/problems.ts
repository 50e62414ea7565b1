/**
 * Collects what is wrong with one record while an eBay mapping walks it, each at its JSON path,
 * so a DLQ entry names every bad field at once.
 */
import { Effect, ParseResult, type SchemaAST } from "effect"

export class Problems {
  private readonly issues: Array<ParseResult.ParseIssue> = []

  constructor(
    private readonly ast: SchemaAST.AST,
    private readonly actual: unknown,
  ) {}

  /** Records `message` at `path` (relative to the record being mapped). */
  add(path: ReadonlyArray<string | number>, message: string, value?: unknown): void {
    const issue = new ParseResult.Type(this.ast, value, message)
    const [first, ...rest] = path
    this.issues.push(first === undefined ? issue : new ParseResult.Pointer([first, ...rest], this.actual, issue))
  }

  /** Runs a conversion that throws on bad input and records its message at `path`. */
  attempt<A>(path: ReadonlyArray<string | number>, convert: () => A): A | undefined {
    try {
      return convert()
    } catch (error) {
      this.add(path, error instanceof Error ? error.message : String(error))
      return undefined
    }
  }

  /** What `build` makes when nothing was recorded; otherwise every recorded problem. */
  result<A>(build: () => A): Effect.Effect<A, ParseResult.ParseIssue> {
    const [first, ...rest] = this.issues
    if (first === undefined) return Effect.sync(build)
    return Effect.fail(rest.length === 0 ? first : new ParseResult.Composite(this.ast, this.actual, [first, ...rest]))
  }
}

/** `value` under `key` when defined; nothing otherwise (optional fields are absent, never undefined). */
export const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  value === undefined ? {} : ({ [key]: value } as { [P in K]?: V })
