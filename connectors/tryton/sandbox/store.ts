/**
 * The sandbox's ORM: records per model, and search/read/create/write with Tryton's semantics
 * for what the connector uses: domains (nested `OR`/`AND`, dotted paths, SQL NULL rules),
 * `active_test`, orders with NULLs first, dotted reads answered under `"<field>."`, nested
 * one2many `create`, and `write_date` left NULL until the first write.
 */
import { keyError, requiredError, SandboxServerError, SandboxUserError, selectionError } from "./errors.ts"
import { type FieldDef, MODELS, type ModelDef } from "./models.ts"
import { comparable, compareValues, type WireDateTime } from "./values.ts"

/** A stored record: wire values by field name, plus `id`. */
export type Row = Record<string, unknown> & { readonly id: number }

/** The call context (the user's preferences plus per-call keys). */
export type Context = Readonly<Record<string, unknown>>

/** Computes a function field of a record. */
export type Compute = (store: Store, model: string, row: Row, field: string, context: Context) => unknown

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** Records of every model, with the transaction time of the call being served. */
export class Store {
  readonly tables = new Map<string, Map<number, Row>>()
  private readonly nextIds = new Map<string, number>()
  /** The current call's timestamp: every record a call creates or writes gets it, as in a transaction. */
  now: WireDateTime | undefined
  compute: Compute = () => null

  modelDef(model: string): ModelDef {
    const def = MODELS[model]
    if (def === undefined) throw keyError(model)
    return def
  }

  table(model: string): Map<number, Row> {
    this.modelDef(model)
    let table = this.tables.get(model)
    if (table === undefined) {
      table = new Map()
      this.tables.set(model, table)
    }
    return table
  }

  row(model: string, id: number): Row | undefined {
    return this.table(model).get(id)
  }

  private fieldDef(model: string, field: string): FieldDef {
    if (field === "id") return { type: "integer", label: "ID" }
    const def = this.modelDef(model).fields[field]
    if (def === undefined) throw keyError(field)
    return def
  }

  private stamp(): WireDateTime {
    if (this.now === undefined) throw new SandboxServerError("no transaction time")
    return this.now
  }

  /** A field's value as read: stored, one2many ids, or computed. */
  value(model: string, row: Row, field: string, context: Context): unknown {
    if (field === "id") return row.id
    const def = this.fieldDef(model, field)
    if (def.type === "function") return this.compute(this, model, row, field, context)
    if (def.type === "one2many") {
      return [...this.table(def.target).values()].filter((r) => r[def.inverse] === row.id).map((r) => r.id)
    }
    return row[field] ?? null
  }

  /** Every value a dotted path reaches from a record (several through a one2many). */
  private valuesAt(model: string, row: Row, path: ReadonlyArray<string>, context: Context): Array<unknown> {
    const [head = "id", ...rest] = path
    const value = this.value(model, row, head, context)
    if (rest.length === 0) return [value]
    const def = this.fieldDef(model, head)
    const target = def.type === "many2one" || def.type === "one2many" ? def.target : undefined
    if (target === undefined) throw keyError(rest[0] ?? head)
    const ids = Array.isArray(value) ? value : value === null ? [] : [value]
    return ids.flatMap((id) => {
      const next = typeof id === "number" ? this.row(target, id) : undefined
      return next === undefined ? [] : this.valuesAt(target, next, rest, context)
    })
  }

  /** Whether a record satisfies a domain. */
  matches(model: string, row: Row, domain: unknown, context: Context): boolean {
    if (!Array.isArray(domain)) throw new SandboxServerError(`invalid domain ${JSON.stringify(domain)}`)
    const [first, ...others] = domain
    if (first === "OR") return others.some((d) => this.matchesOne(model, row, d, context))
    const terms = first === "AND" ? others : domain
    return terms.every((d) => this.matchesOne(model, row, d, context))
  }

