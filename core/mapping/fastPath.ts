/**
 * A compiled fast path for running a mapping on many records, with the result of
 * `decodeRecord`/`encodeRecord`: the same canonical record (same keys, same key order) or the
 * same MappingError.
 *
 * Where the time goes in the Effect path: interpreting the schemas (the vendor input, the
 * canonical output, and again the canonical input and vendor output on the way out), and running
 * each transformation as an Effect (a fiber and a service lookup per record). So:
 *
 * - each side is checked by one validator compiled once per schema (`schemaCheck.ts`): ajv, from
 *   the JSON Schema that `JSONSchema.make` generates from the Effect schema, with every
 *   `Schema.filter` (SKU uniqueness, Key, Instant, LocalizedText keys, Money and Price rules)
 *   called at its place in the same walk, so the check is never looser than Effect's;
 * - a `mappingTransform` body runs as a plain call with the page's context; when it returns an
 *   Either (`ParseResult.succeed`/`fail`) no Effect runtime is involved. Any other transformation
 *   runs in the runtime with the context provided;
 * - the output is what Effect's parser makes of it: the value itself when it already has the
 *   schema's keys in the schema's order, else a copy that has.
 *
 * Whenever anything fails (a check, the transformation, a throw), the record goes through the
 * Effect path, which explains the failure with JSON paths. A fast check that is stricter than
 * Effect (ajv refuses NaN where `Schema.Number` takes it) only costs that record the slow path.
 */
import { Effect, Either, Exit, ParseResult, Schema, SchemaAST } from "effect"
import type { Canonical, EntityName } from "../model/index.ts"
import { MappingContext, type MappingContextShape } from "./context.ts"
import type { EntityMapping } from "./define.ts"
import type { MappingError } from "./errors.ts"
import { decodeRecord, encodeRecord } from "./run.ts"
import { fullCheck, PARSE_OPTIONS } from "./schemaCheck.ts"
import { mappingBodyOf } from "./transform.ts"

type Project = (value: unknown) => unknown

const isObject = (value: unknown) => typeof value === "object" && value !== null

/** Whether an AST only ever takes primitives (never an object or an array). */
const isPrimitiveOnly = (ast: SchemaAST.AST): boolean => {
  switch (ast._tag) {
    case "Literal":
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "BigIntKeyword":
    case "SymbolKeyword":
    case "UniqueSymbol":
    case "UndefinedKeyword":
    case "VoidKeyword":
    case "NeverKeyword":
    case "Enums":
    case "TemplateLiteral":
      return true
    case "Refinement":
      return isPrimitiveOnly(ast.from)
    case "Union":
      return ast.types.every(isPrimitiveOnly)
    default:
      return false
  }
}

const projections = new WeakMap<SchemaAST.AST, Project | undefined>()

/**
 * What Effect's parser outputs for a valid value: the value itself when that output would be
 * equal to it (the schema's keys, in the schema's order, nothing excess, at every level), else a
 * copy with the excess keys left out and the keys in the schema's order. Undefined: the value
 * itself, always (no objects inside).
 */
const projection = (ast: SchemaAST.AST): Project | undefined => {
  if (projections.has(ast)) return projections.get(ast)
  const project = compileProjection(ast)
  projections.set(ast, project)
  return project
}

const effectCopy = (ast: SchemaAST.AST): Project => {
  const decode = ParseResult.decodeUnknownSync(Schema.make(ast), PARSE_OPTIONS)
  return (value) => decode(value)
}

/**
 * Whether an object's own keys are, in order, some of `names` in their order followed by keys
 * that are none of them (an index signature's), or only names when there is no index signature.
 * Effect's parser outputs exactly these keys in this order, so such an object needs no copy.
 */
const inSchemaOrder = (
  record: object,
  names: ReadonlyArray<PropertyKey>,
  named: ReadonlySet<PropertyKey>,
  index: boolean,
) => {
  let next = 0
  let pastNames = false
  for (const key in record) {
    if (!pastNames) {
      while (next < names.length && names[next] !== key) next++
      if (next < names.length) {
        next++
        continue
      }
      if (!index || named.has(key)) return false
      pastNames = true
    } else if (named.has(key)) return false
  }
  return true
}

