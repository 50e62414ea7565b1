// ../mapping.ts
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { Effect as Effect6, Either as Either3 } from "effect";
import jsonata from "jsonata";

// ../../core/mapping/context.ts
import { Context } from "effect";
var MappingContext = class extends Context.Tag("esl/MappingContext")() {
};
var mappingContext = (system, defaults, tables = {}) => {
  const tableOf = (table) => Object.hasOwn(tables, table) ? tables[table] : void 0;
  const reversed = /* @__PURE__ */ new Map();
  const reverse = (table) => {
    let map = reversed.get(table);
    if (!map) {
      map = /* @__PURE__ */ new Map();
      for (const [key, value] of Object.entries(tableOf(table) ?? {})) if (!map.has(value)) map.set(value, key);
      reversed.set(table, map);
    }
    return map;
  };
  return {
    system,
    defaults,
    lookup: (table, key) => {
      const entries = tableOf(table);
      return entries && Object.hasOwn(entries, key) ? entries[key] : void 0;
    },
    reverseLookup: (table, value) => reverse(table).get(value)
  };
};

// ../../core/mapping/define.ts
var defineMapping = (mapping) => mapping;

// ../../core/mapping/errors.ts
import { Array as Arr, Data, ParseResult, SchemaAST } from "effect";
var MappingError = class extends Data.TaggedError("MappingError") {
  get message() {
    const first = this.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ");
    const more = this.issues.length > 3 ? ` (+${this.issues.length - 3} more)` : "";
    const what = this.direction === "decode" ? "to the canonical model" : "to the vendor's format";
    return `Cannot map ${this.entity} ${this.recordKey} from ${this.system} ${what}: ${first}${more}`;
  }
};
var toJsonPath = (path) => path.reduce((acc, key) => {
  if (typeof key === "number") return `${acc}[${key}]`;
  const text2 = String(key);
  return /^[A-Za-z_$][\w$]*$/.test(text2) ? `${acc}.${text2}` : `${acc}[${JSON.stringify(text2)}]`;
}, "$");
var withoutUndefinedAlternative = (issue) => {
  switch (issue._tag) {
    case "Pointer":
      return new ParseResult.Pointer(issue.path, issue.actual, withoutUndefinedAlternative(issue.issue));
    case "Refinement":
      return new ParseResult.Refinement(issue.ast, issue.actual, issue.kind, withoutUndefinedAlternative(issue.issue));
    case "Transformation":
      return new ParseResult.Transformation(
        issue.ast,
        issue.actual,
        issue.kind,
        withoutUndefinedAlternative(issue.issue)
      );
    case "Composite": {
      const issues = issue.issues;
      const all = "_tag" in issues ? [issues] : issues;
      const explained = all.filter((i) => !(i._tag === "Type" && SchemaAST.isUndefinedKeyword(i.ast)));
      const kept = SchemaAST.isUnion(issue.ast) && Arr.isNonEmptyReadonlyArray(explained) ? explained : all;
      return new ParseResult.Composite(
        issue.ast,
        issue.actual,
        Arr.map(kept, withoutUndefinedAlternative),
        issue.output
      );
    }
    default:
      return issue;
  }
};
var issuesOf = (error) => ParseResult.ArrayFormatter.formatIssueSync(withoutUndefinedAlternative(error.issue)).map((issue) => ({
  path: toJsonPath(issue.path),
  message: issue.message
}));

// ../../core/mapping/fastPath.ts
import { Effect as Effect3, Either, Exit, ParseResult as ParseResult3, Schema as Schema4, SchemaAST as SchemaAST3 } from "effect";

// ../../core/mapping/run.ts
import { Effect, Schema } from "effect";
var fail = (error, ctx3, entity, direction, recordKey) => new MappingError({ system: ctx3.system, entity, direction, recordKey, issues: issuesOf(error) });
var thrown = (ctx3, entity, direction, recordKey) => (defect) => Effect.fail(
  new MappingError({
    system: ctx3.system,
    entity,
    direction,
    recordKey,
    issues: [
      {
        path: "$",
        message: `the mapping threw on this record: ${defect instanceof Error ? defect.message : String(defect)}`
      }
    ]
  })
);
var decodeRecord = (mapping, ctx3, raw, recordKey) => {
  const schema = mapping.read;
  if (!schema) {
    return Effect.fail(
      new MappingError({
        system: ctx3.system,
        entity: mapping.entity,
        direction: "decode",
        recordKey,
        issues: [{ path: "$", message: `no read mapping for ${mapping.entity}` }]
      })
    );
  }
  return Schema.decodeUnknown(schema, { errors: "all", onExcessProperty: "ignore" })(raw).pipe(
    Effect.provideService(MappingContext, ctx3),
    Effect.mapError((e) => fail(e, ctx3, mapping.entity, "decode", recordKey)),
    Effect.catchAllDefect(thrown(ctx3, mapping.entity, "decode", recordKey))
  );
};
var encodeRecord = (mapping, ctx3, record, recordKey) => {
  const schema = mapping.write;
  if (!schema) {
    return Effect.fail(
      new MappingError({
        system: ctx3.system,
        entity: mapping.entity,
        direction: "encode",
        recordKey,
        issues: [{ path: "$", message: `no write mapping for ${mapping.entity}` }]
      })
    );
  }
  return Schema.encode(schema, { errors: "all" })(record).pipe(
    Effect.provideService(MappingContext, ctx3),
    Effect.mapError((e) => fail(e, ctx3, mapping.entity, "encode", recordKey)),
    Effect.catchAllDefect(thrown(ctx3, mapping.entity, "encode", recordKey))
  );
};

// ../../core/mapping/schemaCheck.ts
import { _, Ajv } from "ajv";
import { JSONSchema, Option, ParseResult as ParseResult2, Schema as Schema2, SchemaAST as SchemaAST2 } from "effect";
var PARSE_OPTIONS = { errors: "all", onExcessProperty: "ignore" };
var ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, unicodeRegExp: false });
var forAjv = (node) => {
  if (Array.isArray(node)) return node.map(forAjv);
  if (typeof node !== "object" || node === null) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false) continue;
    if (key === "$id" && typeof value === "string" && value.startsWith("/schemas/")) continue;
    out[key] = forAjv(value);
  }
  return out;
};
var effectIs = (ast) => {
  const is = ParseResult2.is(Schema2.make(ast), PARSE_OPTIONS);
  return (value) => is(value);
};
var BOUNDS = [
  [Schema2.GreaterThanOrEqualToSchemaId, "minimum", "greaterThanOrEqualTo"],
  [Schema2.GreaterThanSchemaId, "exclusiveMinimum", "greaterThan"],
  [Schema2.LessThanOrEqualToSchemaId, "maximum", "lessThanOrEqualTo"],
  [Schema2.LessThanSchemaId, "exclusiveMaximum", "lessThan"]
];
var enforcedByAjv = (ast) => {
  const schemaId = ast.annotations[SchemaAST2.SchemaIdAnnotationId];
  const jsonSchema = ast.annotations[SchemaAST2.JSONSchemaAnnotationId];
  if (jsonSchema === void 0) return false;
  if (schemaId === Schema2.PatternSchemaId) {
    const regex = ast.annotations[Schema2.PatternSchemaId]?.regex;
    return regex instanceof RegExp && (regex.flags === "" || regex.flags === "g") && jsonSchema.pattern === regex.source;
  }
  const bound = BOUNDS.find(([id]) => id === schemaId);
  if (bound === void 0) return false;
  const [, keyword, filter] = bound;
  const value = jsonSchema[keyword];
  return typeof value === "number" && ast.annotations[SchemaAST2.TitleAnnotationId] === `${filter}(${value})`;
};
var nextKeyword = 0;
var filterKeywords = /* @__PURE__ */ new WeakMap();
var filterKeyword = (ast) => {
  let keyword = filterKeywords.get(ast);
  if (keyword === void 0) {
    keyword = `eslFilter${nextKeyword++}`;
    const holds = (value) => Option.isNone(ast.filter(value, PARSE_OPTIONS, ast));
    ajv.addKeyword({
      keyword,
      post: true,
      // A plain call of the filter in ajv's generated code: no error objects, no data context.
      code: (cxt) => {
        const filter = cxt.gen.scopeValue("func", { ref: holds });
        cxt.fail(_`!${filter}(${cxt.data})`);
      }
    });
    filterKeywords.set(ast, keyword);
  }
  return keyword;
};
var Inexpressible = class extends Error {
};
var withFilterKeywords = (ast, keywords) => {
  switch (ast._tag) {
    case "Refinement": {
      const from = withFilterKeywords(ast.from, keywords);
      if (enforcedByAjv(ast)) return new SchemaAST2.Refinement(from, ast.filter, ast.annotations);
      const keyword = filterKeyword(ast);
      keywords.push(keyword);
      const jsonSchema = ast.annotations[SchemaAST2.JSONSchemaAnnotationId];
      return new SchemaAST2.Refinement(from, ast.filter, {
        ...ast.annotations,
        [SchemaAST2.JSONSchemaAnnotationId]: { ...jsonSchema, [keyword]: true }
      });
    }
    case "TypeLiteral":
      return new SchemaAST2.TypeLiteral(
        ast.propertySignatures.map(
          (p) => new SchemaAST2.PropertySignature(
            p.name,
            withFilterKeywords(p.type, keywords),
            p.isOptional,
            p.isReadonly,
            p.annotations
          )
        ),
        ast.indexSignatures.map(
          (s) => new SchemaAST2.IndexSignature(
            withFilterKeywords(s.parameter, keywords),
            withFilterKeywords(s.type, keywords),
            s.isReadonly
          )
        ),
        ast.annotations
      );
    case "TupleType":
      return new SchemaAST2.TupleType(
        ast.elements.map(
          (e) => new SchemaAST2.OptionalType(withFilterKeywords(e.type, keywords), e.isOptional, e.annotations)
        ),
        ast.rest.map((r) => new SchemaAST2.Type(withFilterKeywords(r.type, keywords), r.annotations)),
        ast.isReadonly,
        ast.annotations
      );
    case "Union":
      return SchemaAST2.Union.make(
        ast.types.map((member) => withFilterKeywords(member, keywords)),
        ast.annotations
      );
    case "Suspend":
    case "Declaration":
    case "Transformation":
      throw new Inexpressible(ast._tag);
    default:
      return ast;
  }
};
var keywordsIn = (node, found) => {
  if (Array.isArray(node)) for (const item of node) keywordsIn(item, found);
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("eslFilter")) found.add(key);
      keywordsIn(value, found);
    }
  }
  return found;
};
var compiledCheck = (ast) => {
  try {
    const keywords = [];
    const document = forAjv(JSONSchema.make(Schema2.make(withFilterKeywords(ast, keywords))));
    const carried = keywordsIn(document, /* @__PURE__ */ new Set());
    if (!keywords.every((keyword) => carried.has(keyword))) return void 0;
    const validate = ajv.compile(document);
    return (value) => validate(value);
  } catch {
    return void 0;
  }
};
var checks = /* @__PURE__ */ new WeakMap();
var compiledAsts = /* @__PURE__ */ new WeakSet();
var fullCheck = (ast) => {
  let check = checks.get(ast);
  if (check === void 0) {
    const validate = compiledCheck(ast);
    if (validate !== void 0) compiledAsts.add(ast);
    const compiled2 = validate ?? effectIs(ast);
    check = (value) => {
      try {
        return compiled2(value);
      } catch {
        return false;
      }
    };
    checks.set(ast, check);
  }
  return check;
};

