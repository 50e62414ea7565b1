/**
 * Collects what is wrong with one vendor record while a mapping walks it, each problem at its
 * JSON path, so the DLQ entry lists every bad field at once instead of the first one only. Every
 * connector's hand-written mappings use it.
 */
import { type Either, ParseResult, type Schema, type SchemaAST } from "effect"

export type PathSegment = string | number

export class Problems {
  /** Made on the first problem: most records have none, and a mapping makes a Problems per record. */
  private issues: Array<ParseResult.ParseIssue> | undefined

  constructor(
    private readonly ast: SchemaAST.AST,
    private readonly actual: unknown,
  ) {}

  /** Records `message` at `path` (relative to the record being mapped). */
  add(path: ReadonlyArray<PathSegment>, message: string, value?: unknown): void {
    this.addIssue(path, new ParseResult.Type(this.ast, value, message))
  }

  /** Records an issue another schema produced (a value map) at `path`. */
  addIssue(path: ReadonlyArray<PathSegment>, issue: ParseResult.ParseIssue): void {
    this.issues ??= []
    this.issues.push(
      path.length === 0 ? issue : new ParseResult.Pointer([...path] as unknown as ParseResult.Path, this.actual, issue),
    )
  }

  /**
   * Runs a conversion that throws on bad input (an amount, a timestamp) and records its
   * message at `path`; the caller gets undefined and carries on collecting.
   */
  attempt<A>(path: ReadonlyArray<PathSegment>, convert: () => A): A | undefined {
    try {
      return convert()
    } catch (error) {
      this.add(path, error instanceof Error ? error.message : String(error))
      return undefined
    }
  }

  /** Decodes `value` (a vendor code, possibly one we do not know) with a value map, recording a failure at `path`. */
  mapValue<A, I>(path: ReadonlyArray<PathSegment>, map: Schema.Schema<A, I>, value: unknown): A | undefined {
    const result = ParseResult.decodeUnknownEither(map)(value)
    if (result._tag === "Right") return result.right
    this.addIssue(path, result.left)
    return undefined
  }

  /** Encodes `value` with a value map, recording a failure at `path`. */
  unmapValue<A, I>(path: ReadonlyArray<PathSegment>, map: Schema.Schema<A, I>, value: A): I | undefined {
    const result = ParseResult.encodeEither(map)(value)
    if (result._tag === "Right") return result.right
    this.addIssue(path, result.left)
    return undefined
  }

  /**
   * The value `build` makes when nothing was recorded; otherwise every recorded problem. An Either
   * (an Effect that needs no runtime), so a mapping body can return it as it is.
   */
  result<A>(build: () => A): Either.Either<A, ParseResult.ParseIssue> {
    // Indexes, not `[first, ...rest]`: a mapping body ends here once per record.
    const issues = this.issues
    if (issues === undefined || issues.length === 0) return ParseResult.succeed(build())
    return ParseResult.fail(
      issues.length === 1
        ? (issues[0] as ParseResult.ParseIssue)
        : new ParseResult.Composite(this.ast, this.actual, issues.slice() as [ParseResult.ParseIssue]),
    )
  }
}

/** `value` under `key` when it is defined; nothing otherwise (optional fields are absent, never undefined). */
export const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => {
  const out: { [P in K]?: V } = {}
  // By assignment: a literal with a computed key (`{ [key]: value }`) takes V8 several times as long.
  if (value !== undefined) out[key] = value
  return out
}
