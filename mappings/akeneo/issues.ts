/**
 * Collects what is wrong with one Akeneo record while the mapping walks it, each at its JSON
 * path, so a dead letter lists every bad field at once.
 */
import { Effect, ParseResult, type SchemaAST } from "effect"

export type PathSegment = string | number

export class Issues {
  private readonly found: Array<ParseResult.ParseIssue> = []

  constructor(
    private readonly ast: SchemaAST.AST,
    private readonly actual: unknown,
  ) {}

  /** Records `message` at `path`, relative to the record. */
  add(path: ReadonlyArray<PathSegment>, message: string, value?: unknown): void {
    const issue = new ParseResult.Type(this.ast, value, message)
    const [first, ...rest] = path
    this.found.push(first === undefined ? issue : new ParseResult.Pointer([first, ...rest], this.actual, issue))
  }

  /** Runs a conversion that throws on bad input and records its message at `path`. */
  attempt<A>(path: ReadonlyArray<PathSegment>, convert: () => A): A | undefined {
    try {
      return convert()
    } catch (error) {
      this.add(path, error instanceof Error ? error.message : String(error))
      return undefined
    }
  }

  /** What `build` makes when nothing was recorded; otherwise every recorded issue. */
  result<A>(build: () => A): Effect.Effect<A, ParseResult.ParseIssue> {
    const [first, ...rest] = this.found
    if (first === undefined) return Effect.sync(build)
    return Effect.fail(rest.length === 0 ? first : new ParseResult.Composite(this.ast, this.actual, [first, ...rest]))
  }
}

/** `value` under `key` when defined; nothing otherwise (optional fields are absent, never undefined). */
export const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  value === undefined ? {} : ({ [key]: value } as { [P in K]?: V })