// ../../core/mapping/transform.ts
import { Effect as Effect2, Schema as Schema3 } from "effect";
var bodies = /* @__PURE__ */ new WeakMap();
var mappingTransform = (from, to, options) => {
  const decode = (input, _2, ast) => Effect2.flatMap(MappingContext, (ctx3) => options.decode(input, ctx3, ast));
  const encode = (input, _2, ast) => Effect2.flatMap(MappingContext, (ctx3) => options.encode(input, ctx3, ast));
  bodies.set(decode, options);
  return Schema3.transformOrFail(from, to, { strict: true, decode, encode });
};
var mappingBodyOf = (transformation, direction) => bodies.get(transformation.decode)?.[direction];

// ../../core/mapping/fastPath.ts
var isObject = (value) => typeof value === "object" && value !== null;
var projections = /* @__PURE__ */ new WeakMap();
var projection = (ast) => {
  if (projections.has(ast)) return projections.get(ast);
  const project = compileProjection(ast);
  projections.set(ast, project);
  return project;
};
var effectCopy = (ast) => {
  const decode = ParseResult3.decodeUnknownSync(Schema4.make(ast), PARSE_OPTIONS);
  return (value) => decode(value);
};
var inSchemaOrder = (record, names, named, index) => {
  let next = 0;
  let pastNames = false;
  for (const key in record) {
    if (!pastNames) {
      while (next < names.length && names[next] !== key) next++;
      if (next < names.length) {
        next++;
        continue;
      }
      if (!index || named.has(key)) return false;
      pastNames = true;
    } else if (named.has(key)) return false;
  }
  return true;
};
var compileProjection = (ast) => {
  switch (ast._tag) {
    case "Refinement":
      return projection(ast.from);
    case "TypeLiteral": {
      if (ast.indexSignatures.some((s) => s.parameter._tag !== "StringKeyword") || ast.indexSignatures.length > 1) {
        return effectCopy(ast);
      }
      const properties = ast.propertySignatures.map((p) => ({ name: p.name, project: projection(p.type) }));
      const names = properties.map((p) => p.name);
      const named = new Set(names);
      const index = ast.indexSignatures[0];
      const projectIndex = index === void 0 ? void 0 : projection(index.type);
      const copy = (record) => {
        const out = {};
        for (const { name, project } of properties) {
          if (!Object.hasOwn(record, name)) continue;
          const field = record[name];
          out[name] = project === void 0 ? field : project(field);
        }
        if (index !== void 0) {
          for (const key of Object.keys(record)) {
            if (named.has(key)) continue;
            out[key] = projectIndex === void 0 ? record[key] : projectIndex(record[key]);
          }
        }
        return out;
      };
      return (value) => {
        const record = value;
        if (!inSchemaOrder(record, names, named, index !== void 0)) return copy(record);
        for (const { name, project } of properties) {
          if (project === void 0 || !Object.hasOwn(record, name)) continue;
          const field = record[name];
          if (project(field) !== field) return copy(record);
        }
        if (projectIndex !== void 0) {
          for (const key in record) {
            if (named.has(key)) continue;
            const field = record[key];
            if (projectIndex(field) !== field) return copy(record);
          }
        }
        return record;
      };
    }
    case "TupleType": {
      if (ast.rest.length > 1) return effectCopy(ast);
      const elements = ast.elements.map((e) => projection(e.type));
      const rest = ast.rest[0] === void 0 ? void 0 : projection(ast.rest[0].type);
      if (rest === void 0 && elements.every((e) => e === void 0)) return void 0;
      return (value) => {
        const items = value;
        let out;
        for (let i = 0; i < items.length; i++) {
          const project = i < elements.length ? elements[i] : rest;
          if (project === void 0) continue;
          const item = items[i];
          const projected = project(item);
          if (projected !== item) {
            out ??= items.slice();
            out[i] = projected;
          }
        }
        return out ?? items;
      };
    }
    case "Union": {
      const members = ast.types.map((member) => ({ member, project: projection(member) }));
      if (members.every((m) => m.project === void 0)) return void 0;
      const checked = members.map(({ member, project }) => ({ check: fullCheck(member), project }));
      return (value) => {
        if (!isObject(value)) return value;
        for (const { check, project } of checked) {
          if (check(value)) return project === void 0 ? value : project(value);
        }
        return value;
      };
    }
    case "Suspend":
    case "Declaration":
    case "Transformation":
      return effectCopy(ast);
    default:
      return void 0;
  }
};
var isPlain = (ast) => SchemaAST3.typeAST(ast) === ast;
var SLOW = /* @__PURE__ */ Symbol("esl/mapping/slow");
var settle = (result) => {
  if (Either.isEither(result)) return Either.isRight(result) ? result.right : SLOW;
  const exit = Effect3.runSyncExit(result);
  return Exit.isSuccess(exit) ? exit.value : SLOW;
};
var compileDirection = (schema, direction) => {
  const ast = schema.ast;
  if (!SchemaAST3.isTransformation(ast) || ast.transformation._tag !== "FinalTransformation") return void 0;
  if (!isPlain(ast.from) || !isPlain(ast.to)) return void 0;
  const [input, output] = direction === "decode" ? [ast.from, ast.to] : [ast.to, ast.from];
  const checkInput = fullCheck(input);
  const checkOutput = fullCheck(output);
  const body = mappingBodyOf(ast.transformation, direction);
  const projectInput = body === void 0 ? projection(input) : void 0;
  const projectOutput = projection(output);
  const transform = ast.transformation[direction];
  const run = body === void 0 ? (ctx3, parsed, raw) => Effect3.provideService(
    transform(parsed, PARSE_OPTIONS, ast, raw),
    MappingContext,
    ctx3
  ) : (ctx3, parsed) => body(parsed, ctx3, ast);
  return (ctx3, raw) => {
    try {
      if (!checkInput(raw)) return SLOW;
      const parsed = projectInput === void 0 ? raw : projectInput(raw);
      const out = settle(run(ctx3, parsed, raw));
      if (out === SLOW || !checkOutput(out)) return SLOW;
      return projectOutput === void 0 ? out : projectOutput(out);
    } catch {
      return SLOW;
    }
  };
};
var compiled = /* @__PURE__ */ new WeakMap();
var directionOf = (fast, slow) => {
  const one = (ctx3, input, recordKey) => Effect3.suspend(() => {
    const out = fast === void 0 ? SLOW : fast(ctx3, input);
    return out === SLOW ? slow(ctx3, input, recordKey) : Effect3.succeed(out);
  });
  const many = (ctx3, inputs, recordKey) => Effect3.suspend(() => {
    const results = new Array(inputs.length);
    const slowIndexes = [];
    for (let i = 0; i < inputs.length; i++) {
      const out = fast === void 0 ? SLOW : fast(ctx3, inputs[i]);
      if (out === SLOW) slowIndexes.push(i);
      else results[i] = Either.right(out);
    }
    if (slowIndexes.length === 0) return Effect3.succeed(results);
    return Effect3.forEach(
      slowIndexes,
      (i) => Effect3.either(slow(ctx3, inputs[i], recordKey(i))).pipe(
        Effect3.tap((result) => {
          results[i] = result;
        })
      ),
      { discard: true }
    ).pipe(Effect3.as(results));
  });
  return { one, many };
};
var compileMapping = (mapping) => {
  const cached = compiled.get(mapping);
  if (cached !== void 0) return cached;
  const decodeFast = mapping.read === void 0 ? void 0 : compileDirection(mapping.read, "decode");
  const encodeFast = mapping.write === void 0 ? void 0 : compileDirection(mapping.write, "encode");
  let slowRuns = 0;
  const decode = directionOf(
    decodeFast,
    (ctx3, raw, recordKey) => Effect3.suspend(() => {
      slowRuns++;
      return decodeRecord(mapping, ctx3, raw, recordKey);
    })
  );
  const encode = directionOf(
    encodeFast,
    (ctx3, record, recordKey) => Effect3.suspend(() => {
      slowRuns++;
      return encodeRecord(mapping, ctx3, record, recordKey);
    })
  );
  const result = {
    decode: decode.one,
    encode: encode.one,
    decodeMany: decode.many,
    encodeMany: encode.many,
    fast: { decode: decodeFast !== void 0, encode: encodeFast !== void 0 },
    slowRuns: () => slowRuns
  };
  compiled.set(mapping, result);
  return result;
};

// ../../core/mapping/problems.ts
import { ParseResult as ParseResult4 } from "effect";
var Problems = class {
  constructor(ast, actual) {
    this.ast = ast;
    this.actual = actual;
  }
  ast;
  actual;
  issues = [];
  /** Records `message` at `path` (relative to the record being mapped). */
  add(path, message, value) {
    this.addIssue(path, new ParseResult4.Type(this.ast, value, message));
  }
  /** Records an issue another schema produced (a value map) at `path`. */
  addIssue(path, issue) {
    this.issues.push(
      path.length === 0 ? issue : new ParseResult4.Pointer([...path], this.actual, issue)
    );
  }
  /**
   * Runs a conversion that throws on bad input (an amount, a timestamp) and records its
   * message at `path`; the caller gets undefined and carries on collecting.
   */
  attempt(path, convert) {
    try {
      return convert();
    } catch (error) {
      this.add(path, error instanceof Error ? error.message : String(error));
      return void 0;
    }
  }
  /** Decodes `value` (a vendor code, possibly one we do not know) with a value map, recording a failure at `path`. */
  mapValue(path, map, value) {
    const result = ParseResult4.decodeUnknownEither(map)(value);
    if (result._tag === "Right") return result.right;
    this.addIssue(path, result.left);
    return void 0;
  }
  /** Encodes `value` with a value map, recording a failure at `path`. */
  unmapValue(path, map, value) {
    const result = ParseResult4.encodeEither(map)(value);
    if (result._tag === "Right") return result.right;
    this.addIssue(path, result.left);
    return void 0;
  }
  /**
   * The value `build` makes when nothing was recorded; otherwise every recorded problem. An Either
   * (an Effect that needs no runtime), so a mapping body can return it as it is.
   */
  result(build) {
    const issues = this.issues;
    if (issues.length === 0) return ParseResult4.succeed(build());
    return ParseResult4.fail(
      issues.length === 1 ? issues[0] : new ParseResult4.Composite(this.ast, this.actual, issues.slice())
    );
  }
};
var optional = (key, value) => (
  // A computed key widens to an index signature; this is exactly `{ [key]?: V }`.
  value === void 0 ? {} : { [key]: value }
);

