/**
 * Akeneo product record ⇄ canonical Product (read direction).
 *
 * - A product model is a product (number = its code) whose variants are its variant products
 *   (SKU = identifier); options come from the family variant's axes: the name is the axis
 *   attribute's label, the value the option's label, both in the system's locale.
 * - A simple product is a product with one variant; its number and SKU are its identifier.
 * - Name and description are localized (`de_DE` → `de-DE`), for the configured channel; brand,
 *   GTIN and weight come from the attributes named in the `attributes` option.
 * - Images are media with their download URLs (variant images carry the variant's SKU); every
 *   other value is an attribute, and so are `family` and `familyVariant`.
 * - A variant's values include those it inherits from the model; only its own become variant
 *   attributes. Status: enabled → active, disabled → draft; a model is active when a variant is.
 */
import { Effect, ParseResult, Schema } from "effect"
import type { AkeneoProduct } from "../../connectors/akeneo/schemas/product.ts"
import { AkeneoProductRecord, recordUpdated } from "../../connectors/akeneo/schemas/record.ts"
import type { ProductValue, ProductValues } from "../../connectors/akeneo/schemas/values.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { type Attributes, Product, toInstant } from "../../core/model/index.ts"
import { productWriteMapping } from "./productWrite.ts"
import {
  attributeValueOf,
  attributeValues,
  imageUrlOf,
  imageValue,
  labelIn,
  labelOf,
  localizedOf,
  localizedValues,
  mediaBaseUrlOf,
  metricOf,
  type Roles,
  rolesOf,
  toAkeneoLocale,
  valuesOf,
  weightOf,
} from "./values.ts"

type ProductEncoded = typeof Product.Encoded
type VariantEncoded = ProductEncoded["variants"][number]
type MediaEncoded = ProductEncoded["media"][number]

const GTIN = /^(\d{8}|\d{12,14})$/

/** Attributes that are about the record itself, not values: kept so the record can be rebuilt. */
const FAMILY = "family"
const FAMILY_VARIANT = "familyVariant"

/** The codes that are not free attributes: roles, axes, the identifier's own value. */
const reservedCodes = (roles: Roles, axes: ReadonlyArray<string>): ReadonlySet<string> =>
  new Set([roles.name, roles.description, roles.brand, roles.gtin, roles.weight, ...axes])

const isIdentifierValue = (entries: ReadonlyArray<ProductValue>, identifier: string): boolean =>
  entries.length === 1 && entries[0]?.locale === null && entries[0]?.data === identifier

/** Free attributes of `values`, skipping reserved codes, images and the codes in `skip`. */
const attributesOf = (
  values: ProductValues,
  reserved: ReadonlySet<string>,
  skip: ReadonlySet<string>,
  identifier: string | undefined,
  scope: string,
  locale: string,
): Attributes => {
  const out: Record<string, Attributes[string]> = {}
  for (const code of Object.keys(values)) {
    if (reserved.has(code) || skip.has(code)) continue
    const entries = valuesOf(values, code, scope)
    if (entries.length === 0 || entries.some((e) => imageUrlOf(e) !== undefined)) continue
    if (identifier !== undefined && isIdentifierValue(entries, identifier)) continue
    const value = attributeValueOf(entries, locale)
    if (value !== undefined) out[code] = value
  }
  return out
}

const imagesOf = (
  values: ProductValues,
  skip: ReadonlySet<string>,
  scope: string,
  mediaBaseUrl: string | undefined,
): ReadonlyArray<string> =>
  Object.keys(values).flatMap((code) =>
    skip.has(code) ? [] : valuesOf(values, code, scope).flatMap((entry) => imageUrlOf(entry, mediaBaseUrl) ?? []),
  )

const nonEmpty = <A>(items: ReadonlyArray<A>): readonly [A, ...Array<A>] | undefined => {
  const [first, ...rest] = items
  return first === undefined ? undefined : [first, ...rest]
}