const compileProjection = (ast: SchemaAST.AST): Project | undefined => {
  switch (ast._tag) {
    case "Refinement":
      return projection(ast.from)
    case "TypeLiteral": {
      if (ast.indexSignatures.some((s) => s.parameter._tag !== "StringKeyword") || ast.indexSignatures.length > 1) {
        return effectCopy(ast)
      }
      const properties = ast.propertySignatures.map((p) => ({ name: p.name, project: projection(p.type) }))
      const names = properties.map((p) => p.name)
      const named = new Set(names)
      const index = ast.indexSignatures[0]
      const projectIndex = index === undefined ? undefined : projection(index.type)
      const copy = (record: Record<PropertyKey, unknown>) => {
        const out: Record<PropertyKey, unknown> = {}
        for (const { name, project } of properties) {
          if (!Object.hasOwn(record, name)) continue
          const field = record[name]
          out[name] = project === undefined ? field : project(field)
        }
        if (index !== undefined) {
          for (const key of Object.keys(record)) {
            if (named.has(key)) continue
            out[key] = projectIndex === undefined ? record[key] : projectIndex(record[key])
          }
        }
        return out
      }
      return (value) => {
        const record = value as Record<PropertyKey, unknown>
        if (!inSchemaOrder(record, names, named, index !== undefined)) return copy(record)
        for (const { name, project } of properties) {
          if (project === undefined || !Object.hasOwn(record, name)) continue
          const field = record[name]
          if (project(field) !== field) return copy(record)
        }
        if (projectIndex !== undefined) {
          for (const key in record) {
            if (named.has(key)) continue
            const field = record[key]
            if (projectIndex(field) !== field) return copy(record)
          }
        }
        return record
      }
    }
    case "TupleType": {
      if (ast.rest.length > 1) return effectCopy(ast)
      const elements = ast.elements.map((e) => projection(e.type))
      const rest = ast.rest[0] === undefined ? undefined : projection(ast.rest[0].type)
      if (rest === undefined && elements.every((e) => e === undefined)) return undefined
      return (value) => {
        const items = value as ReadonlyArray<unknown>
        let out: Array<unknown> | undefined
        for (let i = 0; i < items.length; i++) {
          const project = i < elements.length ? elements[i] : rest
          if (project === undefined) continue
          const item = items[i]
          const projected = project(item)
          if (projected !== item) {
            out ??= items.slice()
            out[i] = projected
          }
        }
        return out ?? items
      }
    }
    case "Union": {
      const members = ast.types.map((member) => ({ member, project: projection(member) }))
      if (members.every((m) => m.project === undefined)) return undefined
      // A valid object can only be the one member that takes objects (`Weight | null`, say): no
      // need to ask each member which it is.
      const objectMembers = members.filter(({ member }) => !isPrimitiveOnly(member))
      const [onlyObjectMember] = objectMembers
      if (objectMembers.length === 1 && onlyObjectMember !== undefined) {
        const project = onlyObjectMember.project
        return project === undefined ? undefined : (value) => (isObject(value) ? project(value) : value)
      }
      const checked = members.map(({ member, project }) => ({ check: fullCheck(member), project }))
      return (value) => {
        // Primitives are never copied, whichever member takes them.
        if (!isObject(value)) return value
        for (const { check, project } of checked) {
          if (check(value)) return project === undefined ? value : project(value)
        }
        return value
      }
    }
    case "Suspend":
    case "Declaration":
    case "Transformation":
      return effectCopy(ast)
    default:
      return undefined
  }
}

/** A side of a transformation the fast path can check: no transformation inside it. */
const isPlain = (ast: SchemaAST.AST) => SchemaAST.typeAST(ast) === ast

/** The fast path's answer when a record must go through the Effect path (to be explained, or to run at all). */
const SLOW: unique symbol = Symbol("esl/mapping/slow")
/** A record's output as an Either right (the body's own when it needed no copy), or SLOW. */
type Run = (ctx: MappingContextShape, input: unknown) => Either.Either<unknown, never> | typeof SLOW

