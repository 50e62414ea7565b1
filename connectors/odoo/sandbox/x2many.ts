/**
 * x2many commands, the way Odoo writes one2many and many2many fields:
 * `[0, 0, vals]` create, `[1, id, vals]` update, `[2, id]` delete, `[3, id]` unlink,
 * `[4, id]` link, `[5]` clear, `[6, 0, ids]` replace. A plain id list sets a many2many.
 * https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#odoo.fields.Command
 */
import { valueError } from "./errors.ts"
import type { Orm } from "./orm.ts"
import { foreignKeyViolation } from "./values.ts"

const ids = (value: unknown): ReadonlyArray<number> =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : []

/** Applies the x2many commands written to `model.name` of record `id`. */
export const applyCommands = (orm: Orm, model: string, id: number, name: string, commands: unknown): void => {
  const field = orm.field(model, name)
  const relation = field.relation ?? ""
  if (!Array.isArray(commands)) throw valueError(`Invalid value for ${model}.${name}: ${JSON.stringify(commands)}`)
  const row = orm.get(model, id)
  if (row === undefined) return

  if (field.type === "many2many") {
    let current = ids(row[name])
    const set = (next: ReadonlyArray<number>) => {
      for (const target of next)
        if (orm.get(relation, target) === undefined) throw foreignKeyViolation(orm, model, name)
      current = [...new Set(next)]
    }
    for (const command of commands) {
      if (typeof command === "number") set([...current, command])
      else if (Array.isArray(command)) {
        const [code, target, payload] = command
        if (code === 0) set([...current, ...orm.create(relation, [payload])])
        else if (code === 1 && typeof target === "number") orm.write(relation, [target], payload)
        else if (code === 2 && typeof target === "number") {
          orm.unlink(relation, [target])
          current = current.filter((t) => t !== target)
        } else if (code === 3) current = current.filter((t) => t !== target)
        else if (code === 4 && typeof target === "number") set([...current, target])
        else if (code === 5) current = []
        else if (code === 6) set(ids(payload))
        else throw valueError(`Invalid x2many command ${JSON.stringify(command)}`)
      } else throw valueError(`Invalid x2many command ${JSON.stringify(command)}`)
    }
    row[name] = current
    return
  }

  // one2many: the children carry the link in their inverse many2one.
  const inverse = field.inverse ?? ""
  const inverseRequired = orm.field(relation, inverse).required === true
  // An unlinked child whose link is required cannot live on: Odoo deletes it.
  const detach = (child: number) =>
    inverseRequired ? orm.unlink(relation, [child]) : orm.write(relation, [child], { [inverse]: false })
  for (const command of commands) {
    if (!Array.isArray(command)) throw valueError(`Invalid x2many command ${JSON.stringify(command)}`)
    const [code, target, payload] = command
    const vals = typeof payload === "object" && payload !== null && !Array.isArray(payload) ? payload : {}
    if (code === 0) orm.create(relation, [{ ...vals, [inverse]: id }])
    else if (code === 1 && typeof target === "number") orm.write(relation, [target], vals)
    else if (code === 2 && typeof target === "number") orm.unlink(relation, [target])
    else if (code === 3 && typeof target === "number") detach(target)
    else if (code === 4 && typeof target === "number") orm.write(relation, [target], { [inverse]: id })
    else if (code === 5) for (const child of orm.children(relation, inverse, id)) detach(child)
    else if (code === 6) {
      const keep = ids(payload)
      for (const child of orm.children(relation, inverse, id)) if (!keep.includes(child)) detach(child)
      for (const child of keep) orm.write(relation, [child], { [inverse]: id })
    } else throw valueError(`Invalid x2many command ${JSON.stringify(command)}`)
  }
}
