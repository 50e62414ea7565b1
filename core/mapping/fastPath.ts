/**
 * A compiled fast path for running a mapping on many records, with the result of
 * `decodeRecord`/`encodeRecord`: the same canonical record (same keys, same key order) or the
 * same MappingError.
 *
 * Where the time goes in the Effect path: interpreting the schemas (the vendor input, the
 * canonical output, and again the canonical input and vendor output on the way out), and running
 * each transformation as an Effect (a fiber and a service lookup per record). So:
 *
 * - each side is checked by a validator compiled once per schema: the structure by ajv, from the
 *   JSON Schema that `JSONSchema.make` generates from the Effect schema (never written by hand;
 *   the Effect schemas stay the only source of truth), then every `Schema.filter` of the schema
 *   (SKU uniqueness, Key, Instant, LocalizedText keys, Money and Price rules) as a plain predicate
 *   on the value at its place, except the patterns and number bounds ajv has checked exactly as
 *   the filter does, so the check is never looser than Effect's;
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
import { Ajv } from "ajv"
import { Effect, Either, Exit, JSONSchema, Option, ParseResult, Schema, SchemaAST } from "effect"
import type { Canonical, EntityName } from "../model/index.ts"
import { MappingContext, type MappingContextShape } from "./context.ts"
import type { EntityMapping } from "./define.ts"
import type { MappingError } from "./errors.ts"
import { decodeRecord, encodeRecord } from "./run.ts"
import { mappingBodyOf } from "./transform.ts"

/** What `decodeRecord`/`encodeRecord` parse with; the filters and transformations see the same. */
const PARSE_OPTIONS: SchemaAST.ParseOptions = { errors: "all", onExcessProperty: "ignore" }

type Check = (value: unknown) => boolean
type Project = (value: unknown) => unknown

// Patterns without the `u` flag: the same regular expressions as Schema.pattern runs.
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, unicodeRegExp: false })

/** Effect's Struct ignores excess keys; the generated JSON Schema forbids them. */
const withoutClosedObjects = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(withoutClosedObjects)
  if (typeof node !== "object" || node === null) return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false) continue
    out[key] = withoutClosedObjects(value)
  }
  return out
}

const isObject = (value: unknown) => typeof value === "object" && value !== null

/** Whether an AST only ever takes objects or arrays (Effect's TypeLiteral refuses primitives). */
const isObjectOnly = (ast: SchemaAST.AST): boolean =>
  ast._tag === "TypeLiteral" || ast._tag === "TupleType" || (ast._tag === "Refinement" && isObjectOnly(ast.from))

/** Effect's own validator for a subtree the compiler does not handle (suspends, declarations). */
const effectIs = (ast: SchemaAST.AST): Check => {
  const is = ParseResult.is(Schema.make(ast), PARSE_OPTIONS)
  return (value) => is(value)
}

const structureChecks = new WeakMap<SchemaAST.AST, Check>()
const fullChecks = new WeakMap<SchemaAST.AST, Check>()
const projections = new WeakMap<SchemaAST.AST, Project | undefined>()

/** The ajv validator of an AST's JSON Schema, or Effect's validator when it has no JSON Schema. */
const structureCheck = (ast: SchemaAST.AST): Check => {
  let check = structureChecks.get(ast)
  if (check === undefined) {
    try {
      const validate = ajv.compile(withoutClosedObjects(JSONSchema.make(Schema.make(ast))) as object)
      check = (value) => validate(value)
    } catch {
      check = effectIs(ast)
    }
    structureChecks.set(ast, check)
  }
  return check
}

/** Number bounds whose JSON Schema keyword ajv checks as the filter does, on every number (NaN refused by both). */
const BOUNDS: ReadonlyArray<readonly [symbol, string, string]> = [
  [Schema.GreaterThanOrEqualToSchemaId, "minimum", "greaterThanOrEqualTo"],
  [Schema.GreaterThanSchemaId, "exclusiveMinimum", "greaterThan"],
  [Schema.LessThanOrEqualToSchemaId, "maximum", "lessThanOrEqualTo"],
  [Schema.LessThanSchemaId, "exclusiveMaximum", "lessThan"],
]

/**
 * Whether ajv has already checked a refinement exactly as its filter does: a `Schema.pattern`
 * without flags whose generated JSON Schema keeps the pattern (ajv runs it as `new RegExp(source)`,
 * `unicodeRegExp: false`), or a number bound whose JSON Schema keyword is the filter's bound. Every
 * other filter (`int` among them: ajv's integer takes 2^60) runs as a predicate after ajv.
 */
const enforcedByAjv = (ast: SchemaAST.Refinement): boolean => {
  const schemaId = ast.annotations[SchemaAST.SchemaIdAnnotationId]
  const jsonSchema = ast.annotations[SchemaAST.JSONSchemaAnnotationId] as Record<string, unknown> | undefined
  if (jsonSchema === undefined) return false
  if (schemaId === Schema.PatternSchemaId) {
    const regex = (ast.annotations[Schema.PatternSchemaId] as { readonly regex?: unknown } | undefined)?.regex
    return regex instanceof RegExp && (regex.flags === "" || regex.flags === "g") && jsonSchema.pattern === regex.source
  }
  const bound = BOUNDS.find(([id]) => id === schemaId)
  if (bound === undefined) return false
  const [, keyword, filter] = bound
  const value = jsonSchema[keyword]
  // The title names the bound the predicate was made with; an annotation that changed one of the two is not trusted.
  return typeof value === "number" && ast.annotations[SchemaAST.TitleAnnotationId] === `${filter}(${value})`
}

