import { Array as Arr, Data, ParseResult, SchemaAST } from "effect"

/** One problem in one record, at a JSON path (`$.variants[1].sku`). */
export interface MappingIssue {
  readonly path: string
  readonly message: string
}

/**
 * A record could not be mapped. Carries where (system, entity, record, JSON path) and what, so
 * the DLQ entry tells an operator exactly which field of which record to fix.
 */
export class MappingError extends Data.TaggedError("MappingError")<{
  readonly system: string
  readonly entity: string
  readonly direction: "decode" | "encode"
  readonly recordKey: string
  readonly issues: ReadonlyArray<MappingIssue>
}> {
  override get message() {
    const first = this.issues
      .slice(0, 3)
      .map((i) => `${i.path}: ${i.message}`)
      .join("; ")
    const more = this.issues.length > 3 ? ` (+${this.issues.length - 3} more)` : ""
    const what = this.direction === "decode" ? "to the canonical model" : "to the vendor's format"
    return `Cannot map ${this.entity} ${this.recordKey} from ${this.system} ${what}: ${first}${more}`
  }
}

/** `["variants", 1, "sku"]` → `$.variants[1].sku` */
export const toJsonPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`
    const text = String(key)
    return /^[A-Za-z_$][\w$]*$/.test(text) ? `${acc}.${text}` : `${acc}[${JSON.stringify(text)}]`
  }, "$")

/**
 * `Schema.optional(X)` is `X | undefined`: when a present value fails X, the union also reports
 * "Expected undefined, actual …", which sends an operator the wrong way and pushes real issues
 * out of the message. That alternative is dropped whenever another one explains the failure.
 */
const withoutUndefinedAlternative = (issue: ParseResult.ParseIssue): ParseResult.ParseIssue => {
  switch (issue._tag) {
    case "Pointer":
      return new ParseResult.Pointer(issue.path, issue.actual, withoutUndefinedAlternative(issue.issue))
    case "Refinement":
      return new ParseResult.Refinement(issue.ast, issue.actual, issue.kind, withoutUndefinedAlternative(issue.issue))
    case "Transformation":
      return new ParseResult.Transformation(
        issue.ast,
        issue.actual,
        issue.kind,
        withoutUndefinedAlternative(issue.issue),
      )
    case "Composite": {
      const issues = issue.issues
      const all: Arr.NonEmptyReadonlyArray<ParseResult.ParseIssue> = "_tag" in issues ? [issues] : issues
      const explained = all.filter((i) => !(i._tag === "Type" && SchemaAST.isUndefinedKeyword(i.ast)))
      const kept = SchemaAST.isUnion(issue.ast) && Arr.isNonEmptyReadonlyArray(explained) ? explained : all
      return new ParseResult.Composite(
        issue.ast,
        issue.actual,
        Arr.map(kept, withoutUndefinedAlternative),
        issue.output,
      )
    }
    default:
      return issue
  }
}

/** Flattens an Effect Schema parse error into JSON-path issues. */
export const issuesOf = (error: ParseResult.ParseError): ReadonlyArray<MappingIssue> =>
  ParseResult.ArrayFormatter.formatIssueSync(withoutUndefinedAlternative(error.issue)).map((issue) => ({
    path: toJsonPath(issue.path),
    message: issue.message,
  }))
