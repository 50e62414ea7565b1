/**
 * `Schema.is`, compiled once per schema into one ajv validator that checks the structure and runs
 * every filter in a single walk of the value.
 *
 * The JSON Schema is the one `JSONSchema.make` generates from the Effect schema (never written by
 * hand: the Effect schemas stay the only source of truth), with one addition: every
 * `Schema.filter` that JSON Schema cannot say is carried into it as a keyword of its own, which
 * ajv compiles into a plain call of the filter at its place, after the keywords of that place
 * (`post`), so a filter only ever sees a value whose structure and inner filters have passed, as in
 * Effect. Patterns and number bounds that ajv checks exactly as the filter does are left to ajv.
 *
 * A schema this cannot express (a declaration, a suspension, a JSON Schema that drops one of the
 * carried filters) is checked by Effect's own validator: slower, never looser.
 */
import { _, Ajv, type KeywordCxt } from "ajv"
import { JSONSchema, Option, ParseResult, Schema, SchemaAST } from "effect"

/** What `decodeRecord`/`encodeRecord` parse with; the filters see the same. */
export const PARSE_OPTIONS: SchemaAST.ParseOptions = { errors: "all", onExcessProperty: "ignore" }

export type Check = (value: unknown) => boolean

/** An ajv validator called with a data context of ours. */
type Validate = (value: unknown, dataContext: typeof TOP_LEVEL) => boolean
/**
 * The data context of a top-level call. Without one, every call of an ajv validator makes an
 * empty object for its destructuring default; with this, none.
 */
const TOP_LEVEL = Object.freeze({ instancePath: "" })

// Patterns without the `u` flag: the same regular expressions as Schema.pattern runs.
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, unicodeRegExp: false })

/**
 * The generated JSON Schema as ajv is to read it. Effect's Struct ignores excess keys, which the
 * generated schema forbids; and `Schema.Unknown` comes out as `{ "$id": "/schemas/unknown" }`
 * wherever it is used, which ajv refuses as one id for several schemas (nothing refers to it).
 */
const forAjv = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(forAjv)
  if (typeof node !== "object" || node === null) return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false) continue
    if (key === "$id" && typeof value === "string" && value.startsWith("/schemas/")) continue
    out[key] = forAjv(value)
  }
  return byType(out)
}

const JSON_TYPES = new Set(["string", "number", "integer", "boolean", "null", "object", "array"])

/**
 * An `anyOf` whose members each take one JSON type, all different (`string | false`,
 * `{…} | null`), as a keyword that picks the member by the value's type and runs only that one.
 * Same answers; but ajv makes an error object for every member an `anyOf` tries and fails, which
 * for Odoo's false-or-text fields is several per record.
 */
const byType = (node: Record<string, unknown>): Record<string, unknown> => {
  const members = node.anyOf
  if (!Array.isArray(members) || "type" in node) return node
  const types = members.map((m) => (typeof m === "object" && m !== null ? (m as { type?: unknown }).type : undefined))
  const distinct = new Set(types)
  const typed = types.every((t) => typeof t === "string" && JSON_TYPES.has(t))
  if (!typed || distinct.size !== types.length || (distinct.has("number") && distinct.has("integer"))) return node
  let validators: Map<unknown, Validate>
  try {
    validators = new Map(
      members.map((member, i) => [
        types[i] === "integer" ? "number" : types[i],
        ajv.compile(member as object) as unknown as Validate,
      ]),
    )
  } catch {
    // A member that does not stand on its own (a `$ref` into the document): left to ajv's anyOf.
    return node
  }
  const { anyOf: _anyOf, ...rest } = node
  return { ...rest, [typeSwitchKeyword(validators)]: true }
}

let nextTypeSwitch = 0
const typeSwitchKeyword = (validators: ReadonlyMap<unknown, Validate>): string => {
  const keyword = `eslTypeSwitch${nextTypeSwitch++}`
  const dispatch = (value: unknown): boolean => {
    const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value
    const validate = validators.get(type)
    return validate?.(value, TOP_LEVEL) === true
  }
  // Not `post`: the union is this place's structure, which its filters (post keywords) may rely on.
  ajv.addKeyword({
    keyword,
    code: (cxt: KeywordCxt) => cxt.fail(_`!${cxt.gen.scopeValue("func", { ref: dispatch })}(${cxt.data})`),
  })
  return keyword
}

