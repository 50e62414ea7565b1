/**
 * The sandbox's in-memory ORM: records per model, with Odoo's create/write/read/search/unlink
 * semantics where the connector can observe them (defaults, required fields, foreign keys,
 * x2many commands, `write_date` on every change, the implicit `active` filter, one transaction
 * per call).
 */
import { matches, mentions, parseDomain, validateDomain } from "./domain.ts"
import { missingError, notFound, type OdooException, valueError } from "./errors.ts"
import { parseOrder, sortRows } from "./ordering.ts"
import type { FieldDef, ModelDef, Row } from "./schema.ts"
import { columnValue, emptyValue, notNullViolation, readValue } from "./values.ts"
import { applyCommands } from "./x2many.ts"

const MAGIC: Readonly<Record<string, FieldDef>> = {
  id: { type: "integer", string: "ID" },
  display_name: { type: "char", string: "Display Name" },
  create_date: { type: "datetime", string: "Created on" },
  write_date: { type: "datetime", string: "Last Updated on" },
}

/** Now, as Odoo stores datetimes: UTC to the second, `YYYY-MM-DD HH:MM:SS`. */
export const odooNow = (): string => new Date().toISOString().slice(0, 19).replace("T", " ")

/** `search`'s paging and ordering, and the `active_test` context key. */
export interface SearchOptions {
  readonly offset?: number
  readonly limit?: number | null | false
  readonly order?: string | null | false
  /** Odoo's `active_test` context key: false includes archived records. */
  readonly activeTest?: boolean
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** Records of every model, and the ORM methods over them. */
export class Orm {
  private tables = new Map<string, Map<number, Row>>()
  private lastIds = new Map<string, number>()
  /** The time `write_date` is set to; tests replace it to control the order of changes. */
  clock: () => string = odooNow

  constructor(readonly models: Readonly<Record<string, ModelDef>>) {}

  /** The model, or the 404 JSON-2 answers for an unknown one. */
  model(name: string): ModelDef {
    const def = this.models[name]
    if (def === undefined) throw notFound(`the model '${name}' does not exist`)
    return def
  }

  /** A field of a model (magic fields included), or Odoo's ValueError. */
  field(model: string, name: string, onMissing?: () => OdooException): FieldDef {
    const field = this.model(model).fields[name] ?? MAGIC[name]
    if (field === undefined) throw onMissing?.() ?? valueError(`Invalid field '${name}' on model '${model}'`)
    return field
  }

  fieldNames(model: string): ReadonlyArray<string> {
    return ["id", ...Object.keys(this.model(model).fields), "display_name", "create_date", "write_date"]
  }

  private table(model: string): Map<number, Row> {
    let rows = this.tables.get(model)
    if (rows === undefined) {
      this.model(model)
      rows = new Map()
      this.tables.set(model, rows)
    }
    return rows
  }

  get(model: string, id: number): Row | undefined {
    return this.table(model).get(id)
  }

  /** Every record of a model, archived ones included, in id order. */
  all(model: string): ReadonlyArray<Row> {
    return [...this.table(model).values()].sort((a, b) => a.id - b.id)
  }

  displayName(model: string, row: Row): string {
    const def = this.model(model)
    if (def.displayName !== undefined) return def.displayName(row, this)
    return typeof row.name === "string" ? row.name : `${model},${row.id}`
  }

  /** The display name of the record a many2one field points at, or "". */
  readName(model: string, row: Row, name: string): string {
    const relation = this.field(model, name).relation ?? ""
    const id = this.value(model, row, name)
    const target = typeof id === "number" ? this.get(relation, id) : undefined
    return target === undefined ? "" : this.displayName(relation, target)
  }

