/**
 * Canonical Category → Shopware category: the id derives from the code (`apparel/shirts`), the
 * parent's from the parent code; names per locale in `translations`. The codes are kept in
 * `customFields` so the payload reads back to the same category.
 */
import { Clock, Effect, Schema } from "effect"
import { shopwareId } from "../../connectors/shopware/ids.ts"
import { CategoryPayload } from "../../connectors/shopware/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Category, pickLocale, toInstant } from "../../core/model/index.ts"
import { failAt, shopwareLocale } from "./values.ts"

export const categoryWrite = Schema.transformOrFail(CategoryPayload, Category, {
  strict: true,
  decode: (payload) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const name: Record<string, string> = {}
      for (const [locale, t] of Object.entries(payload.translations)) if (t.name !== undefined) name[locale] = t.name
      return {
        code: payload.customFields.esl_code,
        name,
        ...(payload.customFields.esl_parent_code === null ? {} : { parentCode: payload.customFields.esl_parent_code }),
        updatedAt: toInstant(new Date(now)),
      }
    }),
  encode: (category, _options, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const name = pickLocale(category.name, ctx.defaults.locale)
      if (name === undefined) return yield* failAt(ast, category, ["name"], "a category needs a name")
      const translations: Record<string, { name?: string }> = {}
      for (const [locale, text] of Object.entries(category.name)) translations[shopwareLocale(locale)] = { name: text }
      return {
        id: shopwareId("category", category.code),
        name,
        translations,
        parentId: category.parentCode === undefined ? null : shopwareId("category", category.parentCode),
        customFields: { esl_code: category.code, esl_parent_code: category.parentCode ?? null },
      }
    }),
})

/** `category`: written by the categories sink. */
export const categoryMapping = defineMapping<"category", unknown, typeof CategoryPayload.Encoded>({
  entity: "category",
  write: categoryWrite,
})
