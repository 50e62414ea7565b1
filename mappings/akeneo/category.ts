/**
 * Akeneo category ⇄ canonical Category: code, labels per locale (`de_DE` → `de-DE`), parent
 * code (null for a tree's root), position within its parent (`with_position=true`).
 */
import { Effect, ParseResult, Schema } from "effect"
import { AkeneoCategory } from "../../connectors/akeneo/schemas/catalog.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { optional } from "../../core/mapping/problems.ts"
import { Category, toInstant } from "../../core/model/index.ts"
import { toAkeneoLocale, toBcp47 } from "./values.ts"

const CategoryFromAkeneo = Schema.transformOrFail(AkeneoCategory, Category, {
  strict: true,
  decode: (category, _, ast) =>
    Effect.gen(function* () {
      const updatedAt = yield* Effect.try({
        try: () => toInstant(category.updated),
        catch: (error) =>
          new ParseResult.Pointer("updated", category, new ParseResult.Type(ast, category.updated, String(error))),
      })
      const name: Record<string, string> = {}
      for (const [locale, label] of Object.entries(category.labels)) if (label) name[toBcp47(locale)] = label
      return {
        code: category.code,
        name,
        ...optional("parentCode", category.parent ?? undefined),
        ...optional("position", category.position),
        updatedAt,
      }
    }),
  encode: (category) =>
    Effect.succeed({
      code: category.code,
      parent: category.parentCode ?? null,
      labels: Object.fromEntries(
        Object.entries(category.name).map(([locale, label]) => [toAkeneoLocale(locale), label]),
      ),
      updated: category.updatedAt,
      ...optional("position", category.position),
    }),
})

/** Akeneo categories → canonical categories (read only: categories are the PIM's). */
export const categoryMapping = defineMapping({ entity: "category", read: CategoryFromAkeneo })
