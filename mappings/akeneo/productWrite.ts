/**
 * Canonical Product → Akeneo PATCH lines (write direction): what an ERP owns about a product,
 * one line per SKU: `enabled` from the variant's status, the GTIN and the weight into the
 * attributes named by the `attributes` option. Names, descriptions and media stay the PIM's.
 * A SKU Akeneo does not know is created as a simple product (PATCH creates what is missing).
 *
 * Reading a payload back gives a product with only those fields (no title, categories or media).
 */
import { Clock, Effect, Schema } from "effect"
import { AkeneoProductPatch, type PatchValue } from "../../connectors/akeneo/schemas/patch.ts"
import { MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { Product, toInstant } from "../../core/model/index.ts"
import { metricOf, rolesOf, weightOf } from "./values.ts"

type ProductEncoded = typeof Product.Encoded
type VariantEncoded = ProductEncoded["variants"][number]

const GTIN = /^(\d{8}|\d{12,14})$/

export const productWriteMapping = Schema.transformOrFail(AkeneoProductPatch, Product, {
  strict: true,
  decode: (patch, _, ast) =>
    Effect.gen(function* () {
      const roles = rolesOf(yield* MappingContext)
      const issues = new Problems(ast, patch)
      const now = yield* Clock.currentTimeMillis
      const variants = patch.lines.map((line, index): VariantEncoded => {
        const ean = line.values?.[roles.gtin]?.[0]?.data
        const metric = line.values?.[roles.weight]?.[0]
        const weight =
          metric === undefined
            ? undefined
            : issues.attempt(["lines", index, "values", roles.weight], () => weightOf(metric))
        if (typeof ean === "string" && !GTIN.test(ean)) {
          issues.add(["lines", index, "values", roles.gtin], `${ean} is not a GTIN`)
        }
        return {
          sku: line.identifier,
          ...optional("gtin", typeof ean === "string" ? ean : undefined),
          options: [],
          ...optional("weight", weight),
          status: line.enabled === false ? "draft" : "active",
          position: index,
        }
      })
      const [first, ...rest] = variants
      if (first === undefined) issues.add(["lines"], "a product needs at least one line")
      return yield* issues.result(
        (): ProductEncoded => ({
          productNumber: patch.productNumber,
          title: {},
          categories: [],
          media: [],
          status: variants.some((v) => v.status === "active") ? "active" : "draft",
          attributes: {},
          // Only built without issues, so there is a first line.
          variants: [first!, ...rest],
          updatedAt: toInstant(new Date(now)),
        }),
      )
    }),
  encode: (product) =>
    Effect.gen(function* () {
      const roles = rolesOf(yield* MappingContext)
      return {
        productNumber: product.productNumber,
        lines: product.variants.map((variant) => {
          const values: Record<string, ReadonlyArray<PatchValue>> = {
            ...(variant.gtin !== undefined
              ? { [roles.gtin]: [{ locale: null, scope: null, data: variant.gtin }] }
              : {}),
            ...(variant.weight !== undefined
              ? { [roles.weight]: [{ locale: null, scope: null, data: metricOf(variant.weight) }] }
              : {}),
          }
          return {
            identifier: variant.sku,
            enabled: variant.status === "active",
            ...(Object.keys(values).length > 0 ? { values } : {}),
          }
        }),
      }
    }),
})
