/** Short constructors for sandbox field declarations, named like Odoo's `fields.*`. */
import type { FieldDef } from "../schema.ts"

type Extra = Omit<FieldDef, "type" | "string" | "relation" | "selection" | "inverse">

/** `fields.Char(string, …)` and friends: a field of that type with its label. */
export const char = (string: string, extra: Extra = {}): FieldDef => ({ type: "char", string, ...extra })
export const text = (string: string, extra: Extra = {}): FieldDef => ({ type: "text", string, ...extra })
export const html = (string: string, extra: Extra = {}): FieldDef => ({ type: "html", string, ...extra })
export const integer = (string: string, extra: Extra = {}): FieldDef => ({ type: "integer", string, ...extra })
export const float = (string: string, extra: Extra = {}): FieldDef => ({ type: "float", string, ...extra })
export const boolean = (string: string, extra: Extra = {}): FieldDef => ({ type: "boolean", string, ...extra })
export const datetime = (string: string, extra: Extra = {}): FieldDef => ({ type: "datetime", string, ...extra })
export const selection = (string: string, values: ReadonlyArray<string>, extra: Extra = {}): FieldDef => ({
  type: "selection",
  string,
  selection: values,
  ...extra,
})
export const many2one = (relation: string, string: string, extra: Extra = {}): FieldDef => ({
  type: "many2one",
  string,
  relation,
  ...extra,
})
export const one2many = (relation: string, inverse: string, string: string, extra: Extra = {}): FieldDef => ({
  type: "one2many",
  string,
  relation,
  inverse,
  ...extra,
})
export const many2many = (relation: string, string: string, extra: Extra = {}): FieldDef => ({
  type: "many2many",
  string,
  relation,
  ...extra,
})
/** `active`, which makes searches leave archived records out unless asked. */
export const active = (): FieldDef => ({ type: "boolean", string: "Active", default: true })
