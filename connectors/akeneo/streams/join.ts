/**
 * Joins what Akeneo keeps apart into one record per canonical product: a product model gets
 * all its variant products (`parent IN [...]`) and its family variant's axes with their labels;
 * a simple product stands alone. Family variants and attributes are fetched once per read.
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { type AkeneoContext, akeneoFind, akeneoGet, akeneoList, chunksOf, REST, searchParam } from "../client.ts"
import { MAX_PAGE_SIZE } from "../config.ts"
import { AkeneoAttribute, FamilyVariant } from "../schemas/catalog.ts"
import { AkeneoProduct, AkeneoProductModel } from "../schemas/product.ts"
import type { AkeneoProductRecord, VariantAxis } from "../schemas/record.ts"

/** Query parameters every product read sends: the configured channel's values, option labels. */
export const productQuery = (ctx: AkeneoContext) => ({
  scope: ctx.config.channel,
  with_attribute_options: true,
  pagination_type: "search_after",
  limit: MAX_PAGE_SIZE,
})

/** Lookup data fetched at most once per read. */
export interface CatalogCache {
  readonly familyVariants: Map<string, ReadonlyArray<string>>
  readonly attributes: Map<string, AkeneoAttribute>
}

export const emptyCache = (): CatalogCache => ({ familyVariants: new Map(), attributes: new Map() })

const encode = encodeURIComponent

/** The axes of a family variant, all levels (https://api.akeneo.com/api-reference.html#get_families__family_code__variants__code_). */
const axesOf = (ctx: AkeneoContext, cache: CatalogCache, family: string, familyVariant: string) =>
  Effect.gen(function* () {
    const key = `${family}/${familyVariant}`
    const cached = cache.familyVariants.get(key)
    if (cached !== undefined) return cached
    const variant = yield* akeneoGet(
      ctx,
      "familyVariants.get",
      `${REST}/families/${encode(family)}/variants/${encode(familyVariant)}`,
      FamilyVariant,
    )
    const axes = [...variant.variant_attribute_sets].sort((a, b) => a.level - b.level).flatMap((set) => set.axes)
    cache.familyVariants.set(key, axes)
    return axes
  })

/** An attribute's labels (https://api.akeneo.com/api-reference.html#get_attributes__code_). */
const attributeOf = (ctx: AkeneoContext, cache: CatalogCache, code: string) =>
  Effect.gen(function* () {
    const cached = cache.attributes.get(code)
    if (cached !== undefined) return cached
    const attribute = yield* akeneoGet(ctx, "attributes.get", `${REST}/attributes/${encode(code)}`, AkeneoAttribute)
    cache.attributes.set(code, attribute)
    return attribute
  })

/** The variant products of these models, by model code (https://api.akeneo.com/documentation/filter.html#on-their-parent). */
export const variantsOf = (
  ctx: AkeneoContext,
  modelCodes: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, ReadonlyArray<AkeneoProduct>>, ConnectorError> =>
  Effect.gen(function* () {
    const byModel = new Map<string, Array<AkeneoProduct>>()
    for (const codes of chunksOf(modelCodes, MAX_PAGE_SIZE)) {
      const variants = yield* akeneoList(ctx, {
        operation: "products.variants",
        path: `${REST}/products`,
        query: { ...productQuery(ctx), search: searchParam({ parent: [{ operator: "IN", value: codes }] }) },
        item: AkeneoProduct,
      })
      for (const variant of variants) {
        if (variant.parent === null) continue
        const list = byModel.get(variant.parent) ?? []
        list.push(variant)
        byModel.set(variant.parent, list)
      }
    }
    for (const list of byModel.values()) list.sort((a, b) => (a.identifier < b.identifier ? -1 : 1))
    return byModel
  })

/** One record per model (with variants and axes) and per simple product. */
export const joinRecords = (
  ctx: AkeneoContext,
  cache: CatalogCache,
  models: ReadonlyArray<AkeneoProductModel>,
  simples: ReadonlyArray<AkeneoProduct>,
): Effect.Effect<ReadonlyArray<AkeneoProductRecord>, ConnectorError> =>
  Effect.gen(function* () {
    const variants = yield* variantsOf(
      ctx,
      models.map((m) => m.code),
    )
    const records: Array<AkeneoProductRecord> = []
    for (const model of models) {
      const axisCodes = yield* axesOf(ctx, cache, model.family, model.family_variant)
      const axes: Array<VariantAxis> = []
      for (const code of axisCodes) {
        const attribute = yield* attributeOf(ctx, cache, code)
        axes.push({ code, labels: attribute.labels })
      }
      records.push({ code: model.code, model, product: null, variants: variants.get(model.code) ?? [], axes })
    }
    for (const product of simples) {
      records.push({ code: product.identifier, model: null, product, variants: [], axes: [] })
    }
    return records
  })

/** Product models by code, one `GET` each (Akeneo has no code filter on product models); absent ones are skipped. */
export const modelsByCode = (
  ctx: AkeneoContext,
  codes: ReadonlyArray<string>,
): Effect.Effect<ReadonlyArray<AkeneoProductModel>, ConnectorError> =>
  Effect.forEach(codes, (code) =>
    akeneoFind(ctx, "productModels.get", `${REST}/product-models/${encode(code)}`, AkeneoProductModel, {
      scope: ctx.config.channel,
    }),
  ).pipe(Effect.map((found) => found.flatMap((m) => (m === undefined ? [] : [m]))))

/** Products by identifier (`identifier IN [...]`), in chunks of 100. */
export const productsByIdentifier = (
  ctx: AkeneoContext,
  identifiers: ReadonlyArray<string>,
): Effect.Effect<ReadonlyArray<AkeneoProduct>, ConnectorError> =>
  Effect.forEach(chunksOf(identifiers, MAX_PAGE_SIZE), (chunk) =>
    akeneoList(ctx, {
      operation: "products.byIdentifier",
      path: `${REST}/products`,
      query: { ...productQuery(ctx), search: searchParam({ identifier: [{ operator: "IN", value: chunk }] }) },
      item: AkeneoProduct,
    }),
  ).pipe(Effect.map((pages) => pages.flat()))