// ../../core/mapping/valueMap.ts
import { ParseResult as ParseResult5, Schema as Schema5 } from "effect";
var valueMap = (name, pairs, options = {}) => {
  const toCanonical = /* @__PURE__ */ new Map();
  const toVendor = /* @__PURE__ */ new Map();
  for (const [vendor, canon] of pairs) {
    if (!toCanonical.has(vendor)) toCanonical.set(vendor, canon);
    if (!toVendor.has(canon)) toVendor.set(canon, vendor);
  }
  const vendorValues = [...toCanonical.keys()];
  const canonValues = [...toVendor.keys()];
  const From = Schema5.String;
  const To = Schema5.String;
  return Schema5.transformOrFail(From, To, {
    strict: true,
    decode: (vendor, _2, ast) => {
      const canon = toCanonical.get(vendor) ?? options.decodeFallback;
      return canon !== void 0 ? ParseResult5.succeed(canon) : ParseResult5.fail(
        new ParseResult5.Type(ast, vendor, `unknown ${name} "${vendor}"; known: ${vendorValues.join(", ")}`)
      );
    },
    encode: (canon, _2, ast) => {
      const vendor = toVendor.get(canon) ?? options.encodeFallback;
      return vendor !== void 0 ? ParseResult5.succeed(vendor) : ParseResult5.fail(
        new ParseResult5.Type(ast, canon, `no ${name} for "${canon}"; mapped: ${canonValues.join(", ")}`)
      );
    }
  }).annotations({ identifier: name });
};
var valueEncoder = (map) => {
  const encode = Schema5.encodeSync(map);
  const known = /* @__PURE__ */ new Map();
  return (value) => {
    let vendor = known.get(value);
    if (vendor === void 0) {
      vendor = encode(value);
      known.set(value, vendor);
    }
    return vendor;
  };
};

// ../../mappings/odoo/product.ts
import { Array as Arr2, ParseResult as ParseResult7 } from "effect";

// ../../connectors/odoo/schemas/product.ts
import { Schema as Schema22 } from "effect";

// ../../connectors/odoo/schemas/fields.ts
import { Schema as Schema21 } from "effect";

// ../../core/model/address.ts
import { Schema as Schema7 } from "effect";

// ../../core/model/primitives.ts
import { Schema as Schema6 } from "effect";
var isTrimmedAway = (c) => c <= 32 ? c === 32 || c >= 9 && c <= 13 : c >= 127 && (c === 160 || c === 5760 || c >= 8192 && c <= 8202 || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279);
var hasNoSurroundingSpace = (s) => s.length === 0 || !isTrimmedAway(s.charCodeAt(0)) && !isTrimmedAway(s.charCodeAt(s.length - 1));
var Key = Schema6.String.pipe(
  Schema6.filter(
    (s) => s.length > 0 && hasNoSurroundingSpace(s) || "must be non-empty and carry no surrounding white space",
    { identifier: "Key" }
  )
);
var INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
var digitsAt = (s, start, count) => {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};
var isCalendarInstant = (s) => {
  if (!INSTANT.test(s)) return false;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? leap ? 29 : 28 : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= days && digitsAt(s, 11, 2) <= 23 && digitsAt(s, 14, 2) <= 59 && digitsAt(s, 17, 2) <= 59;
};
var Instant = Schema6.String.pipe(
  Schema6.pattern(INSTANT, {
    message: () => "must be an ISO 8601 instant in UTC, e.g. 2026-11-23T17:41:44Z"
  }),
  Schema6.filter(
    (s) => isCalendarInstant(s) || "must be a real date and time (month 01\u201312, day within the month, 00:00:00\u201323:59:59)"
  ),
  Schema6.annotations({ identifier: "Instant" })
);
var compareInstants = (a, b) => {
  const fixed = (s) => s.replace(/(?:\.(\d+))?Z$/, (_2, fraction) => `.${(fraction ?? "").padEnd(9, "0")}Z`);
  const x = fixed(a);
  const y = fixed(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
var CountryCode = Schema6.String.pipe(
  Schema6.pattern(/^[A-Z]{2}$/, { message: () => "must be an ISO 3166-1 alpha-2 country code, e.g. DE" }),
  Schema6.annotations({ identifier: "CountryCode" })
);
var LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
var Locale = Schema6.String.pipe(
  Schema6.pattern(LOCALE_PATTERN, { message: () => "must be a BCP 47 language tag, e.g. de-DE" }),
  Schema6.annotations({ identifier: "Locale" })
);
var NonNegativeInt = Schema6.Int.pipe(Schema6.nonNegative());
var PositiveInt = Schema6.Int.pipe(Schema6.positive());
var ZONED_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i;
var toInstant = (value) => {
  if (typeof value !== "string") {
    if (Number.isNaN(value.getTime())) throw new RangeError("not a timestamp: Invalid Date");
    return value.toISOString().replace(".000Z", "Z");
  }
  const match = ZONED_TIMESTAMP.exec(value.trim());
  if (!match) {
    throw new RangeError(`not an ISO 8601 timestamp with a zone (Z or \xB1hh:mm): ${JSON.stringify(value)}`);
  }
  const [, day = "", time = "", fraction = "", zone = ""] = match;
  const seconds = time.length === 5 ? `${time}:00` : time;
  const offset = zone.toUpperCase() === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = /* @__PURE__ */ new Date(`${day}T${seconds}${offset}`);
  if (Number.isNaN(date.getTime()) || !isCalendarInstant(`${day}T${seconds}Z`)) {
    throw new RangeError(`not a real date and time: ${JSON.stringify(value)}`);
  }
  const digits = fraction.padEnd(3, "0").replace(/(?<=\d{3})0+$/, "");
  const kept = digits === "000" ? "" : `.${digits}`;
  return `${date.toISOString().slice(0, 19)}${kept}Z`;
};

// ../../core/model/address.ts
var Address = Schema7.Struct({
  firstName: Schema7.optional(Schema7.String),
  lastName: Schema7.optional(Schema7.String),
  company: Schema7.optional(Schema7.String),
  line1: Schema7.String,
  line2: Schema7.optional(Schema7.String),
  city: Schema7.String,
  postalCode: Schema7.optional(Schema7.String),
  region: Schema7.optional(Schema7.String),
  countryCode: CountryCode,
  phone: Schema7.optional(Schema7.String)
}).annotations({ identifier: "Address" });

// ../../core/model/attributes.ts
import { Schema as Schema9 } from "effect";

// ../../core/model/localizedText.ts
import { Schema as Schema8 } from "effect";
var isLocale = (s) => LOCALE_PATTERN.test(s);
var LocalizedText = Schema8.Record({ key: Schema8.String, value: Schema8.String }).pipe(
  Schema8.filter((text2) => {
    for (const key in text2) {
      if (Object.hasOwn(text2, key) && !isLocale(key)) {
        return { path: [key], message: `"${key}" is not a BCP 47 language tag, e.g. de-DE` };
      }
    }
    return true;
  })
).annotations({ identifier: "LocalizedText" });
var pickLocale = (text2, locale) => {
  if (!text2) return void 0;
  if (text2[locale] !== void 0) return text2[locale];
  const language = locale.split("-")[0] ?? locale;
  if (text2[language] !== void 0) return text2[language];
  const sameLanguage = Object.keys(text2).find((key) => key.split("-")[0] === language);
  if (sameLanguage !== void 0) return text2[sameLanguage];
  return Object.values(text2)[0];
};

// ../../core/model/attributes.ts
var AttributeValue = Schema9.Union(
  Schema9.String,
  Schema9.Number,
  Schema9.Boolean,
  LocalizedText,
  Schema9.Array(Schema9.String)
);
var Attributes = Schema9.Record({ key: Schema9.String, value: AttributeValue }).annotations({
  identifier: "Attributes"
});

// ../../core/model/category.ts
import { Schema as Schema10 } from "effect";
var Category = Schema10.Struct({
  code: Key,
  name: LocalizedText,
  parentCode: Schema10.optional(Key),
  position: Schema10.optional(Schema10.Int),
  updatedAt: Instant
}).pipe(
  Schema10.filter(
    (c) => c.parentCode !== c.code || { path: ["parentCode"], message: "a category cannot be its own parent" }
  )
).annotations({ identifier: "Category" });

// ../../core/model/customer.ts
import { Schema as Schema11 } from "effect";
var normalizeEmail = (email) => {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return trimmed;
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
};
var Email = Schema11.String.pipe(
  Schema11.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => "must be an e-mail address" }),
  Schema11.filter((e) => normalizeEmail(e) === e || `must be normalized (${normalizeEmail(e)})`),
  Schema11.annotations({ identifier: "Email" })
);
var CustomerAddress = Schema11.Struct({
  ...Address.fields,
  kind: Schema11.Literal("billing", "shipping"),
  isDefault: Schema11.Boolean
});
var Consent = Schema11.Struct({
  channel: Schema11.Literal("email", "sms", "phone", "post"),
  purpose: Schema11.Literal("marketing", "transactional", "profiling"),
  granted: Schema11.Boolean,
  at: Instant,
  /** Where it was collected: `shopify:checkout`, `store:BER-01`, `crm:import`. A consent without a source proves nothing. */
  source: Key
});
var Phone = Schema11.Struct({
  number: Schema11.String,
  kind: Schema11.optional(Schema11.Literal("mobile", "landline", "work"))
});
var Company = Schema11.Struct({
  name: Schema11.String,
  vatId: Schema11.optional(Schema11.String),
  companyNumber: Schema11.optional(Schema11.String)
});
var Customer = Schema11.Struct({
  customerNumber: Schema11.optional(Key),
  email: Schema11.optional(Email),
  additionalEmails: Schema11.Array(Email),
  firstName: Schema11.optional(Schema11.String),
  lastName: Schema11.optional(Schema11.String),
  phones: Schema11.Array(Phone),
  addresses: Schema11.Array(CustomerAddress),
  company: Schema11.optional(Company),
  consents: Schema11.Array(Consent),
  segments: Schema11.Array(Schema11.String),
  loyaltyId: Schema11.optional(Schema11.String),
  attributes: Attributes,
  updatedAt: Instant
}).pipe(
  Schema11.filter(
    (c) => c.customerNumber !== void 0 || c.email !== void 0 || { path: ["email"], message: "a customer needs a customer number or an e-mail" }
  )
).annotations({ identifier: "Customer" });
var CustomerRef = Schema11.Struct({
  customerNumber: Schema11.optional(Key),
  email: Schema11.optional(Email)
});