  private matchesOne(model: string, row: Row, term: unknown, context: Context): boolean {
    if (!Array.isArray(term)) throw new SandboxServerError(`invalid domain term ${JSON.stringify(term)}`)
    const [field, operator, operand] = term
    if (typeof field !== "string" || typeof operator !== "string" || Array.isArray(field)) {
      return this.matches(model, row, term, context)
    }
    const values = this.valuesAt(model, row, field.split("."), context)
    return (
      values.some((v) => compareOperator(v, operator, operand)) ||
      (values.length === 0 && compareOperator(null, operator, operand))
    )
  }

  /** `search`: ids of the matching records, ordered, from `offset`, at most `limit`. */
  search(
    model: string,
    domain: unknown,
    offset: number,
    limit: number | null,
    order: unknown,
    context: Context,
  ): Array<number> {
    const def = this.modelDef(model)
    const activeTest = context.active_test !== false && def.fields.active !== undefined
    const rows = [...this.table(model).values()].filter(
      (row) => (!activeTest || row.active === 1) && this.matches(model, row, domain, context),
    )
    const orders: ReadonlyArray<unknown> = Array.isArray(order) && order.length > 0 ? order : [["id", "ASC"]]
    rows.sort((a, b) => {
      for (const entry of orders) {
        if (!Array.isArray(entry) || typeof entry[0] !== "string") continue
        const [field, direction] = entry
        const cmp = compareValues(this.value(model, a, field, context), this.value(model, b, field, context))
        if (cmp !== 0) return String(direction).toUpperCase() === "DESC" ? -cmp : cmp
      }
      return a.id - b.id
    })
    const start = Math.max(0, offset)
    return rows.slice(start, limit === null ? undefined : start + limit).map((r) => r.id)
  }

  /** `read`: the fields of the records, dotted fields under `"<field>."` as `{id, …}` or null. */
  read(
    model: string,
    ids: ReadonlyArray<number>,
    fields: ReadonlyArray<string>,
    context: Context,
  ): Array<Record<string, unknown>> {
    return ids.map((id) => {
      const row = this.row(model, id)
      if (row === undefined) throw new SandboxUserError(`Missing record "${model}" ${id}.`)
      const out: Record<string, unknown> = { id }
      const nested = new Map<string, Array<string>>()
      for (const field of fields) {
        const dot = field.indexOf(".")
        if (dot < 0) out[field] = this.value(model, row, field, context)
        else nested.set(field.slice(0, dot), [...(nested.get(field.slice(0, dot)) ?? []), field.slice(dot + 1)])
      }
      for (const [field, subfields] of nested) {
        const def = this.fieldDef(model, field)
        const target = def.type === "many2one" ? def.target : undefined
        const value = this.value(model, row, field, context)
        if (target === undefined) throw keyError(subfields[0] ?? field)
        out[`${field}.`] =
          typeof value === "number" ? (this.read(target, [value], subfields, context)[0] ?? null) : null
      }
      return out
    })
  }

  /** Checks and converts values a client sent for a model. */
  private values(
    model: string,
    vals: unknown,
    creating: boolean,
  ): { own: Record<string, unknown>; children: Array<[FieldDef & { type: "one2many" }, unknown]> } {
    if (!isRecord(vals)) throw new SandboxServerError(`values must be a dict, not ${JSON.stringify(vals)}`)
    const def = this.modelDef(model)
    const own: Record<string, unknown> = {}
    const children: Array<[FieldDef & { type: "one2many" }, unknown]> = []
    for (const [field, value] of Object.entries(vals)) {
      const fieldDef = this.fieldDef(model, field)
      if (fieldDef.type === "one2many") children.push([fieldDef, value])
      else if (fieldDef.type === "function") continue
      else if (fieldDef.type === "boolean") own[field] = value === true || value === 1 ? 1 : 0
      else if (
        fieldDef.type === "selection" &&
        value !== null &&
        def.selections?.[field]?.includes(String(value)) === false
      ) {
        throw selectionError(value, fieldDef.label, def.label)
      } else own[field] = value
    }
    if (creating) {
      for (const [field, fieldDef] of Object.entries(def.fields)) {
        if (
          "required" in fieldDef &&
          fieldDef.required === true &&
          (own[field] === undefined || own[field] === null || own[field] === "")
        ) {
          throw requiredError(fieldDef.label, def.label)
        }
      }
    }
    return { own, children }
  }

