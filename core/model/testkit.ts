import { Either, ParseResult, Schema } from "effect"

/**
 * Test support for the model's specs (not exported from `index.ts`): what a schema says about a
 * record it refuses, with the path written the way an operator reads it (`variants[1].sku`).
 */
export interface Rejection {
  readonly path: string
  readonly message: string
}

const renderPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join("")

/** Every issue `schema` finds in `input`; empty when the input is accepted. */
export const rejectionsOf = <A, I>(schema: Schema.Schema<A, I>, input: unknown): ReadonlyArray<Rejection> => {
  const result = Schema.decodeUnknownEither(schema, { errors: "all" })(input)
  if (Either.isRight(result)) return []
  return ParseResult.ArrayFormatter.formatErrorSync(result.left).map((issue) => ({
    path: renderPath(issue.path),
    message: issue.message,
  }))
}

/**
 * The distinct paths of the issues `schema` finds in `input`, in order (a literal union reports
 * one issue per member it tried; the spec only cares where).
 */
export const rejectedPaths = <A, I>(schema: Schema.Schema<A, I>, input: unknown): ReadonlyArray<string> => [
  ...new Set(rejectionsOf(schema, input).map((r) => r.path)),
]
