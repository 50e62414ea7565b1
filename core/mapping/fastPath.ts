/**
 * A compiled fast path for running a mapping on many records, with the result of
 * `decodeRecord`/`encodeRecord`: the same canonical record (same keys, same key order) or the
 * same MappingError.
 *
 * Where the time goes in the Effect path: interpreting the schemas (the vendor input, the
 * canonical output, and again the canonical input and vendor output on the way out), not the
 * transformation. So each side is checked by a validator compiled once per schema:
 *
 * - the structure by ajv, from the JSON Schema that `JSONSchema.make` generates from the Effect
 *   schema (never written by hand; the Effect schemas stay the only source of truth);
 * - every `Schema.filter` of the schema (SKU uniqueness, Key, Instant, LocalizedText keys, Money
 *   and Price rules, and also the ones JSON Schema has a keyword for) run as a plain predicate on
 *   the value at its place, so the check is never looser than Effect's;
 * - the output copied to the schema's keys, in the schema's order, as Effect's parser does.
 *
 * Whenever anything fails (a check, the transformation), the record goes through the Effect path,
 * which explains the failure with JSON paths. A fast check that is stricter than Effect (ajv
 * refuses NaN where `Schema.Number` takes it) only costs that record the slow path.
 */
import { Ajv } from "ajv"
import { Context, Effect, JSONSchema, Option, ParseResult, Schema, SchemaAST } from "effect"
import type { Canonical, EntityName } from "../model/index.ts"
import { MappingContext, type MappingContextShape } from "./context.ts"
import type { EntityMapping } from "./define.ts"
import type { MappingError } from "./errors.ts"
import { decodeRecord, encodeRecord } from "./run.ts"

/** What `decodeRecord`/`encodeRecord` parse with; the filters and transformations see the same. */
const PARSE_OPTIONS: SchemaAST.ParseOptions = { errors: "all", onExcessProperty: "ignore" }

type Check = (value: unknown) => boolean
type Project = (value: unknown) => unknown

const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false })

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