/** The read direction: a record from the products stream. */
const ProductFromAkeneo = Schema.transformOrFail(AkeneoProductRecord, Product, {
  strict: true,
  decode: (record, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const { locale, channel: scope } = ctx.defaults
      const roles = rolesOf(ctx)
      const issues = new Problems(ast, record)
      const base = record.model ?? record.product
      const baseKey = record.model !== null ? "model" : "product"
      if (base === null) {
        return yield* Effect.fail(
          new ParseResult.Type(ast, record, "the record has neither a product model nor a simple product"),
        )
      }
      const axisCodes = record.axes.map((a) => a.code)
      const reserved = reservedCodes(roles, axisCodes)
      const first = (values: ProductValues, code: string) => valuesOf(values, code, scope)[0]

      const variantOf = (
        product: AkeneoProduct,
        index: number,
        path: ReadonlyArray<string | number>,
        inherited: ReadonlySet<string>,
      ): VariantEncoded => {
        const ean = first(product.values, roles.gtin)
        const gtin = typeof ean?.data === "string" && GTIN.test(ean.data) ? ean.data : undefined
        const weight = issues.attempt([...path, "values", roles.weight], () =>
          weightOf(first(product.values, roles.weight)),
        )
        const options = record.axes.flatMap((axis) => {
          const value = labelOf(first(product.values, axis.code), locale)
          if (value === undefined) {
            issues.add([...path, "values", axis.code], `the variant has no value for the axis ${axis.code}`)
            return []
          }
          const name = labelIn(axis.labels, locale) ?? axis.code
          return [{ name, value }]
        })
        const own = attributesOf(product.values, reserved, inherited, product.identifier, scope, locale)
        const badEan = typeof ean?.data === "string" && gtin === undefined ? { [roles.gtin]: ean.data } : {}
        const attributes = { ...own, ...badEan }
        return {
          sku: product.identifier,
          ...optional("gtin", gtin),
          options,
          ...optional("weight", weight),
          status: product.enabled ? "active" : "draft",
          position: index,
          ...optional("attributes", Object.keys(attributes).length > 0 ? attributes : undefined),
        }
      }

      const modelCodes = new Set(record.model === null ? [] : Object.keys(record.model.values))
      const variants =
        record.model !== null
          ? record.variants.map((v, i) => variantOf(v, i, ["variants", i], modelCodes))
          : record.product !== null
            ? [
                variantOf(
                  { ...record.product, values: pick(record.product.values, [roles.gtin, roles.weight]) },
                  0,
                  ["product"],
                  new Set(),
                ),
              ]
            : []
      if (variants.length === 0) issues.add(["variants"], "a product model needs at least one variant product")

      const media: Array<MediaEncoded> = imagesOf(base.values, new Set(), scope, mediaBaseUrlOf(ctx)).map(
        (url, position) => ({
          url,
          position,
        }),
      )
      for (const variant of record.model === null ? [] : record.variants) {
        for (const url of imagesOf(variant.values, modelCodes, scope, mediaBaseUrlOf(ctx))) {
          media.push({ url, position: media.length, skus: [variant.identifier] })
        }
      }
      const brandEntry = first(base.values, roles.brand)
      const description = localizedOf(valuesOf(base.values, roles.description, scope), locale)
      const identifier = record.product?.identifier
      const attributes: Attributes = {
        ...(base.family ? { [FAMILY]: base.family } : {}),
        ...(record.model !== null ? { [FAMILY_VARIANT]: record.model.family_variant } : {}),
        ...attributesOf(base.values, reserved, new Set(), identifier, scope, locale),
      }
      const updatedAt = issues.attempt(["updated"], () => toInstant(recordUpdated(record)))
      const status = variants.some((v) => v.status === "active") ? "active" : "draft"
      const title = localizedOf(valuesOf(base.values, roles.name, scope), locale)
      if (Object.keys(title).length === 0)
        issues.add([baseKey, "values", roles.name], `the ${baseKey} has no ${roles.name} in any locale`)
      return yield* issues.result(
        (): ProductEncoded => ({
          productNumber: record.code,
          title,
          ...optional("description", Object.keys(description).length > 0 ? description : undefined),
          ...optional("brand", labelOf(brandEntry, locale)),
          categories: [...base.categories],
          media,
          status,
          attributes,
          // Only built without issues, so there is at least one variant.
          variants: nonEmpty(variants)!,
          updatedAt: updatedAt ?? "",
        }),
      )
    }),
  encode: (product) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const { locale, channel: scope } = ctx.defaults
      const roles = rolesOf(ctx)
      const akeneoLocale = toAkeneoLocale(locale)
      const { [FAMILY]: family, [FAMILY_VARIANT]: familyVariant, ...free } = product.attributes
      const updated = product.updatedAt
      const ordered = [...product.media].sort((a, b) => a.position - b.position)
      const values: Record<string, ReadonlyArray<ProductValue>> = {
        [roles.name]: localizedValues(product.title, null),
        ...(product.description ? { [roles.description]: localizedValues(product.description, scope) } : {}),
        ...(product.brand !== undefined ? { [roles.brand]: [{ locale: null, scope: null, data: product.brand }] } : {}),
        ...Object.fromEntries(Object.entries(free).map(([code, value]) => [code, attributeValues(value)])),
        ...Object.fromEntries(
          ordered
            .filter((m) => m.skus === undefined)
            .map((m, i) => [`image_${i + 1}`, [imageValue(m.url, mediaBaseUrlOf(ctx))]]),
        ),
      }
      const variantValues = (
        variant: (typeof product.variants)[number],
      ): Record<string, ReadonlyArray<ProductValue>> => ({
        ...(variant.gtin !== undefined ? { [roles.gtin]: [{ locale: null, scope: null, data: variant.gtin }] } : {}),
        ...(variant.weight !== undefined
          ? { [roles.weight]: [{ locale: null, scope: null, data: metricOf(variant.weight) }] }
          : {}),
        ...Object.fromEntries(
          variant.options.map((o) => [
            axisCode(o.name),
            [
              {
                locale: null,
                scope: null,
                data: optionCode(o.value),
                linked_data: {
                  attribute: axisCode(o.name),
                  code: optionCode(o.value),
                  labels: { [akeneoLocale]: o.value },
                },
              },
            ],
          ]),
        ),
        ...Object.fromEntries(
          Object.entries(variant.attributes ?? {}).map(([code, value]) => [code, attributeValues(value)]),
        ),
        ...Object.fromEntries(
          ordered
            .filter((m) => m.skus?.includes(variant.sku))
            .map((m, i) => [
              i === 0 ? "variant_image" : `variant_image_${i + 1}`,
              [imageValue(m.url, mediaBaseUrlOf(ctx))],
            ]),
        ),
      })
      const [only] = product.variants
      const simple = product.variants.length === 1 && only.options.length === 0 && only.sku === product.productNumber
      const familyCode = typeof family === "string" ? family : null
      if (simple) {
        return {
          code: product.productNumber,
          model: null,
          product: {
            identifier: only.sku,
            enabled: only.status === "active",
            family: familyCode,
            categories: [...product.categories],
            parent: null,
            values: { ...values, ...variantValues(only) },
            updated,
          },
          variants: [],
          axes: [],
        }
      }
      return {
        code: product.productNumber,
        model: {
          code: product.productNumber,
          family: familyCode ?? "",
          family_variant: typeof familyVariant === "string" ? familyVariant : "",
          parent: null,
          categories: [...product.categories],
          values,
          updated,
        },
        product: null,
        variants: product.variants.map((variant) => ({
          identifier: variant.sku,
          enabled: variant.status === "active",
          family: familyCode,
          categories: [],
          parent: product.productNumber,
          values: variantValues(variant),
          updated,
        })),
        axes: only.options.map((o) => ({ code: axisCode(o.name), labels: { [akeneoLocale]: o.name } })),
      }
    }),
})

/** Only the given codes of `values` (a simple product's variant reads GTIN and weight only). */
const pick = (values: ProductValues, codes: ReadonlyArray<string>): ProductValues =>
  Object.fromEntries(Object.entries(values).filter(([code]) => codes.includes(code)))

/** An option name as an attribute code: `Size` → `size`. */
const axisCode = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, "_")
/** An option value as an option code: `Black` → `black`, `42` → `42`. */
const optionCode = (value: string): string => value.toLowerCase().replace(/[^a-z0-9]+/g, "_")

/** Akeneo products ⇄ canonical products. */
export const productMapping = defineMapping({ entity: "product", read: ProductFromAkeneo, write: productWriteMapping })
