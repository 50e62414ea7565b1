/**
 * `product` ⇄ a goods template with its variants (the products stream's record). Product
 * number: the template's code; without one, a single variant's code; else `tryton-tmpl-<id>`,
 * stable for the template's life. SKU: the variant's code (template code + suffix code); a
 * variant without one cannot be sold anywhere and fails here. Status: archived when the
 * template or variant is inactive, draft when the template is not salable.
 */
import { Effect, Schema } from "effect"
import { type TrytonProduct, TrytonProduct as TrytonProductSchema } from "../../connectors/tryton/schemas/product.ts"
import { dateTimeOf, decimal, isTrue } from "../../connectors/tryton/schemas/values.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Product, type ProductStatus, pickLocale, textIn, type Variant } from "../../core/model/index.ts"
import { failAt, textOf } from "./trytonValues.ts"

const DERIVED = /^tryton-tmpl-(\d+)$/

const templateStatus = (raw: TrytonProduct): ProductStatus =>
  !isTrue(raw.active) ? "archived" : isTrue(raw.salable) ? "active" : "draft"

/** TrytonProduct ⇄ Product. */
export const productRead = Schema.transformOrFail(TrytonProductSchema, Product, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const status = templateStatus(raw)
      const variants: Array<Variant> = []
      for (const [index, v] of raw.variants.entries()) {
        const sku = textOf(v.code)
        if (sku === undefined) {
          return yield* failAt(
            ast,
            raw,
            ["variants", index, "code"],
            `variant ${v.id} of "${raw.name}" has no code; give the template a code or the variant a suffix code in Tryton, it is the SKU`,
          )
        }
        const description = textOf(v.description)
        variants.push({
          sku,
          ...(description === undefined ? {} : { title: textIn(defaults.locale, description) }),
          options: [],
          status: isTrue(v.active) ? status : "archived",
          position: index,
        })
      }
      const [first, ...rest] = variants
      if (first === undefined) return yield* failAt(ast, raw, ["variants"], `template "${raw.name}" has no variants`)
      const single = raw.variants.length === 1 ? first.sku : undefined
      return {
        productNumber: textOf(raw.code) ?? single ?? `tryton-tmpl-${raw.id}`,
        title: textIn(defaults.locale, raw.name),
        categories: [],
        media: [],
        status,
        attributes: {},
        variants: [first, ...rest],
        updatedAt: raw.changed_at,
      }
    }),
  encode: (product) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const derived = DERIVED.exec(product.productNumber)
      const single = product.variants.length === 1 && product.variants[0]?.sku === product.productNumber
      const code = derived !== null || single ? null : product.productNumber
      const when = dateTimeOf(product.updatedAt)
      return {
        id: derived === null ? 1 : Number(derived[1]),
        name: pickLocale(product.title, defaults.locale) ?? product.productNumber,
        code,
        type: "goods",
        salable: product.status === "draft" ? 0 : 1,
        active: product.status === "archived" ? 0 : 1,
        list_price: decimal("0"),
        create_date: when,
        write_date: when,
        variants: product.variants.map((v, i) => {
          const description = pickLocale(v.title, defaults.locale)
          return {
            id: i + 1,
            template: derived === null ? 1 : Number(derived[1]),
            code: v.sku,
            suffix_code: code !== null && v.sku.startsWith(code) ? v.sku.slice(code.length) : v.sku,
            description: description ?? null,
            active: v.status === "archived" && product.status !== "archived" ? 0 : 1,
            create_date: when,
            write_date: when,
          }
        }),
        changed_at: product.updatedAt,
      } as const
    }),
})

/** `product`: read from the products stream. */
export const productMapping = defineMapping<"product", typeof TrytonProductSchema.Encoded, unknown>({
  entity: "product",
  read: productRead,
})