// ../../core/model/customerEvent.ts
import { Schema as Schema12 } from "effect";
var CustomerEvent = Schema12.Struct({
  eventId: Key,
  customer: CustomerRef,
  channel: Key,
  type: Schema12.Literal("viewed", "carted", "abandoned_checkout", "purchased", "returned"),
  subject: Schema12.optional(Schema12.Struct({ sku: Schema12.optional(Key), orderNumber: Schema12.optional(Key) })),
  occurredAt: Instant,
  updatedAt: Instant
}).annotations({ identifier: "CustomerEvent" });

// ../../core/model/fulfillment.ts
import { Schema as Schema13 } from "effect";
var Fulfillment = Schema13.Struct({
  channel: Key,
  orderNumber: Key,
  fulfillmentId: Key,
  lines: Schema13.NonEmptyArray(Schema13.Struct({ sku: Key, quantity: PositiveInt })),
  carrier: Schema13.optional(Schema13.String),
  trackingNumber: Schema13.optional(Schema13.String),
  trackingUrl: Schema13.optional(Schema13.String),
  locationCode: Schema13.optional(Key),
  status: Schema13.Literal("pending", "shipped", "delivered", "cancelled"),
  shippedAt: Schema13.optional(Instant),
  updatedAt: Instant
}).annotations({ identifier: "Fulfillment" });

// ../../core/model/inventory.ts
import { Schema as Schema14 } from "effect";
var availableToSell = (level) => Math.max(0, level.onHand - level.reserved - level.safetyStock);
var InventoryLevel = Schema14.Struct({
  sku: Key,
  locationCode: Key,
  onHand: Schema14.Int,
  reserved: NonNegativeInt,
  safetyStock: NonNegativeInt,
  incoming: NonNegativeInt,
  available: NonNegativeInt,
  updatedAt: Instant
}).pipe(
  Schema14.filter(
    (level) => level.available === availableToSell(level) || {
      path: ["available"],
      message: `must equal max(0, onHand \u2212 reserved \u2212 safetyStock) = ${availableToSell(level)}`
    }
  )
).annotations({ identifier: "InventoryLevel" });

// ../../core/model/location.ts
import { Schema as Schema15 } from "effect";
var LocationKind = Schema15.Literal("warehouse", "store", "dropship");
var Location = Schema15.Struct({
  code: Key,
  name: Schema15.String,
  kind: LocationKind,
  address: Schema15.optional(Address),
  pickupEnabled: Schema15.Boolean,
  shipFromEnabled: Schema15.Boolean,
  updatedAt: Instant
}).annotations({ identifier: "Location" });

// ../../core/model/order.ts
import { Schema as Schema17 } from "effect";

// ../../core/model/money.ts
import { Schema as Schema16 } from "effect";
var CurrencyCode = Schema16.String.pipe(
  Schema16.pattern(/^[A-Z]{3}$/, { message: () => "must be an ISO 4217 currency code, e.g. EUR" }),
  Schema16.annotations({ identifier: "CurrencyCode" })
);
var Money = Schema16.Struct({
  amount: Schema16.Int.annotations({ description: "integer amount in the currency's minor unit" }),
  currency: CurrencyCode
}).annotations({ identifier: "Money" });

// ../../core/model/order.ts
var TaxLine = Schema17.Struct({
  title: Schema17.String,
  rate: Schema17.Number.pipe(Schema17.between(0, 1)),
  amount: Money
});
var Discount = Schema17.Struct({
  code: Schema17.optional(Schema17.String),
  title: Schema17.String,
  amount: Money.pipe(
    Schema17.filter(
      (m) => m.amount >= 0 || { path: ["amount"], message: "a discount is the amount taken off; it cannot be negative" }
    )
  ).annotations({ description: "positive amount taken off" })
});
var OrderLine = Schema17.Struct({
  lineId: Schema17.optional(Schema17.String),
  sku: Key,
  title: Schema17.optional(Schema17.String),
  quantity: PositiveInt,
  unitPrice: Money,
  discounts: Schema17.Array(Discount),
  taxLines: Schema17.Array(TaxLine)
});
var ShippingLine = Schema17.Struct({
  title: Schema17.String,
  code: Schema17.optional(Schema17.String),
  amount: Money,
  taxLines: Schema17.Array(TaxLine)
});
var PaymentStatus = Schema17.Literal(
  "pending",
  "authorized",
  "partially_paid",
  "paid",
  "partially_refunded",
  "refunded",
  "voided"
);
var Payment = Schema17.Struct({
  gateway: Schema17.String,
  amount: Money,
  status: Schema17.Literal("pending", "authorized", "captured", "refunded", "failed", "voided"),
  reference: Schema17.optional(Schema17.String),
  processedAt: Schema17.optional(Instant)
});
var FulfillmentMethod = Schema17.Union(
  Schema17.Struct({ kind: Schema17.Literal("ship") }),
  Schema17.Struct({ kind: Schema17.Literal("pickup"), locationCode: Key })
);
var OrderStatus = Schema17.Literal(
  "open",
  "confirmed",
  "partially_fulfilled",
  "fulfilled",
  "cancelled",
  "closed"
);
var OrderTotals = Schema17.Struct({
  subtotal: Money.annotations({ description: "\u03A3 quantity \xD7 unit price, before discounts" }),
  discountTotal: Money,
  shippingTotal: Money,
  taxTotal: Money,
  grandTotal: Money
});
var computeTotals = (order) => {
  const m = (amount) => ({ amount, currency: order.currency });
  let subtotal = 0;
  let discounts = 0;
  let taxes = 0;
  let shipping = 0;
  for (const line of order.lines) {
    subtotal += line.quantity * line.unitPrice.amount;
    for (const d of line.discounts) discounts += d.amount.amount;
    for (const t of line.taxLines) taxes += t.amount.amount;
  }
  for (const d of order.discounts) discounts += d.amount.amount;
  for (const s of order.shippingLines) {
    shipping += s.amount.amount;
    for (const t of s.taxLines) taxes += t.amount.amount;
  }
  const grand = subtotal - discounts + shipping + (order.taxesIncluded ? 0 : taxes);
  return {
    subtotal: m(subtotal),
    discountTotal: m(discounts),
    shippingTotal: m(shipping),
    taxTotal: m(taxes),
    grandTotal: m(grand)
  };
};
var allMoney = (order) => {
  const out = [];
  for (const [i, line] of order.lines.entries()) {
    out.push([["lines", i, "unitPrice"], line.unitPrice]);
    for (const [j, d] of line.discounts.entries()) out.push([["lines", i, "discounts", j, "amount"], d.amount]);
    for (const [j, t] of line.taxLines.entries()) out.push([["lines", i, "taxLines", j, "amount"], t.amount]);
  }
  for (const [i, s] of order.shippingLines.entries()) {
    out.push([["shippingLines", i, "amount"], s.amount]);
    for (const [j, t] of s.taxLines.entries()) out.push([["shippingLines", i, "taxLines", j, "amount"], t.amount]);
  }
  for (const [i, d] of order.discounts.entries()) out.push([["discounts", i, "amount"], d.amount]);
  for (const [i, p] of order.payments.entries()) out.push([["payments", i, "amount"], p.amount]);
  for (const key of ["subtotal", "discountTotal", "shippingTotal", "taxTotal", "grandTotal"]) {
    out.push([["totals", key], order.totals[key]]);
  }
  return out;
};
var OrderFields = Schema17.Struct({
  channel: Key.annotations({ description: "the sales channel the order came from: `shopify`, `amazon-de`, `store`" }),
  orderNumber: Key,
  customer: Schema17.optional(CustomerRef),
  currency: CurrencyCode,
  taxesIncluded: Schema17.Boolean,
  lines: Schema17.NonEmptyArray(OrderLine),
  shippingLines: Schema17.Array(ShippingLine),
  discounts: Schema17.Array(Discount),
  totals: OrderTotals,
  paymentStatus: PaymentStatus,
  payments: Schema17.Array(Payment),
  fulfillmentMethod: FulfillmentMethod,
  billingAddress: Schema17.optional(Address),
  shippingAddress: Schema17.optional(Address),
  placedAt: Instant,
  status: OrderStatus,
  note: Schema17.optional(Schema17.String),
  updatedAt: Instant
});
var Order = OrderFields.pipe(
  Schema17.filter((order) => {
    for (const [path, amount] of allMoney(order)) {
      if (amount.currency !== order.currency) {
        return { path: [...path, "currency"], message: `must be the order's currency ${order.currency}` };
      }
    }
    const expected = computeTotals(order);
    for (const key of ["subtotal", "discountTotal", "shippingTotal", "taxTotal", "grandTotal"]) {
      if (order.totals[key].amount !== expected[key].amount) {
        return {
          path: ["totals", key, "amount"],
          message: `is ${order.totals[key].amount} but the lines add up to ${expected[key].amount}`
        };
      }
    }
    return true;
  })
).annotations({ identifier: "Order" });

// ../../core/model/price.ts
import { Schema as Schema18 } from "effect";
var Price = Schema18.Struct({
  sku: Key,
  priceList: Key.annotations({ description: "price list or channel code; `default` for the list price" }),
  currency: CurrencyCode,
  minQuantity: PositiveInt,
  amount: Money,
  compareAtAmount: Schema18.optional(Money),
  taxIncluded: Schema18.Boolean,
  validFrom: Schema18.optional(Instant),
  validTo: Schema18.optional(Instant),
  updatedAt: Instant
}).pipe(
  Schema18.filter((price) => {
    if (price.amount.currency !== price.currency) {
      return { path: ["amount", "currency"], message: `must be the price's currency ${price.currency}` };
    }
    if (price.amount.amount < 0) return { path: ["amount", "amount"], message: "a price cannot be negative" };
    if (price.compareAtAmount && price.compareAtAmount.currency !== price.currency) {
      return { path: ["compareAtAmount", "currency"], message: `must be the price's currency ${price.currency}` };
    }
    if (price.compareAtAmount && price.compareAtAmount.amount < 0) {
      return { path: ["compareAtAmount", "amount"], message: "a compare-at price cannot be negative" };
    }
    if (price.validFrom && price.validTo && compareInstants(price.validFrom, price.validTo) >= 0) {
      return { path: ["validTo"], message: "must be after validFrom" };
    }
    return true;
  })
).annotations({ identifier: "Price" });

