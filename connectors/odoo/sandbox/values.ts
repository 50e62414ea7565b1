/**
 * Field values on their way in (write: checked and converted as Odoo's `convert_to_column` and
 * Postgres would) and out (read: `false` for empty, many2one as `[id, display_name]`).
 */
import { validationError, valueError } from "./errors.ts"
import type { Orm } from "./orm.ts"
import type { FieldDef } from "./schema.ts"

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

const table = (model: string) => model.replace(/\./g, "_")

/** The value of an unset field as the ORM holds it. */
export const emptyValue = (field: FieldDef): unknown => {
  switch (field.type) {
    case "one2many":
    case "many2many":
      return []
    case "integer":
    case "float":
    case "monetary":
      return 0
    default:
      return false
  }
}

const roundTo = (value: number, digits: number): number => {
  const factor = 10 ** digits
  return Math.round((value + Number.EPSILON * Math.sign(value)) * factor) / factor
}

/** A Postgres foreign-key violation, as Odoo's `_as_validation_error` words it. */
export const foreignKeyViolation = (orm: Orm, model: string, name: string) =>
  validationError(
    `The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${orm.model(model).description} (${model})\nConstraint: ${table(model)}_${name}_fkey\n`,
  )

/** A Postgres not-null violation, as Odoo's `_as_validation_error` words it. */
export const notNullViolation = (orm: Orm, model: string, name: string, field: FieldDef) =>
  validationError(
    `The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${orm.model(model).description} (${model})\nField: ${field.string} (${name})\n`,
  )

/** Converts a written value for storage, or raises what Odoo raises for it. */
export const columnValue = (orm: Orm, model: string, name: string, field: FieldDef, value: unknown): unknown => {
  if (value === null || value === undefined) value = false
  switch (field.type) {
    case "many2one": {
      if (value === false) return false
      if (typeof value !== "number" || !Number.isInteger(value)) {
        throw validationError(
          `The operation cannot be completed: invalid input syntax for type integer: ${JSON.stringify(value)}`,
        )
      }
      if (orm.get(field.relation ?? "", value) === undefined) throw foreignKeyViolation(orm, model, name)
      return value
    }
    case "integer":
    case "float":
    case "monetary": {
      if (value === false) return 0
      const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value
      if (typeof number !== "number" || !Number.isFinite(number)) {
        throw valueError(`could not convert string to float: ${JSON.stringify(value)}`)
      }
      if (field.type === "integer") return Math.trunc(number)
      return field.digits === undefined ? number : roundTo(number, field.digits)
    }
    case "boolean":
      return Boolean(value)
    case "selection":
      if (value === false) return false
      if (typeof value !== "string" || !(field.selection ?? []).includes(value)) {
        throw valueError(`Wrong value for ${model}.${name}: ${JSON.stringify(value)}`)
      }
      return value
    case "date":
    case "datetime": {
      if (value === false) return false
      if (typeof value === "string" && field.type === "datetime" && DATETIME.test(value)) return value
      if (typeof value === "string" && DATE.test(value)) return field.type === "date" ? value : `${value} 00:00:00`
      const format = field.type === "date" ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S"
      throw valueError(`time data ${JSON.stringify(value)} does not match format '${format}'`)
    }
    case "char":
    case "text":
    case "html":
      return value === false ? false : String(value)
    case "one2many":
    case "many2many":
      return value
  }
}

/** A stored or computed value as `read` renders it. */
export const readValue = (orm: Orm, field: FieldDef, value: unknown): unknown => {
  switch (field.type) {
    case "many2one": {
      if (typeof value !== "number") return false
      const target = orm.get(field.relation ?? "", value)
      return target === undefined ? false : [value, orm.displayName(field.relation ?? "", target)]
    }
    case "one2many":
    case "many2many":
      return Array.isArray(value) ? [...value] : []
    case "integer":
    case "float":
    case "monetary":
      return typeof value === "number" ? value : 0
    case "boolean":
      return value === true
    default:
      return value === undefined || value === null ? false : value
  }
}