/** Effect's own validator, for what the compiled check cannot express. */
const effectIs = (ast: SchemaAST.AST): Check => {
  const is = ParseResult.is(Schema.make(ast), PARSE_OPTIONS)
  return (value) => is(value)
}

/** Number bounds whose JSON Schema keyword ajv checks as the filter does, on every number (NaN refused by both). */
const BOUNDS: ReadonlyArray<readonly [symbol, string, string]> = [
  [Schema.GreaterThanOrEqualToSchemaId, "minimum", "greaterThanOrEqualTo"],
  [Schema.GreaterThanSchemaId, "exclusiveMinimum", "greaterThan"],
  [Schema.LessThanOrEqualToSchemaId, "maximum", "lessThanOrEqualTo"],
  [Schema.LessThanSchemaId, "exclusiveMaximum", "lessThan"],
]

/**
 * Whether ajv already checks a refinement exactly as its filter does: a `Schema.pattern` without
 * flags whose generated JSON Schema keeps the pattern (ajv runs it as `new RegExp(source)`,
 * `unicodeRegExp: false`), or a number bound whose JSON Schema keyword is the filter's bound. Every
 * other filter (`int` among them: ajv's integer takes 2^60) is carried as a keyword.
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

/** `Schema.int()`: its filter is `Number.isSafeInteger` (and its title says it was not re-annotated). */
const isEffectInt = (ast: SchemaAST.Refinement): boolean =>
  ast.annotations[SchemaAST.SchemaIdAnnotationId] === Schema.IntSchemaId &&
  ast.annotations[SchemaAST.TitleAnnotationId] === "int"

let nextKeyword = 0
/** The ajv keyword that runs a refinement's filter, one per refinement (a Key is one, wherever it is used). */
const filterKeywords = new WeakMap<SchemaAST.Refinement, string>()

const filterKeyword = (ast: SchemaAST.Refinement): string => {
  let keyword = filterKeywords.get(ast)
  if (keyword === undefined) {
    keyword = `eslFilter${nextKeyword++}`
    const holds = (value: unknown) => Option.isNone(ast.filter(value, PARSE_OPTIONS, ast))
    const isInt = isEffectInt(ast)
    ajv.addKeyword({
      keyword,
      post: true,
      // A plain call of the filter in ajv's generated code: no error objects, no data context.
      // `Schema.int()`'s predicate is written out, without the round trip through Effect's wrapper.
      code: (cxt: KeywordCxt) => {
        if (isInt) cxt.fail(_`!Number.isSafeInteger(${cxt.data})`)
        else cxt.fail(_`!${cxt.gen.scopeValue("func", { ref: holds })}(${cxt.data})`)
      },
    })
    filterKeywords.set(ast, keyword)
  }
  return keyword
}

/** Thrown while carrying filters into an AST the compiled check cannot express. */
class Inexpressible extends Error {}

/**
 * An AST's annotations without its identifier. With one, `JSONSchema.make` puts the node in
 * `$defs` behind a `$ref`, and ajv compiles every `$ref` that has refs of its own into a call that
 * builds the data's path as a string, for every variant of every record; without, ajv generates
 * one function for the whole schema.
 */
const inlined = (annotations: SchemaAST.Annotations): SchemaAST.Annotations => {
  if (!(SchemaAST.IdentifierAnnotationId in annotations)) return annotations
  const { [SchemaAST.IdentifierAnnotationId]: _identifier, ...rest } = annotations
  return rest
}

/**
 * The AST with every filter that JSON Schema cannot say annotated as its keyword (`keywords` lists
 * them, in the order the filters nest: inner first) and no identifiers. The values it takes are
 * the original's.
 */
