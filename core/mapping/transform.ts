/**
 * `mappingTransform`: a vendor ⇄ canonical `Schema.transformOrFail` whose bodies take the
 * MappingContext as an argument instead of asking the Effect runtime for it.
 *
 * The schema it returns is an ordinary transformation (the Effect path, `decodeRecord`, runs it
 * with `MappingContext` provided). The compiled fast path (`compileMapping`) calls the same bodies
 * directly with the page's context: a body that returns `ParseResult.succeed`/`fail` (an Either,
 * which is an Effect) then costs no fiber, no generator and no service lookup per record. A body
 * that needs the runtime (a Clock, say) returns any other Effect and the fast path runs it.
 */
import { Effect, type ParseResult, Schema, type SchemaAST } from "effect"
import { MappingContext, type MappingContextShape } from "./context.ts"

/** One direction of a mapping: what the record is mapped to, or the issue at its JSON path. */
export type MappingBody<In, Out> = (
  input: In,
  ctx: MappingContextShape,
  ast: SchemaAST.Transformation,
) => Effect.Effect<Out, ParseResult.ParseIssue>

interface Bodies {
  readonly decode: MappingBody<unknown, unknown>
  readonly encode: MappingBody<unknown, unknown>
}

/** The bodies of every mappingTransform, by the transformation's decode function (shared by all annotated copies). */
const bodies = new WeakMap<object, Bodies>()

/**
 * A transformation from a vendor schema to a canonical one (or back), for mappings.
 *
 * @example
 * export const productRead = mappingTransform(OdooProduct, Product, {
 *   decode: (raw, ctx, ast) => ParseResult.succeed({ ... title: { [ctx.defaults.locale]: raw.name } }),
 *   encode: (product, ctx, ast) => ParseResult.succeed({ ... }),
 * })
 */
export const mappingTransform = <To extends Schema.Schema.Any, From extends Schema.Schema.Any>(
  from: From,
  to: To,
  options: {
    readonly decode: MappingBody<Schema.Schema.Type<From>, Schema.Schema.Encoded<To>>
    readonly encode: MappingBody<Schema.Schema.Encoded<To>, Schema.Schema.Type<From>>
  },
): Schema.transformOrFail<From, To, MappingContext> => {
  // Effect.flatMap runs the body inside the fiber, so a body that throws is a defect the Effect
  // path reports as a MappingError, not an exception out of `decodeRecord`.
  const decode = (input: Schema.Schema.Type<From>, _: SchemaAST.ParseOptions, ast: SchemaAST.Transformation) =>
    Effect.flatMap(MappingContext, (ctx) => options.decode(input, ctx, ast))
  const encode = (input: Schema.Schema.Encoded<To>, _: SchemaAST.ParseOptions, ast: SchemaAST.Transformation) =>
    Effect.flatMap(MappingContext, (ctx) => options.encode(input, ctx, ast))
  bodies.set(decode, options as unknown as Bodies)
  return Schema.transformOrFail(from, to, { strict: true, decode, encode })
}

/** The context-taking body of a transformation made by `mappingTransform`, or undefined. */
export const mappingBodyOf = (
  transformation: SchemaAST.FinalTransformation,
  direction: "decode" | "encode",
): MappingBody<unknown, unknown> | undefined => bodies.get(transformation.decode)?.[direction]