/**
 * The filters of a struct's properties as one generated function, `r["sku"]` read by name as ajv
 * does: a loop over names reads every property through one generic lookup, for every object of
 * every record. The names are JSON string literals, the checks are passed in, never inlined.
 */
const propertyChecks = (names: ReadonlyArray<string>, checks: ReadonlyArray<Check>): Check => {
  const lines = names.map((name, i) => {
    const key = JSON.stringify(name)
    // `constructor`, `toString`…: an object without its own is not to be checked by Object.prototype's.
    return name in Object.prototype
      ? `if (hasOwn(r, ${key}) && !checks[${i}](r[${key}])) return false;`
      : `f = r[${key}]; if ((f !== undefined || hasOwn(r, ${key})) && !checks[${i}](f)) return false;`
  })
  const make = new Function("checks", "hasOwn", `return function (r) { let f; ${lines.join(" ")} return true }`)
  return make(checks, Object.hasOwn) as Check
}

/** Runs the filters of an AST as predicates on a structurally valid value; undefined: none. */
const filterCheck = (ast: SchemaAST.AST): Check | undefined => {
  switch (ast._tag) {
    case "Refinement": {
      const from = filterCheck(ast.from)
      if (enforcedByAjv(ast)) return from
      const holds: Check = (value) => Option.isNone(ast.filter(value, PARSE_OPTIONS, ast))
      return from === undefined ? holds : (value) => from(value) && holds(value)
    }
    case "TypeLiteral": {
      if (ast.indexSignatures.some((s) => s.parameter._tag !== "StringKeyword")) return effectIs(ast)
      const properties = ast.propertySignatures.flatMap((p) => {
        const check = filterCheck(p.type)
        return check === undefined ? [] : [{ name: p.name, check }]
      })
      const index = ast.indexSignatures.flatMap((s) => {
        const check = filterCheck(s.type)
        return check === undefined ? [] : [check]
      })
      if (properties.length === 0 && index.length === 0) return undefined
      const named = new Set(ast.propertySignatures.map((p) => p.name))
      const names = properties.map((p) => p.name)
      const checks = properties.map((p) => p.check)
      if (index.length === 0 && names.every((name) => typeof name === "string")) {
        return propertyChecks(names as ReadonlyArray<string>, checks)
      }
      // Plain loops: this runs for every object of every record.
      return (value) => {
        const record = value as Record<PropertyKey, unknown>
        for (let i = 0; i < names.length; i++) {
          const name = names[i] as PropertyKey
          const field = record[name]
          if ((field !== undefined || Object.hasOwn(record, name)) && !(checks[i] as Check)(field)) return false
        }
        if (index.length > 0) {
          for (const key in record) {
            if (!Object.hasOwn(record, key) || named.has(key)) continue
            for (let i = 0; i < index.length; i++) if (!(index[i] as Check)(record[key])) return false
          }
        }
        return true
      }
    }
    case "TupleType": {
      if (ast.rest.length > 1) return effectIs(ast)
      const elements = ast.elements.map((e) => filterCheck(e.type))
      const rest = ast.rest[0] === undefined ? undefined : filterCheck(ast.rest[0].type)
      if (rest === undefined && elements.every((e) => e === undefined)) return undefined
      return (value) => {
        const items = value as ReadonlyArray<unknown>
        for (let i = 0; i < items.length; i++) {
          const check = i < elements.length ? elements[i] : rest
          if (check !== undefined && !check(items[i])) return false
        }
        return true
      }
    }
    case "Union": {
      const filtered = ast.types.filter((member) => filterCheck(member) !== undefined)
      if (filtered.length === 0) return undefined
      const members = ast.types.map(fullCheck)
      // ajv has checked that some member takes the value; a primitive cannot be an object member's.
      const primitivesPass = filtered.every(isObjectOnly)
      return (value) => {
        if (primitivesPass && !isObject(value)) return true
        for (let i = 0; i < members.length; i++) if ((members[i] as Check)(value)) return true
        return false
      }
    }
    case "Suspend":
    case "Declaration":
    case "Transformation":
      return effectIs(ast)
    default:
      return undefined
  }
}

/**
 * Whether a value is valid for an AST's type side, as `Schema.is` would say, compiled once per
 * AST: ajv for the structure, the schema's filters as predicates.
 */
export const fullCheck = (ast: SchemaAST.AST): Check => {
  let check = fullChecks.get(ast)
  if (check === undefined) {
    const structure = structureCheck(ast)
    const filters = filterCheck(ast)
    check = (value) => {
      try {
        return structure(value) && (filters === undefined || filters(value))
      } catch {
        return false
      }
    }
    fullChecks.set(ast, check)
  }
  return check
}

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
type Run = (ctx: MappingContextShape, input: unknown) => unknown

/** The value of a transformation's result: an Either without the runtime, any other Effect with it. */
const settle = (result: Effect.Effect<unknown, unknown>): unknown => {
  if (Either.isEither(result)) return Either.isRight(result) ? result.right : SLOW
  const exit = Effect.runSyncExit(result)
  return Exit.isSuccess(exit) ? exit.value : SLOW
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
      const out = settle(run(ctx, parsed, raw))
      if (out === SLOW || !checkOutput(out)) return SLOW
      return projectOutput === undefined ? out : projectOutput(out)
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
      return out === SLOW ? slow(ctx, input, recordKey) : Effect.succeed(out as Out)
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
        else results[i] = Either.right(out as Out)
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