  /** A field's value as the ORM sees it (computed and related fields evaluated). */
  value(model: string, row: Row, name: string): unknown {
    if (name === "id") return row.id
    if (name === "display_name") return this.displayName(model, row)
    const field = this.field(model, name)
    if (field.related !== undefined) return this.related(model, row, field.related)
    if (field.compute !== undefined) return field.compute(row, this)
    if (field.type === "one2many") return this.children(field.relation ?? "", field.inverse ?? "", row.id)
    const raw = row[name]
    return raw === undefined || raw === null ? emptyValue(field) : raw
  }

  private related(model: string, row: Row, path: string): unknown {
    const names = path.split(".")
    let current = model
    let record: Row | undefined = row
    for (const name of names.slice(0, -1)) {
      const field = this.field(current, name)
      const id: unknown = this.value(current, record, name)
      current = field.relation ?? ""
      record = typeof id === "number" ? this.get(current, id) : undefined
      if (record === undefined) return emptyValue(this.field(current, names.at(-1) ?? ""))
    }
    return this.value(current, record, names.at(-1) ?? "")
  }

  /** Ids of the active records of `model` whose `inverse` points at `id`, in the model's order. */
  children(model: string, inverse: string, id: number): ReadonlyArray<number> {
    const hasActive = this.model(model).fields.active !== undefined
    const rows = this.all(model).filter(
      (r) => r[inverse] === id && (!hasActive || this.value(model, r, "active") !== false),
    )
    return sortRows(this, model, [...rows], parseOrder(this, model, this.model(model).order ?? "id")).map((r) => r.id)
  }

  search(model: string, domain: unknown, options: SearchOptions = {}): ReadonlyArray<number> {
    const def = this.model(model)
    const node = parseDomain(domain)
    validateDomain(this, model, node)
    const activeTest = options.activeTest !== false && def.fields.active !== undefined && !mentions(node, "active")
    const rows = this.all(model).filter(
      (r) => (!activeTest || this.value(model, r, "active") !== false) && matches(this, model, r, node),
    )
    const order = parseOrder(this, model, options.order || def.order || "id")
    const offset = options.offset ?? 0
    const sorted = sortRows(this, model, [...rows], order).slice(offset)
    const limit = options.limit
    return (typeof limit === "number" && limit > 0 ? sorted.slice(0, limit) : sorted).map((r) => r.id)
  }

  read(model: string, ids: ReadonlyArray<number>, fields?: ReadonlyArray<string> | null | false) {
    const names = fields && fields.length > 0 ? ["id", ...fields.filter((f) => f !== "id")] : this.fieldNames(model)
    for (const name of names) this.field(model, name)
    return ids.map((id) => {
      const row = this.get(model, id)
      if (row === undefined) throw missingError(model, [id])
      const record: Record<string, unknown> = {}
      for (const name of names) record[name] = readValue(this, this.field(model, name), this.value(model, row, name))
      return record
    })
  }

  create(model: string, valsList: ReadonlyArray<unknown>): ReadonlyArray<number> {
    const def = this.model(model)
    const ids: Array<number> = []
    for (const vals of valsList) {
      if (!isRecord(vals)) throw valueError(`create() expects a dict of values, got ${JSON.stringify(vals)}`)
      const { own, relations, inverses } = this.split(model, vals)
      for (const [name, field] of Object.entries(def.fields)) {
        if (name in own || field.default === undefined || field.compute !== undefined || field.related !== undefined) {
          continue
        }
        if (field.type === "one2many" || relations.some(([given]) => given === name)) continue
        own[name] = typeof field.default === "function" ? field.default(this, vals) : field.default
      }
      def.prepare?.(own, this)
      const stored = this.convert(model, own)
      for (const [name, field] of Object.entries(def.fields)) {
        if (field.required && (stored[name] === undefined || stored[name] === false)) {
          throw notNullViolation(this, model, name, field)
        }
      }
      const id = (this.lastIds.get(model) ?? 0) + 1
      this.lastIds.set(model, id)
      const now = this.clock()
      this.table(model).set(id, { ...stored, id, create_date: now, write_date: now })
      for (const [name, commands] of relations) applyCommands(this, model, id, name, commands)
      this.applyInverses(model, id, inverses)
      ids.push(id)
    }
    def.afterChange?.(ids, this)
    return ids
  }