/** The value of a transformation's result: an Either without the runtime, any other Effect with it. */
const settle = (result: Effect.Effect<unknown, unknown>): Either.Either<unknown, unknown> | typeof SLOW => {
  if (Either.isEither(result)) return Either.isRight(result) ? result : SLOW
  const exit = Effect.runSyncExit(result)
  return Exit.isSuccess(exit) ? Either.right(exit.value) : SLOW
}

/**
 * One direction of a `transformOrFail(From, To)`, run synchronously: check the input side, run
 * the transformation, check the output side; the output (or SLOW). Undefined when a side has
 * transformations of its own.
 */
const compileDirection = (schema: Schema.Schema.All, direction: "decode" | "encode"): Run | undefined => {
  const ast = schema.ast
  if (!SchemaAST.isTransformation(ast) || ast.transformation._tag !== "FinalTransformation") return undefined
  if (!isPlain(ast.from) || !isPlain(ast.to)) return undefined
  const [input, output] = direction === "decode" ? [ast.from, ast.to] : [ast.to, ast.from]
  const checkInput = fullCheck(input)
  const checkOutput = fullCheck(output)
  const body = mappingBodyOf(ast.transformation, direction)
  // A mappingTransform's body reads the fields its input schema names (its contract), so keys the
  // schema does not name, or another key order, cannot change what it makes: no copy of the input.
  const projectInput = body === undefined ? projection(input) : undefined
  const projectOutput = projection(output)
  const transform = ast.transformation[direction]
  // A mappingTransform's body takes the context as an argument; any other transformation asks the
  // runtime for it.
  const run =
    body === undefined
      ? (ctx: MappingContextShape, parsed: unknown, raw: unknown) =>
          Effect.provideService(
            transform(parsed, PARSE_OPTIONS, ast, raw) as Effect.Effect<unknown, unknown, MappingContext>,
            MappingContext,
            ctx,
          )
      : (ctx: MappingContextShape, parsed: unknown) => body(parsed, ctx, ast)
  return (ctx, raw) => {
    // Whatever throws (a transformation's conversion it did not guard) is for the Effect path to report.
    try {
      if (!checkInput(raw)) return SLOW
      const parsed = projectInput === undefined ? raw : projectInput(raw)
      const result = settle(run(ctx, parsed, raw))
      if (result === SLOW) return SLOW
      const out = (result as Either.Right<unknown, unknown>).right
      if (!checkOutput(out)) return SLOW
      const projected = projectOutput === undefined ? out : projectOutput(out)
      // The body's Either carries on as the record's result: one allocation fewer per record.
      return projected === out ? (result as Either.Either<unknown, never>) : Either.right(projected)
    } catch {
      return SLOW
    }
  }
}

/** A mapping compiled for many records: `decode`/`encode` as `decodeRecord`/`encodeRecord` give them. */
export interface CompiledMapping<E extends EntityName, WriteEncoded> {
  readonly decode: (
    ctx: MappingContextShape,
    raw: unknown,
    recordKey: string,
  ) => Effect.Effect<Canonical<E>, MappingError>
  readonly encode: (
    ctx: MappingContextShape,
    record: Canonical<E>,
    recordKey: string,
  ) => Effect.Effect<WriteEncoded, MappingError>
  /**
   * A page of vendor records, each as `decodeRecord` maps it (in order): valid records without
   * the Effect runtime, the rest through the Effect path, which explains them. `recordKey` is only
   * asked for those.
   */
  readonly decodeMany: (
    ctx: MappingContextShape,
    raws: ReadonlyArray<unknown>,
    recordKey: (index: number) => string,
  ) => Effect.Effect<Array<Either.Either<Canonical<E>, MappingError>>>
  /** A page of canonical records, each as `encodeRecord` maps it (in order). */
  readonly encodeMany: (
    ctx: MappingContextShape,
    records: ReadonlyArray<Canonical<E>>,
    recordKey: (index: number) => string,
  ) => Effect.Effect<Array<Either.Either<WriteEncoded, MappingError>>>
  /** Whether each direction has a fast path (else it is the Effect path). */
  readonly fast: { readonly decode: boolean; readonly encode: boolean }
  /** Records that went through the Effect path since compiling (bad records, or no fast path). */
  readonly slowRuns: () => number
}