// ../../core/model/product.ts
import { Schema as Schema19 } from "effect";
var ProductStatus = Schema19.Literal("draft", "active", "archived");
var Weight = Schema19.Struct({
  value: Schema19.Number.pipe(Schema19.nonNegative()),
  unit: Schema19.Literal("g", "kg", "lb", "oz")
});
var Dimensions = Schema19.Struct({
  length: Schema19.Number.pipe(Schema19.nonNegative()),
  width: Schema19.Number.pipe(Schema19.nonNegative()),
  height: Schema19.Number.pipe(Schema19.nonNegative()),
  unit: Schema19.Literal("mm", "cm", "m", "in")
});
var OptionValue = Schema19.Struct({ name: Schema19.String, value: Schema19.String });
var Gtin = Schema19.String.pipe(
  Schema19.pattern(/^(\d{8}|\d{12,14})$/, { message: () => "must be a GTIN of 8, 12, 13 or 14 digits" })
);
var Variant = Schema19.Struct({
  sku: Key,
  gtin: Schema19.optional(Gtin),
  title: Schema19.optional(LocalizedText),
  options: Schema19.Array(OptionValue),
  weight: Schema19.optional(Weight),
  dimensions: Schema19.optional(Dimensions),
  status: ProductStatus,
  position: Schema19.optional(NonNegativeInt),
  attributes: Schema19.optional(Attributes)
}).annotations({ identifier: "Variant" });
var Media = Schema19.Struct({
  url: Schema19.String,
  alt: Schema19.optional(LocalizedText),
  position: NonNegativeInt,
  /** SKUs this image shows, when it is variant-specific. */
  skus: Schema19.optional(Schema19.Array(Schema19.String))
});
var PAIRWISE_LIMIT = 32;
var indexOfRepeatedSku = (variants) => {
  if (variants.length <= PAIRWISE_LIMIT) {
    for (let i = 1; i < variants.length; i++) {
      const sku = variants[i].sku;
      for (let j = 0; j < i; j++) if (variants[j].sku === sku) return i;
    }
    return -1;
  }
  const seen = /* @__PURE__ */ new Set();
  for (let i = 0; i < variants.length; i++) {
    const sku = variants[i].sku;
    if (seen.has(sku)) return i;
    seen.add(sku);
  }
  return -1;
};
var Product = Schema19.Struct({
  productNumber: Key,
  title: LocalizedText,
  description: Schema19.optional(LocalizedText),
  brand: Schema19.optional(Schema19.String),
  categories: Schema19.Array(Schema19.String),
  media: Schema19.Array(Media),
  status: ProductStatus,
  attributes: Attributes,
  variants: Schema19.NonEmptyArray(Variant),
  updatedAt: Instant
}).pipe(
  Schema19.filter((product) => {
    const index = indexOfRepeatedSku(product.variants);
    if (index === -1) return true;
    const sku = product.variants[index].sku;
    return { path: ["variants", index, "sku"], message: `SKU ${sku} appears twice in this product` };
  })
).annotations({ identifier: "Product" });

// ../../core/model/return.ts
import { Schema as Schema20 } from "effect";
var ReturnedAt = Schema20.Union(
  Schema20.Struct({ kind: Schema20.Literal("store"), locationCode: Key }),
  Schema20.Struct({ kind: Schema20.Literal("mail") })
);
var Return = Schema20.Struct({
  channel: Key,
  returnId: Key,
  orderChannel: Key,
  orderNumber: Key,
  lines: Schema20.NonEmptyArray(
    Schema20.Struct({ sku: Key, quantity: PositiveInt, reason: Schema20.optional(Schema20.String) })
  ),
  reason: Schema20.optional(Schema20.String),
  returnedAt: ReturnedAt,
  refundAmount: Schema20.optional(Money),
  status: Schema20.Literal("requested", "received", "refunded", "rejected"),
  updatedAt: Instant
}).annotations({ identifier: "Return" });

// ../../core/model/entities.ts
var Entities = {
  product: Product,
  price: Price,
  inventory: InventoryLevel,
  location: Location,
  category: Category,
  customer: Customer,
  order: Order,
  fulfillment: Fulfillment,
  return: Return,
  customerEvent: CustomerEvent
};
var entityNames = Object.keys(Entities);