  write(model: string, ids: ReadonlyArray<number>, vals: unknown): void {
    const def = this.model(model)
    if (!isRecord(vals)) throw valueError(`write() expects a dict of values, got ${JSON.stringify(vals)}`)
    const missing = ids.filter((id) => this.get(model, id) === undefined)
    if (missing.length > 0) throw missingError(model, missing)
    const { own, relations, inverses } = this.split(model, vals)
    const stored = this.convert(model, own)
    for (const [name, value] of Object.entries(stored)) {
      const field = this.field(model, name)
      if (field.required && value === false) throw notNullViolation(this, model, name, field)
    }
    const now = this.clock()
    for (const id of ids) {
      Object.assign(this.table(model).get(id) ?? {}, stored, { write_date: now })
      for (const [name, commands] of relations) applyCommands(this, model, id, name, commands)
      this.applyInverses(model, id, inverses)
    }
    def.afterChange?.(ids, this)
  }

  private applyInverses(model: string, id: number, inverses: ReadonlyArray<readonly [FieldDef, unknown]>): void {
    const row = this.get(model, id)
    if (row !== undefined) for (const [field, value] of inverses) field.onWrite?.(this, row, value)
  }

  unlink(model: string, ids: ReadonlyArray<number>): void {
    const def = this.model(model)
    const missing = ids.filter((id) => this.get(model, id) === undefined)
    if (missing.length > 0) throw missingError(model, missing)
    for (const id of ids) {
      // one2many children go with their parent (ondelete cascade).
      for (const field of Object.values(def.fields)) {
        if (field.type === "one2many" && field.compute === undefined) {
          const relation = field.relation ?? ""
          const children = this.all(relation).filter((r) => r[field.inverse ?? ""] === id)
          if (children.length > 0)
            this.unlink(
              relation,
              children.map((r) => r.id),
            )
        }
      }
      this.table(model).delete(id)
    }
  }

  /** Bumps `write_date` as a stored computed field's recomputation does. */
  touch(model: string, ids: ReadonlyArray<number>): void {
    const now = this.clock()
    for (const id of ids) {
      const row = this.get(model, id)
      if (row !== undefined) row.write_date = now
    }
  }

  /** Stores a record as given: seed data with its own ids and timestamps, unchecked. */
  insert(model: string, row: Row): void {
    this.table(model).set(row.id, { ...row })
    this.lastIds.set(model, Math.max(this.lastIds.get(model) ?? 0, row.id))
  }

  /** Runs one API call as one transaction: on an exception nothing it did remains. */
  transaction<A>(work: () => A): A {
    const tables = structuredClone(this.tables)
    const lastIds = new Map(this.lastIds)
    try {
      return work()
    } catch (error) {
      this.tables = tables
      this.lastIds = lastIds
      throw error
    }
  }

  /** Forgets every record. */
  clear(): void {
    this.tables = new Map()
    this.lastIds = new Map()
  }

  private split(model: string, vals: Readonly<Record<string, unknown>>) {
    const own: Record<string, unknown> = {}
    const relations: Array<[string, unknown]> = []
    const inverses: Array<[FieldDef, unknown]> = []
    for (const [name, value] of Object.entries(vals)) {
      const field = this.field(model, name)
      if (field.onWrite !== undefined) inverses.push([field, value])
      // Odoo ignores values for computed fields without an inverse, and for the magic ones.
      if (field.compute !== undefined || field.related !== undefined || name in MAGIC) continue
      if (field.type === "one2many" || field.type === "many2many") relations.push([name, value])
      else own[name] = value
    }
    return { own, relations, inverses }
  }

  private convert(model: string, own: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const stored: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(own)) {
      stored[name] = columnValue(this, model, name, this.field(model, name), value)
    }
    return stored
  }
}