// biome-ignore lint/suspicious/noExplicitAny: a cache over every mapping, whatever its vendor shapes.
const compiled = new WeakMap<EntityMapping<any, any, any>, CompiledMapping<any, any>>()

/** One direction, per record and per page, from its fast run (if any) and its Effect path. */
const directionOf = <In, Out>(
  fast: Run | undefined,
  slow: (ctx: MappingContextShape, input: In, recordKey: string) => Effect.Effect<Out, MappingError>,
) => {
  const one = (ctx: MappingContextShape, input: In, recordKey: string): Effect.Effect<Out, MappingError> =>
    Effect.suspend(() => {
      const out = fast === undefined ? SLOW : fast(ctx, input)
      // An Either is an Effect: the fast result is returned as it is.
      return out === SLOW ? slow(ctx, input, recordKey) : (out as Either.Either<Out, never>)
    })
  const many = (
    ctx: MappingContextShape,
    inputs: ReadonlyArray<In>,
    recordKey: (index: number) => string,
  ): Effect.Effect<Array<Either.Either<Out, MappingError>>> =>
    Effect.suspend(() => {
      const results = new Array<Either.Either<Out, MappingError>>(inputs.length)
      const slowIndexes: Array<number> = []
      for (let i = 0; i < inputs.length; i++) {
        const out = fast === undefined ? SLOW : fast(ctx, inputs[i])
        if (out === SLOW) slowIndexes.push(i)
        else results[i] = out as Either.Either<Out, never>
      }
      if (slowIndexes.length === 0) return Effect.succeed(results)
      return Effect.forEach(
        slowIndexes,
        (i) =>
          Effect.either(slow(ctx, inputs[i] as In, recordKey(i))).pipe(
            Effect.tap((result) => {
              results[i] = result
            }),
          ),
        { discard: true },
      ).pipe(Effect.as(results))
    })
  return { one, many }
}

/**
 * Compiles a mapping once (cached per mapping): the JSON Schemas are generated and compiled on
 * the first call. `decode`/`encode` are drop-in replacements for `decodeRecord`/`encodeRecord`;
 * `decodeMany`/`encodeMany` map a page at once, as the sync engine does.
 *
 * @example
 * const products = compileMapping(odooMappings.product)
 * const canonical = yield* products.decode(ctx, raw, "42")
 */
export const compileMapping = <E extends EntityName, ReadEncoded, WriteEncoded>(
  mapping: EntityMapping<E, ReadEncoded, WriteEncoded>,
): CompiledMapping<E, WriteEncoded> => {
  const cached = compiled.get(mapping)
  if (cached !== undefined) return cached
  const decodeFast = mapping.read === undefined ? undefined : compileDirection(mapping.read, "decode")
  const encodeFast = mapping.write === undefined ? undefined : compileDirection(mapping.write, "encode")
  let slowRuns = 0
  const decode = directionOf(decodeFast, (ctx, raw: unknown, recordKey) =>
    Effect.suspend(() => {
      slowRuns++
      return decodeRecord(mapping, ctx, raw, recordKey)
    }),
  )
  const encode = directionOf(encodeFast, (ctx, record: Canonical<E>, recordKey) =>
    Effect.suspend(() => {
      slowRuns++
      return encodeRecord(mapping, ctx, record, recordKey)
    }),
  )
  const result: CompiledMapping<E, WriteEncoded> = {
    decode: decode.one,
    encode: encode.one,
    decodeMany: decode.many,
    encodeMany: encode.many,
    fast: { decode: decodeFast !== undefined, encode: encodeFast !== undefined },
    slowRuns: () => slowRuns,
  }
  compiled.set(mapping, result)
  return result
}