const withFilterKeywords = (ast: SchemaAST.AST, keywords: Array<string>): SchemaAST.AST => {
  switch (ast._tag) {
    case "Refinement": {
      const from = withFilterKeywords(ast.from, keywords)
      if (enforcedByAjv(ast)) return new SchemaAST.Refinement(from, ast.filter, inlined(ast.annotations))
      const keyword = filterKeyword(ast)
      keywords.push(keyword)
      const jsonSchema = ast.annotations[SchemaAST.JSONSchemaAnnotationId] as object | undefined
      return new SchemaAST.Refinement(from, ast.filter, {
        ...inlined(ast.annotations),
        [SchemaAST.JSONSchemaAnnotationId]: { ...jsonSchema, [keyword]: true },
      })
    }
    case "TypeLiteral":
      return new SchemaAST.TypeLiteral(
        ast.propertySignatures.map(
          (p) =>
            new SchemaAST.PropertySignature(
              p.name,
              withFilterKeywords(p.type, keywords),
              p.isOptional,
              p.isReadonly,
              p.annotations,
            ),
        ),
        ast.indexSignatures.map(
          (s) =>
            new SchemaAST.IndexSignature(
              withFilterKeywords(s.parameter, keywords) as SchemaAST.Parameter,
              withFilterKeywords(s.type, keywords),
              s.isReadonly,
            ),
        ),
        inlined(ast.annotations),
      )
    case "TupleType":
      return new SchemaAST.TupleType(
        ast.elements.map(
          (e) => new SchemaAST.OptionalType(withFilterKeywords(e.type, keywords), e.isOptional, e.annotations),
        ),
        ast.rest.map((r) => new SchemaAST.Type(withFilterKeywords(r.type, keywords), r.annotations)),
        ast.isReadonly,
        inlined(ast.annotations),
      )
    case "Union":
      return SchemaAST.Union.make(
        ast.types.map((member) => withFilterKeywords(member, keywords)),
        inlined(ast.annotations),
      )
    case "Suspend":
    case "Declaration":
    case "Transformation":
      throw new Inexpressible(ast._tag)
    default:
      return ast
  }
}

/** Every keyword a generated JSON Schema document carries, wherever it is. */
const keywordsIn = (node: unknown, found: Set<string>): Set<string> => {
  if (Array.isArray(node)) for (const item of node) keywordsIn(item, found)
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("eslFilter")) found.add(key)
      keywordsIn(value, found)
    }
  }
  return found
}

/** The compiled validator, or undefined when the AST cannot be expressed with every filter in it. */
const compiledCheck = (ast: SchemaAST.AST): Check | undefined => {
  try {
    const keywords: Array<string> = []
    const generated = JSONSchema.make(Schema.make(withFilterKeywords(ast, keywords)))
    // A JSON Schema that lost a filter would be looser than Effect.
    const carried = keywordsIn(generated, new Set())
    if (!keywords.every((keyword) => carried.has(keyword))) return undefined
    // Synchronous (no $async): a boolean.
    const validate = ajv.compile(forAjv(generated) as object) as unknown as Validate
    return (value) => validate(value, TOP_LEVEL)
  } catch {
    return undefined
  }
}

const checks = new WeakMap<SchemaAST.AST, Check>()
const compiledAsts = new WeakSet<SchemaAST.AST>()

/**
 * Whether a value is valid for an AST's type side, as `Schema.is` would say, compiled once per
 * AST. A filter that throws makes the value invalid here (the Effect path then reports it).
 */
export const fullCheck = (ast: SchemaAST.AST): Check => {
  let check = checks.get(ast)
  if (check === undefined) {
    const validate = compiledCheck(ast)
    if (validate !== undefined) compiledAsts.add(ast)
    const compiled = validate ?? effectIs(ast)
    check = (value) => {
      try {
        return compiled(value)
      } catch {
        return false
      }
    }
    checks.set(ast, check)
  }
  return check
}

/** Whether `fullCheck` runs one compiled validator for this AST (else Effect's own). */
export const isCompiledCheck = (ast: SchemaAST.AST): boolean => {
  fullCheck(ast)
  return compiledAsts.has(ast)
}