/** Runs the filters of an AST as predicates on a structurally valid value; undefined: none. */
const filterCheck = (ast: SchemaAST.AST): Check | undefined => {
  switch (ast._tag) {
    case "Refinement": {
      const from = filterCheck(ast.from)
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
      return (value) => {
        const record = value as Record<PropertyKey, unknown>
        for (const { name, check } of properties) {
          if (Object.hasOwn(record, name) && !check(record[name])) return false
        }
        if (index.length > 0) {
          for (const key of Object.keys(record)) {
            if (named.has(key)) continue
            for (const check of index) if (!check(record[key])) return false
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
      return (value) => (primitivesPass && !isObject(value)) || members.some((check) => check(value))
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

/** Copies a valid value to what Effect's parser outputs for it; undefined: the value itself. */
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

const compileProjection = (ast: SchemaAST.AST): Project | undefined => {
  switch (ast._tag) {
    case "Refinement":
      return projection(ast.from)
    case "TypeLiteral": {
      if (ast.indexSignatures.some((s) => s.parameter._tag !== "StringKeyword") || ast.indexSignatures.length > 1) {
        return effectCopy(ast)
      }
      const properties = ast.propertySignatures.map((p) => ({ name: p.name, project: projection(p.type) }))
      const named = new Set(ast.propertySignatures.map((p) => p.name))
      const index = ast.indexSignatures[0]
      const projectIndex = index === undefined ? undefined : projection(index.type)
      return (value) => {
        const record = value as Record<PropertyKey, unknown>
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
    }
    case "TupleType": {
      if (ast.rest.length > 1) return effectCopy(ast)
      const elements = ast.elements.map((e) => projection(e.type))
      const rest = ast.rest[0] === undefined ? undefined : projection(ast.rest[0].type)
      return (value) => {
        const items = value as ReadonlyArray<unknown>
        const out = new Array<unknown>(items.length)
        for (let i = 0; i < items.length; i++) {
          const project = i < elements.length ? elements[i] : rest
          out[i] = project === undefined ? items[i] : project(items[i])
        }
        return out
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

type Run = (ctx: MappingContextShape, input: unknown) => Effect.Effect<unknown, "slow">

const slow = Effect.fail("slow" as const)

/**
 * One direction of a `transformOrFail(From, To)`: check the input side, run the transformation,
 * check and copy the output side. Undefined when a side has transformations of its own.
 */
const compileDirection = (schema: Schema.Schema.All, direction: "decode" | "encode"): Run | undefined => {
  const ast = schema.ast
  if (!SchemaAST.isTransformation(ast) || ast.transformation._tag !== "FinalTransformation") return undefined
  if (!isPlain(ast.from) || !isPlain(ast.to)) return undefined
  const [input, output] = direction === "decode" ? [ast.from, ast.to] : [ast.to, ast.from]
  const checkInput = fullCheck(input)
  const checkOutput = fullCheck(output)
  const projectInput = projection(input)
  const projectOutput = projection(output)
  const transform = ast.transformation[direction]
  return (ctx, raw) => {
    if (!checkInput(raw)) return slow
    const parsed = projectInput === undefined ? raw : projectInput(raw)
    const transformed: Effect.Effect<unknown, ParseResult.ParseIssue, MappingContext> = transform(
      parsed,
      PARSE_OPTIONS,
      ast,
      raw,
    )
    // Providing a service costs more than most transformations: skip it when the caller (a run
    // over a page of records) has already provided this context.
    return Effect.contextWithEffect((context: Context.Context<never>) =>
      Option.getOrUndefined(Context.getOption(context, MappingContext)) === ctx
        ? (transformed as Effect.Effect<unknown, ParseResult.ParseIssue>)
        : Effect.provideService(transformed, MappingContext, ctx),
    ).pipe(
      Effect.matchEffect({
        onFailure: () => slow,
        onSuccess: (out) =>
          checkOutput(out) ? Effect.succeed(projectOutput === undefined ? out : projectOutput(out)) : slow,
      }),
    )
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
  /** Whether each direction has a fast path (else it is the Effect path). */
  readonly fast: { readonly decode: boolean; readonly encode: boolean }
  /** Records that went through the Effect path since compiling (bad records, or no fast path). */
  readonly slowRuns: () => number
}

// biome-ignore lint/suspicious/noExplicitAny: a cache over every mapping, whatever its vendor shapes.
const compiled = new WeakMap<EntityMapping<any, any, any>, CompiledMapping<any, any>>()

/**
 * Compiles a mapping once (cached per mapping): the JSON Schemas are generated and compiled on
 * the first call. `decode`/`encode` are drop-in replacements for `decodeRecord`/`encodeRecord`.
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
  const decodeSlow = (ctx: MappingContextShape, raw: unknown, recordKey: string) =>
    Effect.suspend(() => {
      slowRuns++
      return decodeRecord(mapping, ctx, raw, recordKey)
    })
  const encodeSlow = (ctx: MappingContextShape, record: Canonical<E>, recordKey: string) =>
    Effect.suspend(() => {
      slowRuns++
      return encodeRecord(mapping, ctx, record, recordKey)
    })
  const result: CompiledMapping<E, WriteEncoded> = {
    decode: (ctx, raw, recordKey) =>
      decodeFast === undefined
        ? decodeSlow(ctx, raw, recordKey)
        : (decodeFast(ctx, raw) as Effect.Effect<Canonical<E>, "slow">).pipe(
            Effect.catchAll(() => decodeSlow(ctx, raw, recordKey)),
            Effect.catchAllDefect(() => decodeSlow(ctx, raw, recordKey)),
          ),
    encode: (ctx, record, recordKey) =>
      encodeFast === undefined
        ? encodeSlow(ctx, record, recordKey)
        : (encodeFast(ctx, record) as Effect.Effect<WriteEncoded, "slow">).pipe(
            Effect.catchAll(() => encodeSlow(ctx, record, recordKey)),
            Effect.catchAllDefect(() => encodeSlow(ctx, record, recordKey)),
          ),
    fast: { decode: decodeFast !== undefined, encode: encodeFast !== undefined },
    slowRuns: () => slowRuns,
  }
  compiled.set(mapping, result)
  return result
}
