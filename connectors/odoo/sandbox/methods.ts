/**
 * The ORM methods every model has over the APIs, and how a call's named arguments are bound to
 * a method's Python signature (as JSON-2 does with `inspect.signature(...).bind`).
 */
import { notFound, typeError, unprocessable } from "./errors.ts"
import type { Orm } from "./orm.ts"
import type { MethodCall, MethodDef } from "./schema.ts"

const num = (v: unknown, fallback: number): number => (typeof v === "number" ? v : fallback)
const strings = (v: unknown): ReadonlyArray<string> | undefined =>
  Array.isArray(v) ? v.filter((f): f is string => typeof f === "string") : undefined
const activeTest = (context: Readonly<Record<string, unknown>>) => context.active_test !== false
const searchOptions = (call: MethodCall) => ({
  offset: num(call.args.offset, 0),
  limit: typeof call.args.limit === "number" ? call.args.limit : null,
  order: typeof call.args.order === "string" ? call.args.order : null,
  activeTest: activeTest(call.context),
})

/** `BaseModel`'s public methods. */
export const ORM_METHODS: Readonly<Record<string, MethodDef>> = {
  search_read: {
    api: "model",
    params: [{ name: "domain" }, { name: "fields" }, { name: "offset" }, { name: "limit" }, { name: "order" }],
    varKeywords: ["load"],
    run: (call) => {
      const ids = call.orm.search(call.model, call.args.domain ?? [], searchOptions(call))
      return call.orm.read(call.model, ids, strings(call.args.fields))
    },
  },
  search: {
    api: "model",
    params: [{ name: "domain", required: true }, { name: "offset" }, { name: "limit" }, { name: "order" }],
    run: (call) => call.orm.search(call.model, call.args.domain, searchOptions(call)),
  },
  search_count: {
    api: "model",
    params: [{ name: "domain", required: true }, { name: "limit" }],
    run: (call) => call.orm.search(call.model, call.args.domain, { activeTest: activeTest(call.context) }).length,
  },
  read: {
    api: "records",
    params: [{ name: "fields" }, { name: "load" }],
    run: (call) => call.orm.read(call.model, call.ids, strings(call.args.fields)),
  },
  create: {
    api: "model",
    params: [{ name: "vals_list", required: true }],
    run: (call) => {
      const vals = call.args.vals_list
      // `create(dict)` answers one id, `create([dict, …])` a list.
      if (Array.isArray(vals)) return call.orm.create(call.model, vals)
      return call.orm.create(call.model, [vals])[0]
    },
  },
  write: {
    api: "records",
    params: [{ name: "vals", required: true }],
    run: (call) => {
      call.orm.write(call.model, call.ids, call.args.vals)
      return true
    },
  },
  unlink: {
    api: "records",
    params: [],
    run: (call) => {
      call.orm.unlink(call.model, call.ids)
      return true
    },
  },
  fields_get: {
    api: "model",
    params: [{ name: "allfields" }, { name: "attributes" }],
    run: (call) => {
      const wanted = strings(call.args.allfields)
      const attributes = strings(call.args.attributes)
      const out: Record<string, Record<string, unknown>> = {}
      for (const name of call.orm.fieldNames(call.model)) {
        if (wanted !== undefined && wanted.length > 0 && !wanted.includes(name)) continue
        const field = call.orm.field(call.model, name)
        const description: Record<string, unknown> = {
          type: field.type,
          string: field.string,
          required: field.required === true,
          ...(field.relation === undefined ? {} : { relation: field.relation }),
        }
        out[name] =
          attributes === undefined || attributes.length === 0
            ? description
            : Object.fromEntries(Object.entries(description).filter(([k]) => attributes.includes(k)))
      }
      return out
    },
  },
}

/** The method `name` of a model, or the 404 JSON-2 answers. */
export const findMethod = (
  model: string,
  name: string,
  own: Readonly<Record<string, MethodDef>> | undefined,
): MethodDef => {
  const method = own?.[name] ?? ORM_METHODS[name]
  if (method === undefined || name.startsWith("_")) throw notFound(`The method '${model}.${name}' does not exist`)
  return method
}

/**
 * Binds named arguments to the signature; positional ones (from `execute_kw`) come first.
 * Raises what JSON-2 answers: 422 for a bad signature, 500 for a keyword the method passes on
 * to one that does not take it.
 */
export const bindArguments = (
  model: string,
  name: string,
  method: MethodDef,
  positional: ReadonlyArray<unknown>,
  named: Readonly<Record<string, unknown>>,
): Record<string, unknown> => {
  if (positional.length > method.params.length) {
    throw unprocessable(`too many positional arguments`)
  }
  const bound: Record<string, unknown> = {}
  method.params.forEach((param, index) => {
    if (index < positional.length) bound[param.name] = positional[index]
  })
  for (const [key, value] of Object.entries(named)) {
    if (key in bound) throw unprocessable(`multiple values for argument '${key}'`)
    const known = method.params.some((p) => p.name === key)
    if (!known && method.varKeywords === undefined) throw unprocessable(`got an unexpected keyword argument '${key}'`)
    if (!known && !method.varKeywords?.includes(key)) {
      throw typeError(`${model}.${name}() got an unexpected keyword argument '${key}'`)
    }
    bound[key] = value
  }
  for (const param of method.params) {
    if (param.required && !(param.name in bound)) throw unprocessable(`missing a required argument: '${param.name}'`)
  }
  return bound
}

/** Runs `model.method` for either protocol: the model and method must exist, model methods take no ids. */
export const invoke = (
  orm: Orm,
  call: {
    readonly model: string
    readonly method: string
    readonly ids: ReadonlyArray<number>
    readonly positional: ReadonlyArray<unknown>
    readonly named: Readonly<Record<string, unknown>>
    readonly context: Readonly<Record<string, unknown>>
  },
): unknown => {
  const def = orm.model(call.model)
  const method = findMethod(call.model, call.method, def.methods)
  if (method.api === "model" && call.ids.length > 0) {
    throw unprocessable(`cannot call ${call.model}.${call.method} with ids`)
  }
  const args = bindArguments(call.model, call.method, method, call.positional, call.named)
  return orm.transaction(() => method.run({ orm, model: call.model, ids: call.ids, args, context: call.context }))
}
