/**
 * Canonical Product → Vendure product (write: the products sink). The title and description in
 * the system's locale; an active product is enabled, any other status disabled. The variants'
 * options become the product's option groups (`Size`: `M`, `L`), in order of appearance.
 *
 * Vendure refuses two variants of one product with the same options (two without options
 * included), so a product whose variants the options do not tell apart gets a `Variant` group
 * with each variant's SKU as its option. A variant without an option of a group the others have
 * cannot be placed in Vendure: that is a problem of the record.
 */
import { Clock, Effect, Schema } from "effect"
import { ProductPayload } from "../../connectors/vendure/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { Product, pickLocale, textIn, toInstant } from "../../core/model/index.ts"

type ProductEncoded = typeof Product.Encoded

/** The option group that tells apart variants whose own options do not. */
export const VARIANT_GROUP = "Variant"

const optionKey = (options: ReadonlyArray<{ readonly name: string; readonly value: string }>): string =>
  options
    .map((o) => `${o.name}=${o.value}`)
    .sort()
    .join("|")

const ProductToVendure = Schema.transformOrFail(ProductPayload, Product, {
  strict: true,
  decode: (payload) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const now = toInstant(new Date(yield* Clock.currentTimeMillis))
      const status = payload.enabled ? ("active" as const) : ("draft" as const)
      const [first, ...rest] = payload.variants.map((v) => ({
        sku: v.sku,
        title: textIn(ctx.defaults.locale, v.name),
        options: v.options.filter((o) => o.group !== VARIANT_GROUP).map((o) => ({ name: o.group, value: o.value })),
        status: v.enabled ? ("active" as const) : ("draft" as const),
      }))
      return {
        productNumber: payload.productNumber,
        title: textIn(ctx.defaults.locale, payload.name),
        ...optional(
          "description",
          payload.description === "" ? undefined : textIn(ctx.defaults.locale, payload.description),
        ),
        categories: [],
        media: [],
        status,
        attributes: {},
        variants: [first!, ...rest],
        updatedAt: now,
      } satisfies ProductEncoded
    }),
  encode: (product, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, product)
      const locale = ctx.defaults.locale
      const name = pickLocale(product.title, locale)
      if (name === undefined || name.trim() === "")
        problems.add(["title"], `the product has no title (wanted ${locale})`)
      const distinct = new Set(product.variants.map((v) => optionKey(v.options))).size === product.variants.length
      const groups: Array<{ name: string; values: Array<string> }> = []
      for (const variant of product.variants) {
        for (const option of variant.options) {
          const group = groups.find((g) => g.name === option.name) ?? { name: option.name, values: [] }
          if (!groups.includes(group)) groups.push(group)
          if (!group.values.includes(option.value)) group.values.push(option.value)
        }
      }
      if (!distinct && product.variants.length > 1) {
        groups.push({ name: VARIANT_GROUP, values: product.variants.map((v) => v.sku) })
      }
      const variants = product.variants.map((variant, i) => {
        const missing = groups.filter(
          (g) => g.name !== VARIANT_GROUP && !variant.options.some((o) => o.name === g.name),
        )
        if (missing.length > 0) {
          problems.add(
            ["variants", i, "options"],
            `Vendure needs an option of every group of the product; this variant has none for ${missing.map((g) => g.name).join(", ")}`,
          )
        }
        const options = variant.options.map((o) => ({ group: o.name, value: o.value }))
        return {
          sku: variant.sku,
          name:
            pickLocale(variant.title, locale) ??
            [name ?? product.productNumber, ...variant.options.map((o) => o.value)].join(" "),
          enabled: product.status === "active" && variant.status === "active",
          options:
            !distinct && product.variants.length > 1
              ? [...options, { group: VARIANT_GROUP, value: variant.sku }]
              : options,
        }
      })
      const [first, ...rest] = variants
      return yield* problems.result(() => ({
        productNumber: product.productNumber,
        name: name ?? "",
        description: pickLocale(product.description, locale) ?? "",
        enabled: product.status === "active",
        optionGroups: groups,
        variants: [first!, ...rest] as const,
      }))
    }),
})

/** Canonical products → Vendure products with option groups and variants (write only). */
export const productMapping = defineMapping({ entity: "product", write: ProductToVendure })
