/**
 * How the sandbox declares Odoo models: fields with their types and relations, the default
 * order, the display name, and the model's own methods. A small, honest subset of the ORM.
 */
import type { Orm } from "./orm.ts"

/** A stored record: field name → raw value (many2one as id or false, many2many as id list). */
export type Row = Record<string, unknown> & { readonly id: number }

/** The field types the sandbox models use, named as Odoo's `fields.*`. */
export type FieldType =
  | "char"
  | "text"
  | "html"
  | "selection"
  | "integer"
  | "float"
  | "monetary"
  | "boolean"
  | "date"
  | "datetime"
  | "many2one"
  | "one2many"
  | "many2many"

/** One field of a model. */
export interface FieldDef {
  readonly type: FieldType
  /** The label, as Odoo's error messages name the field. */
  readonly string: string
  /** The comodel of a relational field. */
  readonly relation?: string
  /** For one2many: the many2one on the comodel that points back. */
  readonly inverse?: string
  /** NOT NULL: creating without it is a ValidationError, as Postgres' not-null violation is. */
  readonly required?: boolean
  readonly selection?: ReadonlyArray<string>
  /** Decimal digits floats are rounded to on write (Odoo's `digits`). */
  readonly digits?: number
  readonly default?:
    | string
    | number
    | boolean
    | ReadonlyArray<number>
    | ((orm: Orm, vals: Readonly<Record<string, unknown>>) => unknown)
  /** A non-stored computed field: evaluated on every read, search and sort. */
  readonly compute?: (row: Row, orm: Orm) => unknown
  /** A related field, e.g. `location_id.warehouse_id`: computed by following the path. */
  readonly related?: string
  /** The inverse method of a computed field (`_set_product_lst_price`): what writing it does. */
  readonly onWrite?: (orm: Orm, row: Row, value: unknown) => void
}

/** What a model method gets: the ORM, the records and the bound named arguments. */
export interface MethodCall {
  readonly orm: Orm
  readonly model: string
  readonly ids: ReadonlyArray<number>
  readonly args: Readonly<Record<string, unknown>>
  readonly context: Readonly<Record<string, unknown>>
}

/** A method callable over the APIs, with the Python signature JSON-2 binds named arguments to. */
export interface MethodDef {
  /** `model` for `@api.model` methods (no ids allowed), `records` otherwise. */
  readonly api: "model" | "records"
  readonly params: ReadonlyArray<{ readonly name: string; readonly required?: boolean }>
  /** The method takes `**kwargs` and passes them on (search_read → read). */
  readonly varKeywords?: ReadonlyArray<string>
  readonly run: (call: MethodCall) => unknown
}

/** One model: its fields, order, display name, and own methods. */
export interface ModelDef {
  readonly name: string
  /** `_description`, as error messages name the model. */
  readonly description: string
  /** `_order`; `id` when not given. */
  readonly order?: string
  readonly fields: Readonly<Record<string, FieldDef>>
  /** `display_name`; the `name` field when not given. */
  readonly displayName?: (row: Row, orm: Orm) => string
  /** Fills what Odoo computes and stores on create (sequences, defaults from a product). */
  readonly prepare?: (vals: Record<string, unknown>, orm: Orm) => void
  /** After records changed: what stored computed fields would do to other records' write_date. */
  readonly afterChange?: (ids: ReadonlyArray<number>, orm: Orm) => void
  readonly methods?: Readonly<Record<string, MethodDef>>
}