// ../../connectors/odoo/schemas/fields.ts
var orFalse = (schema) => Schema21.Union(schema, Schema21.Literal(false));
var OdooId = Schema21.Int.pipe(Schema21.nonNegative());
var Many2oneRef = Schema21.Tuple(OdooId, Schema21.String);
var Many2one = orFalse(Many2oneRef);
var Char = orFalse(Schema21.String);
var X2many = Schema21.Array(OdooId);
var OdooDatetime = Schema21.String.pipe(
  Schema21.pattern(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, {
    message: () => "must be an Odoo datetime, YYYY-MM-DD HH:MM:SS (UTC)"
  })
);
var OdooDate = Schema21.String.pipe(Schema21.pattern(/^\d{4}-\d{2}-\d{2}$/));
var fromOdooDatetime = (value) => toInstant(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : `${value.replace(" ", "T")}Z`);
var toOdooDatetime = (instant) => {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a timestamp: ${instant}`);
  return date.toISOString().slice(0, 19).replace("T", " ");
};

// ../../connectors/odoo/schemas/product.ts
var ProductTemplateRecord = Schema22.Struct({
  id: OdooId,
  name: Schema22.String,
  /** Set on the template only when it has a single variant (Odoo computes it from that variant). */
  default_code: Char,
  description_sale: Char,
  categ_id: Many2one,
  type: Schema22.String,
  sale_ok: Schema22.Boolean,
  active: Schema22.Boolean,
  weight_uom_name: Char,
  write_date: OdooDatetime
});
var ProductVariantRecord = Schema22.Struct({
  id: OdooId,
  product_tmpl_id: Many2oneRef,
  default_code: Char,
  barcode: Char,
  weight: Schema22.Number,
  active: Schema22.Boolean,
  product_template_attribute_value_ids: X2many,
  write_date: OdooDatetime
});
var AttributeValueRecord = Schema22.Struct({
  id: OdooId,
  attribute_id: Many2oneRef,
  name: Schema22.String
});
var VariantOption = Schema22.Struct({ attribute: Schema22.String, value: Schema22.String });
var OdooProduct = Schema22.Struct({
  ...ProductTemplateRecord.fields,
  /** The value of the configured `productNumberField`, when one is configured. */
  product_number: Schema22.optional(Char),
  variants: Schema22.Array(Schema22.Struct({ ...ProductVariantRecord.fields, options: Schema22.Array(VariantOption) })),
  changed_at: OdooDatetime
});

// ../../mappings/odoo/odooValues.ts
import { Effect as Effect4, Either as Either2, ParseResult as ParseResult6 } from "effect";
var digitsAt2 = (value, start, count) => {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
};
var daysIn = (year, month) => month === 2 ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28 : [4, 6, 9, 11].includes(month) ? 30 : 31;
var instantOf = (value) => {
  if (value.length === 19 && value[4] === "-" && value[7] === "-" && value[10] === " " && value[13] === ":" && value[16] === ":") {
    const year = digitsAt2(value, 0, 4);
    const month = digitsAt2(value, 5, 2);
    const day = digitsAt2(value, 8, 2);
    const hour = digitsAt2(value, 11, 2);
    const minute = digitsAt2(value, 14, 2);
    const second = digitsAt2(value, 17, 2);
    if (year >= 1e3 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
      return `${value.slice(0, 10)}T${value.slice(11)}Z`;
    }
  }
  return fromOdooDatetime(value);
};
var issueAt = (ast, actual, path, message) => new ParseResult6.Pointer(path, actual, new ParseResult6.Type(ast, actual, message));
var textOf = (value) => {
  if (value === false) return void 0;
  const trimmed = value.trim();
  return trimmed === "" ? void 0 : trimmed;
};

// ../../mappings/odoo/product.ts
var DERIVED = /^odoo-tmpl-(\d+)$/;
var GTIN = /^(\d{8}|\d{12,14})$/;
var WEIGHT_UNITS = {
  g: "g",
  kg: "kg",
  lb: "lb",
  lbs: "lb",
  oz: "oz"
};
var categoryPath = (completeName) => completeName.replaceAll(" / ", "/");
var categoryName = (path) => path.split("/").join(" / ");
var statusOf = (raw) => !raw.active ? "archived" : raw.sale_ok ? "active" : "draft";
var productRead = mappingTransform(OdooProduct, Product, {
  decode: (raw, { defaults }, ast) => {
    const uomName = textOf(raw.weight_uom_name);
    const unit = uomName === void 0 ? "kg" : WEIGHT_UNITS[uomName];
    const variants = [];
    for (let index = 0; index < raw.variants.length; index++) {
      const v = raw.variants[index];
      const sku = textOf(v.default_code);
      if (sku === void 0) {
        const options = v.options.map((o) => `${o.attribute}: ${o.value}`).join(", ");
        return ParseResult7.fail(
          issueAt(
            ast,
            raw,
            ["variants", index, "default_code"],
            `variant ${v.id}${options === "" ? "" : ` (${options})`} of "${raw.name}" has no Internal Reference (default_code); set one in Odoo, it is the SKU`
          )
        );
      }
      if (v.weight > 0 && unit === void 0) {
        return ParseResult7.fail(
          issueAt(ast, raw, ["weight_uom_name"], `unknown weight unit "${uomName}"; expected kg, g, lb or oz`)
        );
      }
      const barcode = textOf(v.barcode);
      const isGtin = barcode !== void 0 && GTIN.test(barcode);
      const variant = { sku };
      if (isGtin) variant.gtin = barcode;
      variant.options = v.options.map((o) => ({ name: o.attribute, value: o.value }));
      if (v.weight > 0 && unit !== void 0) variant.weight = { value: v.weight, unit };
      variant.status = raw.active && v.active ? "active" : "archived";
      variant.position = index;
      if (barcode !== void 0 && !isGtin) variant.attributes = { barcode };
      variants.push(variant);
    }
    if (!Arr2.isNonEmptyArray(variants)) {
      return ParseResult7.fail(issueAt(ast, raw, ["variants"], `"${raw.name}" has no variants`));
    }
    const description = textOf(raw.description_sale);
    const product = {
      productNumber: textOf(raw.product_number ?? false) ?? textOf(raw.default_code) ?? `odoo-tmpl-${raw.id}`,
      title: { [defaults.locale]: raw.name }
    };
    if (description !== void 0) product.description = { [defaults.locale]: description };
    product.categories = raw.categ_id === false ? [] : [categoryPath(raw.categ_id[1])];
    product.media = [];
    product.status = statusOf(raw);
    product.attributes = { productType: raw.type };
    product.variants = variants;
    product.updatedAt = instantOf(raw.changed_at);
    return ParseResult7.succeed(product);
  },
  encode: (product, { defaults }, ast) => {
    const derived = DERIVED.exec(product.productNumber);
    const id = derived?.[1] === void 0 ? 0 : Number(derived[1]);
    const name = pickLocale(product.title, defaults.locale);
    if (name === void 0) return ParseResult7.fail(new ParseResult7.Type(ast, product, "a product needs a title"));
    const at = toOdooDatetime(product.updatedAt);
    const units = new Set(product.variants.flatMap((v) => v.weight === void 0 ? [] : [v.weight.unit]));
    const [unit = "kg"] = units;
    const category = product.categories[0];
    const productType = product.attributes.productType;
    return ParseResult7.succeed({
      id,
      name,
      default_code: derived === null ? product.productNumber : false,
      description_sale: pickLocale(product.description, defaults.locale) ?? false,
      categ_id: category === void 0 ? false : [0, categoryName(category)],
      type: typeof productType === "string" ? productType : "consu",
      sale_ok: product.status !== "draft",
      active: product.status !== "archived",
      weight_uom_name: unit,
      write_date: at,
      variants: product.variants.map((v) => {
        const barcode = v.attributes?.barcode;
        return {
          id: 0,
          product_tmpl_id: [id, name],
          default_code: v.sku,
          barcode: v.gtin ?? (typeof barcode === "string" ? barcode : false),
          weight: v.weight?.value ?? 0,
          active: v.status === "active",
          product_template_attribute_value_ids: [],
          write_date: at,
          options: v.options.map((o) => ({ attribute: o.name, value: o.value }))
        };
      }),
      changed_at: at
    });
  }
});
var productMapping = defineMapping({
  entity: "product",
  read: productRead
});

// ../../mappings/shopify/product.ts
import { Clock, Effect as Effect5, ParseResult as ParseResult8 } from "effect";

// ../../connectors/shopify/schemas/product.ts
import { Schema as Schema24 } from "effect";

// ../../connectors/shopify/schemas/common.ts
import { Schema as Schema23 } from "effect";
var Gid = Schema23.String.pipe(
  Schema23.pattern(/^gid:\/\/shopify\/[A-Za-z]+\/\d+(\?\S*)?$/, {
    message: () => "must be a Shopify global id, e.g. gid://shopify/Product/123"
  })
);
var DecimalString = Schema23.String.pipe(
  Schema23.pattern(/^-?\d+(\.\d+)?$/, { message: () => "must be a decimal amount such as 29.95" })
);
var MoneyV2 = Schema23.Struct({ amount: DecimalString, currencyCode: Schema23.String });
var MoneyBag = Schema23.Struct({ shopMoney: MoneyV2 });
var PageInfo = Schema23.Struct({ hasNextPage: Schema23.Boolean, endCursor: Schema23.NullOr(Schema23.String) });
var Connection = (node) => Schema23.Struct({ nodes: Schema23.Array(node), pageInfo: PageInfo });
var UserError = Schema23.Struct({
  field: Schema23.NullOr(Schema23.Array(Schema23.String)),
  message: Schema23.String,
  code: Schema23.optional(Schema23.NullOr(Schema23.String))
});
var QueryCost = Schema23.Struct({
  requestedQueryCost: Schema23.Number,
  actualQueryCost: Schema23.NullOr(Schema23.Number),
  throttleStatus: Schema23.Struct({
    maximumAvailable: Schema23.Number,
    currentlyAvailable: Schema23.Number,
    restoreRate: Schema23.Number
  })
});

// ../../connectors/shopify/schemas/product.ts
var ShopifyProductStatus = Schema24.Literal("ACTIVE", "DRAFT", "ARCHIVED");
var ShopifyWeightUnit = Schema24.Literal("KILOGRAMS", "GRAMS", "POUNDS", "OUNCES");
var WeightNode = Schema24.Struct({ unit: ShopifyWeightUnit, value: Schema24.Number });
var SelectedOptionNode = Schema24.Struct({ name: Schema24.String, value: Schema24.String });
var VariantRecord = Schema24.Struct({
  id: Schema24.optional(Gid),
  sku: Schema24.NullOr(Schema24.String),
  barcode: Schema24.NullOr(Schema24.String),
  /** 1-based. */
  position: Schema24.Int,
  selectedOptions: Schema24.Array(SelectedOptionNode),
  inventoryItem: Schema24.Struct({
    id: Schema24.optional(Gid),
    measurement: Schema24.Struct({ weight: Schema24.NullOr(WeightNode) })
  })
});
var VariantPriceRecord = Schema24.Struct({
  id: Schema24.optional(Gid),
  sku: Schema24.NullOr(Schema24.String),
  price: DecimalString,
  compareAtPrice: Schema24.NullOr(DecimalString),
  updatedAt: Schema24.String
});
var MediaNode = Schema24.Struct({
  alt: Schema24.NullOr(Schema24.String),
  mediaContentType: Schema24.String,
  image: Schema24.optional(Schema24.NullOr(Schema24.Struct({ url: Schema24.String })))
});
var ProductNumberMetafield = Schema24.NullOr(Schema24.Struct({ value: Schema24.String }));
var ProductRecord = Schema24.Struct({
  id: Schema24.optional(Gid),
  handle: Schema24.String,
  title: Schema24.String,
  descriptionHtml: Schema24.String,
  vendor: Schema24.String,
  productType: Schema24.String,
  tags: Schema24.Array(Schema24.String),
  status: ShopifyProductStatus,
  updatedAt: Schema24.String,
  productNumber: ProductNumberMetafield,
  media: Schema24.Struct({ nodes: Schema24.Array(MediaNode) }),
  variants: Schema24.Struct({ nodes: Schema24.Array(VariantRecord) })
});
var ProductVariantNode = Schema24.Struct({
  ...VariantRecord.fields,
  ...VariantPriceRecord.fields,
  id: Gid,
  inventoryItem: Schema24.Struct({ ...VariantRecord.fields.inventoryItem.fields, id: Gid })
});
var ProductNode = Schema24.Struct({
  ...ProductRecord.fields,
  id: Gid,
  variants: Schema24.Struct({ nodes: Schema24.Array(ProductVariantNode) })
});
var ProductPageNode = Schema24.Struct({
  ...ProductNode.fields,
  variants: Connection(ProductVariantNode)
});

// ../../connectors/shopify/schemas/productSet.ts
import { Schema as Schema25 } from "effect";
var productHandle = (productNumber) => {
  const lower = productNumber.toLowerCase();
  return isHandle(lower) ? lower : lower.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
};
var isHandle = (lower) => {
  let previousDash = true;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 45) {
      if (previousDash) return false;
      previousDash = true;
    } else if (c >= 97 && c <= 122 || c >= 48 && c <= 57) previousDash = false;
    else return false;
  }
  return !previousDash;
};
var productNumberMetafield = {
  namespace: "esl",
  key: "product_number",
  type: "single_line_text_field"
};
var MetafieldInput = Schema25.Struct({
  namespace: Schema25.String,
  key: Schema25.String,
  type: Schema25.String,
  value: Schema25.String
});
var OptionSetInput = Schema25.Struct({
  name: Schema25.String,
  position: Schema25.Int,
  values: Schema25.Array(Schema25.Struct({ name: Schema25.String }))
});
var VariantSetInput = Schema25.Struct({
  sku: Schema25.String,
  barcode: Schema25.NullOr(Schema25.String),
  position: Schema25.Int,
  optionValues: Schema25.Array(Schema25.Struct({ optionName: Schema25.String, name: Schema25.String })),
  inventoryItem: Schema25.Struct({
    tracked: Schema25.Boolean,
    measurement: Schema25.Struct({ weight: Schema25.NullOr(WeightNode) })
  })
});
var ProductSetPayload = Schema25.Struct({
  handle: Schema25.String,
  title: Schema25.String,
  descriptionHtml: Schema25.String,
  vendor: Schema25.String,
  productType: Schema25.String,
  tags: Schema25.Array(Schema25.String),
  status: ShopifyProductStatus,
  metafields: Schema25.Array(MetafieldInput),
  productOptions: Schema25.Array(OptionSetInput),
  variants: Schema25.Array(VariantSetInput)
});

// ../../mappings/shopify/product.ts
var productStatusMap = valueMap("Shopify product status", [
  ["ACTIVE", "active"],
  ["DRAFT", "draft"],
  ["ARCHIVED", "archived"]
]);
var weightUnitMap = valueMap("Shopify weight unit", [
  ["GRAMS", "g"],
  ["KILOGRAMS", "kg"],
  ["POUNDS", "lb"],
  ["OUNCES", "oz"]
]);
var shopifyWeightUnit = valueEncoder(weightUnitMap);
var shopifyStatus = valueEncoder(productStatusMap);
var DEFAULT_OPTION = { name: "Title", value: "Default Title" };
var GTIN2 = /^(\d{8}|\d{12,14})$/;
var isDefaultOption = (o) => o.name === DEFAULT_OPTION.name && o.value === DEFAULT_OPTION.value;
var variantFromShopify = (v, status, path, problems) => {
  const sku = v.sku?.trim() ?? "";
  if (sku === "") {
    problems.add([...path, "sku"], "a variant needs a SKU to be matched across systems", v.sku);
    return void 0;
  }
  const barcode = v.barcode?.trim() ?? "";
  const unit = v.weight === null || v.weight.value <= 0 ? void 0 : problems.mapValue([...path, "weight", "unit"], weightUnitMap, v.weight.unit);
  const attributes = barcode !== "" && !GTIN2.test(barcode) ? { barcode } : {};
  return {
    sku,
    ...optional("gtin", GTIN2.test(barcode) ? barcode : void 0),
    options: v.options.filter((o) => !isDefaultOption(o)).map((o) => ({ name: o.name, value: o.value })),
    ...optional("weight", unit === void 0 || v.weight === null ? void 0 : { value: v.weight.value, unit }),
    status,
    position: Math.max(0, v.position - 1),
    ...optional("attributes", Object.keys(attributes).length > 0 ? attributes : void 0)
  };
};
var nonEmpty = (items) => {
  const [first, ...rest] = items;
  return first === void 0 ? void 0 : [first, ...rest];
};
var attributesFromShopify = (productType, tags) => ({
  ...productType === "" ? {} : { productType },
  ...tags.length === 0 ? {} : { tags: [...tags] }
});
var stringAttribute = (attributes, key) => {
  const value = attributes?.[key];
  return typeof value === "string" ? value : void 0;
};
var listAttribute = (attributes, key) => {
  const value = attributes?.[key];
  return Array.isArray(value) ? value : [];
};
var shopifyOptions = (variant) => variant.options.length === 0 ? [DEFAULT_OPTION] : variant.options;
var shopifyWeight = (variant) => variant.weight === void 0 ? null : { unit: shopifyWeightUnit(variant.weight.unit), value: variant.weight.value };
var shopifyBarcode = (variant) => variant.gtin ?? stringAttribute(variant.attributes, "barcode") ?? null;
var ProductFromShopify = mappingTransform(ProductRecord, Product, {
  decode: (node, { defaults }, ast) => {
    const problems = new Problems(ast, node);
    const status = problems.mapValue(["status"], productStatusMap, node.status) ?? "draft";
    const variants = node.variants.nodes.map(
      (v, i) => variantFromShopify(
        { ...v, options: v.selectedOptions, weight: v.inventoryItem.measurement.weight },
        status,
        ["variants", "nodes", i],
        problems
      )
    );
    const allVariants = nonEmpty(variants.flatMap((v) => v === void 0 ? [] : [v]));
    if (variants.length === 0) problems.add(["variants", "nodes"], "a product needs at least one variant");
    const updatedAt = problems.attempt(["updatedAt"], () => toInstant(node.updatedAt));
    const images = node.media.nodes.flatMap((m) => m.image ? [{ url: m.image.url, alt: m.alt }] : []);
    return problems.result(
      () => ({
        productNumber: node.productNumber?.value ?? node.handle,
        title: { [defaults.locale]: node.title },
        ...optional(
          "description",
          node.descriptionHtml === "" ? void 0 : { [defaults.locale]: node.descriptionHtml }
        ),
        ...optional("brand", node.vendor === "" ? void 0 : node.vendor),
        categories: [],
        media: images.map((image, position) => ({
          url: image.url,
          ...optional("alt", image.alt === null ? void 0 : { [defaults.locale]: image.alt }),
          position
        })),
        status,
        attributes: attributesFromShopify(node.productType, node.tags),
        // Only built without problems, so every variant mapped and there is at least one.
        variants: allVariants,
        updatedAt: updatedAt ?? node.updatedAt
      })
    );
  },
  encode: (product, { defaults }) => ParseResult8.succeed({
    handle: productHandle(product.productNumber),
    productNumber: { value: product.productNumber },
    title: pickLocale(product.title, defaults.locale) ?? "",
    descriptionHtml: pickLocale(product.description, defaults.locale) ?? "",
    vendor: product.brand ?? "",
    productType: stringAttribute(product.attributes, "productType") ?? "",
    tags: [...listAttribute(product.attributes, "tags")],
    status: shopifyStatus(product.status),
    updatedAt: product.updatedAt,
    media: {
      nodes: [...product.media].sort((a, b) => a.position - b.position).map((m) => ({
        alt: pickLocale(m.alt, defaults.locale) ?? null,
        mediaContentType: "IMAGE",
        image: { url: m.url }
      }))
    },
    variants: {
      nodes: product.variants.map((v, i) => ({
        sku: v.sku,
        barcode: shopifyBarcode(v),
        position: (v.position ?? i) + 1,
        selectedOptions: shopifyOptions(v),
        inventoryItem: { measurement: { weight: shopifyWeight(v) } }
      }))
    }
  })
});
var optionProblems = (product, problems) => {
  const names = product.variants[0].options.map((o) => o.name);
  if (names.length > 3) problems.add(["variants", 0, "options"], "Shopify allows at most 3 options per product");
  for (let i = 0; i < product.variants.length; i++) {
    const own = product.variants[i].options;
    if (own.length !== names.length || own.some((o, j) => o.name !== names[j])) {
      problems.add(["variants", i, "options"], `Shopify needs the same options on every variant: ${names.join(", ")}`);
    }
  }
  return names;
};
var optionValuesAt = (variants, position) => {
  const seen = /* @__PURE__ */ new Set();
  const values = [];
  for (const variant of variants) {
    const value = shopifyOptions(variant)[position]?.value ?? "";
    if (seen.has(value)) continue;
    seen.add(value);
    values.push({ name: value });
  }
  return values;
};
var variantSetInput = (v, i) => ({
  sku: v.sku,
  barcode: shopifyBarcode(v),
  position: (v.position ?? i) + 1,
  optionValues: v.options.length === 0 ? [{ optionName: DEFAULT_OPTION.name, name: DEFAULT_OPTION.value }] : v.options.map((o) => ({ optionName: o.name, name: o.value })),
  inventoryItem: { tracked: true, measurement: { weight: shopifyWeight(v) } }
});
var ProductToShopify = mappingTransform(ProductSetPayload, Product, {
  decode: (input, { defaults }, ast) => {
    const problems = new Problems(ast, input);
    const status = problems.mapValue(["status"], productStatusMap, input.status) ?? "draft";
    const variants = input.variants.map(
      (v, i) => variantFromShopify(
        {
          ...v,
          options: v.optionValues.map((o) => ({ name: o.optionName, value: o.name })),
          weight: v.inventoryItem.measurement.weight
        },
        status,
        ["variants", i],
        problems
      )
    );
    const allVariants = nonEmpty(variants.flatMap((v) => v === void 0 ? [] : [v]));
    if (variants.length === 0) problems.add(["variants"], "a product needs at least one variant");
    const productNumber = input.metafields.find(
      (m) => m.namespace === productNumberMetafield.namespace && m.key === productNumberMetafield.key
    )?.value;
    return Effect5.flatMap(
      Clock.currentTimeMillis,
      (now) => problems.result(
        () => ({
          productNumber: productNumber ?? input.handle,
          title: { [defaults.locale]: input.title },
          ...optional(
            "description",
            input.descriptionHtml === "" ? void 0 : { [defaults.locale]: input.descriptionHtml }
          ),
          ...optional("brand", input.vendor === "" ? void 0 : input.vendor),
          categories: [],
          media: [],
          status,
          attributes: attributesFromShopify(input.productType, input.tags),
          // Only built without problems, so every variant mapped and there is at least one.
          variants: allVariants,
          updatedAt: toInstant(new Date(now))
        })
      )
    );
  },
  encode: (product, { defaults }, ast) => {
    const problems = new Problems(ast, product);
    const names = optionProblems(product, problems);
    const optionNames = names.length === 0 ? [DEFAULT_OPTION.name] : names;
    return problems.result(() => ({
      handle: productHandle(product.productNumber),
      title: pickLocale(product.title, defaults.locale) ?? product.productNumber,
      descriptionHtml: pickLocale(product.description, defaults.locale) ?? "",
      vendor: product.brand ?? "",
      productType: stringAttribute(product.attributes, "productType") ?? "",
      tags: [...listAttribute(product.attributes, "tags")],
      status: shopifyStatus(product.status),
      metafields: [
        {
          namespace: productNumberMetafield.namespace,
          key: productNumberMetafield.key,
          type: productNumberMetafield.type,
          value: product.productNumber
        }
      ],
      productOptions: optionNames.map((name, i) => ({
        name,
        position: i + 1,
        values: optionValuesAt(product.variants, i)
      })),
      variants: product.variants.map(variantSetInput)
    }));
  }
});
var productMapping2 = defineMapping({ entity: "product", read: ProductFromShopify, write: ProductToShopify });

// ../mapping.ts
var ctx = mappingContext("erp", { locale: "en", currency: "EUR", channel: "odoo", priceList: "default" });
var random = (seed) => () => {
  seed = seed + 1831565813 | 0;
  let t = Math.imul(seed ^ seed >>> 15, 1 | seed);
  t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
  return ((t ^ t >>> 14) >>> 0) / 4294967296;
};
var CATEGORIES = ["All / Apparel", "All / Apparel / Jackets", "All / Footwear", "All / Accessories", "All / Camping"];
var NOUNS = ["T-Shirt", "Hoodie", "Rain Jacket", "Trail Shoe", "Beanie", "Backpack 30 L", "Tent 2P", "Fleece"];
var ADJECTIVES = ["Organic Cotton", "Merino", "Alpine", "Recycled", "Ultralight", "Classic", "Storm", "Summit"];
var SIZES = ["XS", "S", "M", "L", "XL"];
var COLORS = ["Black", "Navy", "Olive", "Sand", "Red"];
var UOMS = ["kg", "kg", "kg", "g", "lb"];
var ean13 = (first12) => {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return `${first12}${(10 - sum % 10) % 10}`;
};
var datetime = (next) => {
  const day = 1 + Math.floor(next() * 28);
  const month = 1 + Math.floor(next() * 12);
  const two = (n) => String(n).padStart(2, "0");
  return `2026-${two(month)}-${two(day)} ${two(Math.floor(next() * 24))}:${two(Math.floor(next() * 60))}:${two(Math.floor(next() * 60))}`;
};
var odooProductRecords = (count, seed = 42) => {
  const next = random(seed);
  const pick = (items) => items[Math.floor(next() * items.length)];
  const records2 = [];
  for (let id = 1; id <= count; id++) {
    const name = `${pick(ADJECTIVES)} ${pick(NOUNS)}`;
    const code = `ALP-${String(id).padStart(6, "0")}`;
    const sizes = SIZES.slice(0, 1 + Math.floor(next() * SIZES.length));
    const colors = next() < 0.3 ? [] : COLORS.slice(0, 1 + Math.floor(next() * 2));
    const single = sizes.length === 1 && colors.length === 0 && next() < 0.5;
    const written = datetime(next);
    const weight = Math.round(next() * 2e3) / 1e3;
    const categ = 2 + Math.floor(next() * CATEGORIES.length);
    const variants = (single ? [[]] : sizes.flatMap((size) => colors.length === 0 ? [[size]] : colors.map((c) => [size, c]))).map((values, index) => {
      const [size, color] = values;
      const options = [
        ...size === void 0 || single ? [] : [{ attribute: "Size", value: size }],
        ...color === void 0 ? [] : [{ attribute: "Color", value: color }]
      ];
      const variantId = id * 10 + index;
      return {
        id: variantId,
        product_tmpl_id: [id, name],
        default_code: single ? code : `${code}-${values.join("-").toUpperCase()}`,
        barcode: next() < 0.1 ? false : next() < 0.05 ? `LBL-${variantId}` : ean13(String(4006381e5 + variantId).slice(0, 12)),
        weight: next() < 0.1 ? 0 : weight,
        active: next() > 0.02,
        product_template_attribute_value_ids: options.map((_2, i) => variantId * 3 + i),
        write_date: written,
        options
      };
    });
    records2.push({
      id,
      name,
      default_code: single ? code : false,
      description_sale: next() < 0.3 ? false : `${name} by Alpenglow Outfitters. Made to last, repairable.`,
      categ_id: next() < 0.05 ? false : [categ, CATEGORIES[categ - 2] ?? "All"],
      type: next() < 0.9 ? "consu" : "service",
      sale_ok: next() > 0.05,
      active: next() > 0.03,
      weight_uom_name: pick(UOMS),
      write_date: written,
      product_number: next() < 0.2 ? `PN-${id}` : false,
      variants,
      changed_at: written,
      // Read by a real integration, ignored by this mapping (prices and stock are other flows).
      list_price: Math.round(next() * 2e4) / 100,
      standard_price: Math.round(next() * 8e3) / 100,
      taxes_id: [1],
      currency_id: [1, "EUR"],
      uom_id: [1, "Units"],
      company_id: [1, "Alpenglow Outfitters GmbH"],
      create_date: "2026-01-02 10:00:00",
      is_published: next() < 0.7
    });
  }
  return records2;
};
var odooFast = compileMapping(productMapping);
var shopifyFast = compileMapping(productMapping2);
var PAGE = 200;
var eslMap = (records2) => Effect6.runSync(
  Effect6.gen(function* () {
    const out = [];
    for (let start = 0; start < records2.length; start += PAGE) {
      const page = records2.slice(start, start + PAGE);
      const key = (i) => String(start + i);
      const decoded = yield* odooFast.decodeMany(ctx, page, key);
      const canonical = decoded.map((result) => Either3.isRight(result) ? result.right : void 0);
      if (canonical.includes(void 0)) return yield* Effect6.dieMessage("a generated record did not map");
      const encoded = yield* shopifyFast.encodeMany(ctx, canonical, key);
      for (const result of encoded) out.push(Either3.isRight(result) ? result.right : result.left);
    }
    return out;
  })
);
var effectMap = (records2) => Effect6.runSync(
  Effect6.forEach(
    records2,
    (raw, i) => decodeRecord(productMapping, ctx, raw, String(i)).pipe(
      Effect6.flatMap((p) => encodeRecord(productMapping2, ctx, p, String(i)))
    )
  )
);
var text = (value) => {
  if (value === false || value === void 0) return void 0;
  const trimmed = value.trim();
  return trimmed === "" ? void 0 : trimmed;
};
var SHOPIFY_UNITS = {
  g: "GRAMS",
  kg: "KILOGRAMS",
  lb: "POUNDS",
  lbs: "POUNDS",
  oz: "OUNCES"
};
var handleOf = (productNumber) => productNumber.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
var handWritten = (raw) => {
  const productNumber = text(raw.product_number) ?? text(raw.default_code) ?? `odoo-tmpl-${raw.id}`;
  const uom = text(raw.weight_uom_name);
  const unit = uom === void 0 ? "KILOGRAMS" : SHOPIFY_UNITS[uom];
  const names = raw.variants[0]?.options.map((o) => o.attribute) ?? [];
  const optionNames = names.length === 0 ? ["Title"] : names;
  const optionsOf = (v) => v.options.length === 0 ? [{ optionName: "Title", name: "Default Title" }] : v.options.map((o) => ({ optionName: o.attribute, name: o.value }));
  return {
    handle: handleOf(productNumber),
    title: raw.name,
    descriptionHtml: text(raw.description_sale) ?? "",
    vendor: "",
    productType: raw.type,
    tags: [],
    status: !raw.active ? "ARCHIVED" : raw.sale_ok ? "ACTIVE" : "DRAFT",
    metafields: [{ namespace: "esl", key: "product_number", type: "single_line_text_field", value: productNumber }],
    productOptions: optionNames.map((name, i) => ({
      name,
      position: i + 1,
      values: [...new Set(raw.variants.map((v) => optionsOf(v)[i]?.name ?? ""))].map((value) => ({ name: value }))
    })),
    variants: raw.variants.map((v, i) => ({
      sku: text(v.default_code) ?? "",
      barcode: text(v.barcode) ?? null,
      position: i + 1,
      optionValues: optionsOf(v),
      inventoryItem: {
        tracked: true,
        measurement: { weight: v.weight > 0 && unit !== void 0 ? { unit, value: v.weight } : null }
      }
    }))
  };
};
var JSONATA = `(
  $text := function($v) { ($type($v) = "string" and $trim($v) != "") ? $trim($v) };
  $pn := $text(product_number) ? $text(product_number) : ($text(default_code) ? $text(default_code) : "odoo-tmpl-" & $string(id));
  $uom := $text(weight_uom_name);
  $unit := $uom ? $lookup({"g": "GRAMS", "kg": "KILOGRAMS", "lb": "POUNDS", "lbs": "POUNDS", "oz": "OUNCES"}, $uom) : "KILOGRAMS";
  $optionsOf := function($v) {
    $count($v.options) = 0
      ? [{"optionName": "Title", "name": "Default Title"}]
      : [$v.options.{"optionName": attribute, "name": value}]
  };
  $vs := variants;
  $names := [$vs[0].options.attribute];
  {
    "handle": $replace($replace($lowercase($pn), /[^a-z0-9]+/, "-"), /^-+|-+$/, ""),
    "title": name,
    "descriptionHtml": $text(description_sale) ? $text(description_sale) : "",
    "vendor": "",
    "productType": type,
    "tags": [],
    "status": active ? (sale_ok ? "ACTIVE" : "DRAFT") : "ARCHIVED",
    "metafields": [{"namespace": "esl", "key": "product_number", "type": "single_line_text_field", "value": $pn}],
    "productOptions": [$map($count($names) = 0 ? ["Title"] : $names, function($n, $i) {
      {
        "name": $n,
        "position": $i + 1,
        "values": [$distinct([$vs.($optionsOf($)[$i].name)]).{"name": $}]
      }
    })],
    "variants": [$vs#$i.{
      "sku": $text(default_code),
      "barcode": $text(barcode) ? $text(barcode) : null,
      "position": $i + 1,
      "optionValues": $optionsOf($),
      "inventoryItem": {
        "tracked": true,
        "measurement": {"weight": (weight > 0 and $unit) ? {"unit": $unit, "value": weight} : null}
      }
    }]
  }
)`;
var median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
var measure = async (records2, map) => {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await map(records2);
  const wall = (performance.now() - start) / 1e3;
  const cpu = process.cpuUsage(cpuStart);
  return { cpu: records2.length / ((cpu.user + cpu.system) / 1e6), wall: records2.length / wall };
};
var medianOf = (timings) => ({
  cpu: median(timings.map((t) => t.cpu)),
  wall: median(timings.map((t) => t.wall))
});
async function benchMapping(options) {
  const runs = options.runs ?? 5;
  const records2 = odooProductRecords(options.records);
  const subset = records2.slice(0, Math.min(records2.length, options.jsonataRecords ?? 2e4));
  const expression = jsonata(JSONATA);
  const jsonataMap = async (batch) => {
    const out = [];
    for (const raw of batch) out.push(await expression.evaluate(raw));
    return out;
  };
  const sample = records2.slice(0, 500);
  const viaEsl = eslMap(sample);
  const viaEffect = effectMap(sample);
  const viaHand = sample.map(handWritten);
  const viaJsonata = await jsonataMap(sample);
  sample.forEach((_2, i) => {
    const plain = JSON.parse(JSON.stringify(viaJsonata[i]));
    if (JSON.stringify(viaEsl[i]) !== JSON.stringify(viaEffect[i]))
      throw new Error(`esl fast path \u2260 Effect path at ${i}`);
    if (!isDeepStrictEqual(viaHand[i], viaEsl[i])) throw new Error(`hand-written \u2260 esl at record ${i}`);
    if (!isDeepStrictEqual(plain, viaEsl[i])) throw new Error(`JSONata \u2260 esl at record ${i}`);
  });
  const warm = records2.slice(0, Math.min(records2.length, 2e4));
  eslMap(warm);
  warm.map((r) => handWritten(r));
  effectMap(warm.slice(0, 5e3));
  await jsonataMap(warm.slice(0, 2e3));
  const timings = { esl: [], hand: [], jsonata: [] };
  const effectTimings = [];
  for (let run = 0; run < runs; run++) {
    timings.esl.push(await measure(records2, eslMap));
    timings.hand.push(await measure(records2, (batch) => batch.map((r) => handWritten(r))));
    if (run < 3) timings.jsonata.push(await measure(subset, jsonataMap));
    if (run < 3) effectTimings.push(await measure(subset, effectMap));
  }
  const esl = medianOf(timings.esl);
  const hand = medianOf(timings.hand);
  const jsonataTiming = medianOf(timings.jsonata);
  return {
    records: records2.length,
    esl: esl.cpu,
    handWritten: hand.cpu,
    jsonata: jsonataTiming.cpu,
    effectPath: medianOf(effectTimings).cpu,
    wall: { esl: esl.wall, handWritten: hand.wall, jsonata: jsonataTiming.wall },
    eslVsHandWritten: esl.cpu / hand.cpu,
    eslVsJsonata: esl.cpu / jsonataTiming.cpu,
    targets: { handWritten: esl.cpu / hand.cpu >= 0.5, jsonata: esl.cpu / jsonataTiming.cpu >= 10 }
  };
}
var flag = (name) => {
  const at = process.argv.indexOf(name);
  const value = at < 0 ? void 0 : Number(process.argv[at + 1]);
  return value === void 0 || Number.isNaN(value) ? void 0 : value;
};
if (process.argv[1] === fileURLToPath("file:///nope")) {
  const result = await benchMapping({
    records: flag("--records") ?? 2e5,
    ...flag("--jsonata-records") === void 0 ? {} : { jsonataRecords: flag("--jsonata-records") ?? 0 },
    ...flag("--runs") === void 0 ? {} : { runs: flag("--runs") ?? 5 }
  });
  const n = (perSecond) => Math.round(perSecond).toLocaleString("en").padStart(12);
  const row = (name, perSecond, wall, note) => `${name.padEnd(24)}${n(perSecond)}${wall === void 0 ? "".padStart(12) : n(wall)}  ${note}`;
  console.log(`mapping: ${result.records.toLocaleString("en")} Odoo products \u2192 canonical \u2192 Shopify payload`);
  console.log(`${"".padEnd(24)}${"rec/CPU-s".padStart(12)}${"rec/wall-s".padStart(12)}`);
  console.log(row("esl (compiled)", result.esl, result.wall.esl, ""));
  console.log(row("hand-written TS", result.handWritten, result.wall.handWritten, ""));
  console.log(row("JSONata", result.jsonata, result.wall.jsonata, ""));
  console.log(row("esl (Effect path only)", result.effectPath, void 0, "reference: decodeRecord + encodeRecord"));
  const verdict = (ok) => ok ? "pass" : "FAIL";
  console.log(
    `esl / hand-written = ${result.eslVsHandWritten.toFixed(2)} (target \u2265 0.5: ${verdict(result.targets.handWritten)})`
  );
  console.log(
    `esl / JSONata      = ${result.eslVsJsonata.toFixed(1)} (target \u2265 10: ${verdict(result.targets.jsonata)})`
  );
}

// filt.mts
var ctx2 = mappingContext("erp", { locale: "en", currency: "EUR", channel: "odoo", priceList: "default" });
var records = odooProductRecords(5e4);
var rAst = productMapping.read.ast;
var dec = mappingBodyOf(rAst.transformation, "decode");
var canonicals = records.map((r) => dec(r, ctx2, rAst).right);
var f = fullCheck(rAst.to);
for (let i = 0; i < 60; i++) for (const c of canonicals) if (!f(c)) throw 5;
