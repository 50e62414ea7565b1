import { Schema } from "effect"
import { LocalizedText } from "./localizedText.ts"
import { Instant, Key } from "./primitives.ts"

/** A category. Natural key: its code or path (`apparel/shirts`). */
export const Category = Schema.Struct({
  code: Key,
  name: LocalizedText,
  parentCode: Schema.optional(Key),
  position: Schema.optional(Schema.Int),
  updatedAt: Instant,
})
  .pipe(
    Schema.filter(
      (c) => c.parentCode !== c.code || { path: ["parentCode"], message: "a category cannot be its own parent" },
    ),
  )
  .annotations({ identifier: "Category" })
export type Category = typeof Category.Type
