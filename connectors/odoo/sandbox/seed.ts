/** Loads the demo database into the sandbox's ORM, with the model defaults filled in. */
import { seed } from "../fixtures/seed.ts"
import type { Orm } from "./orm.ts"

export const loadSeed = (orm: Orm): void => {
  for (const table of seed) {
    const def = orm.model(table.model)
    for (const row of table.rows) {
      const filled: Record<string, unknown> = {}
      for (const [name, field] of Object.entries(def.fields)) {
        if (name in row || field.default === undefined || field.compute !== undefined || field.related !== undefined) {
          continue
        }
        if (field.type === "one2many") continue
        filled[name] = typeof field.default === "function" ? field.default(orm, row) : field.default
      }
      const writeDate = typeof row.write_date === "string" ? row.write_date : "2026-01-01 00:00:00"
      orm.insert(table.model, { create_date: writeDate, ...filled, ...row, id: row.id })
    }
  }
}