  private nested(id: number, children: Array<[FieldDef & { type: "one2many" }, unknown]>): void {
    for (const [def, actions] of children) {
      if (!Array.isArray(actions)) throw new SandboxServerError(`invalid one2many value ${JSON.stringify(actions)}`)
      for (const action of actions) {
        if (!Array.isArray(action) || action[0] !== "create" || !Array.isArray(action[1])) {
          throw new SandboxServerError(`unsupported one2many action ${JSON.stringify(action)}`)
        }
        this.create(
          def.target,
          action[1].map((vals) => ({ ...(isRecord(vals) ? vals : {}), [def.inverse]: id })),
        )
      }
    }
  }

  /** `create([vals, …])`: ids; defaults from `defaults`; write_date NULL. */
  create(
    model: string,
    valsList: ReadonlyArray<unknown>,
    defaults: (model: string) => Record<string, unknown> = this.defaults,
  ): Array<number> {
    const table = this.table(model)
    return valsList.map((vals) => {
      const { own, children } = this.values(model, { ...defaults(model), ...(isRecord(vals) ? vals : {}) }, true)
      const id = this.nextIds.get(model) ?? 1
      this.nextIds.set(model, id + 1)
      table.set(id, { ...own, id, create_date: this.stamp(), write_date: null })
      this.nested(id, children)
      return id
    })
  }

  /** Defaults of a model's new records (set by the workflow). */
  defaults: (model: string) => Record<string, unknown> = () => ({})

  /** `write(ids, vals)`. */
  write(model: string, ids: ReadonlyArray<number>, vals: unknown): void {
    const { own, children } = this.values(model, vals, false)
    for (const id of ids) {
      const row = this.row(model, id)
      if (row === undefined) throw new SandboxUserError(`Missing record "${model}" ${id}.`)
      this.table(model).set(id, { ...row, ...own, id, write_date: this.stamp() })
      this.nested(id, children)
    }
  }

  /** Forgets every record. */
  clear(): void {
    this.tables.clear()
    this.nextIds.clear()
  }
}

/** One domain comparison under SQL rules: NULL matches only `= null` / `!= null`-style tests. */
const compareOperator = (value: unknown, operator: string, operand: unknown): boolean => {
  const v = comparable(value)
  switch (operator) {
    case "=":
      return operand === null || operand === false
        ? v === null || v === 0
        : v !== null && compareValues(value, operand) === 0
    case "!=":
      return operand === null || operand === false
        ? v !== null && v !== 0
        : v !== null && compareValues(value, operand) !== 0
    case "in":
    case "not in": {
      const list = Array.isArray(operand) ? operand : []
      const found = v !== null && list.some((o) => compareValues(value, o) === 0)
      return operator === "in" ? found : !found
    }
    case "<":
      return v !== null && compareValues(value, operand) < 0
    case "<=":
      return v !== null && compareValues(value, operand) <= 0
    case ">":
      return v !== null && compareValues(value, operand) > 0
    case ">=":
      return v !== null && compareValues(value, operand) >= 0
    case "like":
    case "ilike":
    case "not like":
    case "not ilike": {
      if (typeof v !== "string" || typeof operand !== "string") return operator.startsWith("not")
      const pattern = operand
        .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        .replace(/%/g, ".*")
        .replace(/_/g, ".")
      const found = new RegExp(`^${pattern}$`, operator.includes("ilike") ? "is" : "s").test(v)
      return operator.startsWith("not") ? !found : found
    }
    default:
      throw new SandboxServerError(`unknown operator ${operator}`)
  }
}
