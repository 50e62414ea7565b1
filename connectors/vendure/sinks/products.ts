/**
 * The products sink: a product with its option groups and variants, by SKU.
 * https://docs.vendure.io/reference/graphql-api/admin/mutations#createproduct and
 * #createproductvariants, #updateproductvariants, #createproductoptiongroup, #addoptiongrouptoproduct.
 *
 * Link before create: the product that already holds one of the payload's SKUs, else the known
 * vendor id, else the product whose slug is made from the product number. So a retry after a
 * crash (product created, variants not yet) finishes the product instead of making a second.
 * Vendure needs every variant of a product with option groups to name one option of each
 * group, and refuses two variants with the same options: those refusals are the record's.
 */
import { Effect, Option, Schema } from "effect"
import { type ConnectorError, defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { asVendorError, type VendureCallError, type VendureContext, vendureRequest } from "../client.ts"
import type { VendureConfig } from "../config.ts"
import { PaginatedList, VendureId } from "../schemas/common.ts"
import type { ProductPayload } from "../schemas/payloads.ts"
import { slugOf } from "../schemas/slug.ts"
import { perRecord, type Refused, refuse } from "./rejection.ts"
import { variantsBySku } from "./variantLookup.ts"

const PRODUCT_BY_SLUG_QUERY = `
query ProductBySlug($slug: String!) {
  products(options: { filter: { slug: { eq: $slug } }, take: 1 }) { totalItems items { id slug } }
}`

const PRODUCT_QUERY = `
query ProductForWrite($id: ID!) {
  product(id: $id) {
    id slug
    optionGroups { id code options { id code } }
    variants { id sku options { id } }
  }
}`

const CREATE_PRODUCT_MUTATION = `
mutation CreateProduct($input: CreateProductInput!) { createProduct(input: $input) { id } }`

const UPDATE_PRODUCT_MUTATION = `
mutation UpdateProduct($input: UpdateProductInput!) { updateProduct(input: $input) { id } }`

const CREATE_OPTION_GROUP_MUTATION = `
mutation CreateOptionGroup($input: CreateProductOptionGroupInput!) {
  createProductOptionGroup(input: $input) { id code options { id code } }
}`

const ADD_OPTION_GROUP_MUTATION = `
mutation AddOptionGroup($productId: ID!, $optionGroupId: ID!) {
  addOptionGroupToProduct(productId: $productId, optionGroupId: $optionGroupId) { id }
}`

const CREATE_OPTION_MUTATION = `
mutation CreateOption($input: CreateProductOptionInput!) { createProductOption(input: $input) { id code } }`

const CREATE_VARIANTS_MUTATION = `
mutation CreateVariants($input: [CreateProductVariantInput!]!) { createProductVariants(input: $input) { id sku } }`

const UPDATE_VARIANTS_MUTATION = `
mutation UpdateVariants($input: [UpdateProductVariantInput!]!) { updateProductVariants(input: $input) { id sku } }`

const Option_ = Schema.Struct({ id: VendureId, code: Schema.String })
const OptionGroup = Schema.Struct({ id: VendureId, code: Schema.String, options: Schema.Array(Option_) })
const ProductForWrite = Schema.Struct({
  id: VendureId,
  slug: Schema.String,
  optionGroups: Schema.Array(OptionGroup),
  variants: Schema.Array(
    Schema.Struct({ id: VendureId, sku: Schema.String, options: Schema.Array(Schema.Struct({ id: VendureId })) }),
  ),
})
type ProductForWrite = typeof ProductForWrite.Type
const VariantIds = Schema.Array(Schema.NullOr(Schema.Struct({ id: VendureId, sku: Schema.String })))

type Step<A> = Effect.Effect<A, VendureCallError | Refused>

const call = <A, I>(
  ctx: VendureContext,
  operation: string,
  query: string,
  variables: Record<string, unknown>,
  data: Schema.Schema<A, I>,
): Effect.Effect<A, VendureCallError> => vendureRequest(ctx, { operation, query, variables, data })

const productById = (
  ctx: VendureContext,
  id: string,
): Effect.Effect<Option.Option<ProductForWrite>, VendureCallError> =>
  call(ctx, "products.get", PRODUCT_QUERY, { id }, Schema.Struct({ product: Schema.NullOr(ProductForWrite) })).pipe(
    Effect.map(({ product }) => Option.fromNullable(product)),
  )

const productIdBySlug = (ctx: VendureContext, slug: string): Effect.Effect<string | undefined, VendureCallError> =>
  call(
    ctx,
    "products.bySlug",
    PRODUCT_BY_SLUG_QUERY,
    { slug },
    Schema.Struct({ products: PaginatedList(Schema.Struct({ id: VendureId, slug: Schema.String })) }),
  ).pipe(Effect.map(({ products }) => products.items.find((p) => p.slug === slug)?.id))

/** The product the payload updates: by its SKUs, its vendor id, its slug; undefined to create one. */
const existingProductId = (
  ctx: VendureContext,
  payload: ProductPayload,
  externalId: string | undefined,
): Step<string | undefined> =>
  Effect.gen(function* () {
    const bySku = yield* variantsBySku(
      ctx,
      payload.variants.map((v) => v.sku),
    )
    const owners = [...new Set(payload.variants.flatMap((v) => bySku.get(v.sku)?.product.id ?? []))]
    if (owners.length > 1) {
      return yield* refuse(
        `the variants' SKUs belong to different Vendure products (${owners.join(", ")}); merge or rename them in Vendure first`,
        "$.variants",
      )
    }
    if (owners[0] !== undefined) return owners[0]
    if (externalId !== undefined && Option.isSome(yield* productById(ctx, externalId))) return externalId
    return yield* productIdBySlug(ctx, slugOf(payload.productNumber))
  })

/** Creates the option groups and options the payload names that the product lacks; returns `group/option` → id. */
const ensureOptions = (
  ctx: VendureContext,
  product: ProductForWrite,
  payload: ProductPayload,
): Step<Map<string, string>> =>
  Effect.gen(function* () {
    const ids = new Map<string, string>()
    const language = ctx.config.languageCode
    for (const group of payload.optionGroups) {
      const groupCode = slugOf(group.name)
      let existing = product.optionGroups.find((g) => g.code === groupCode)
      if (existing === undefined) {
        const created = yield* call(
          ctx,
          "optionGroups.create",
          CREATE_OPTION_GROUP_MUTATION,
          {
            input: {
              code: groupCode,
              translations: [{ languageCode: language, name: group.name }],
              options: group.values.map((value) => ({
                code: slugOf(value),
                translations: [{ languageCode: language, name: value }],
              })),
            },
          },
          Schema.Struct({ createProductOptionGroup: OptionGroup }),
        )
        existing = created.createProductOptionGroup
        yield* call(
          ctx,
          "optionGroups.addToProduct",
          ADD_OPTION_GROUP_MUTATION,
          { productId: product.id, optionGroupId: existing.id },
          Schema.Struct({ addOptionGroupToProduct: Schema.Struct({ id: VendureId }) }),
        )
      }
      const options = [...existing.options]
      for (const value of group.values) {
        if (options.some((o) => o.code === slugOf(value))) continue
        const created = yield* call(
          ctx,
          "options.create",
          CREATE_OPTION_MUTATION,
          {
            input: {
              productOptionGroupId: existing.id,
              code: slugOf(value),
              translations: [{ languageCode: language, name: value }],
            },
          },
          Schema.Struct({ createProductOption: Option_ }),
        )
        options.push(created.createProductOption)
      }
      for (const option of options) ids.set(`${groupCode}/${option.code}`, option.id)
    }
    return ids
  })

const writeOne = (
  ctx: VendureContext,
  naturalKey: string,
  externalId: string | undefined,
  payload: ProductPayload,
): Effect.Effect<WriteOutcome, ConnectorError> =>
  perRecord(
    ctx.system,
    "product",
    naturalKey,
    Effect.gen(function* () {
      const language = ctx.config.languageCode
      const known = yield* existingProductId(ctx, payload, externalId)
      const translation = { languageCode: language, name: payload.name, description: payload.description }
      const productId =
        known === undefined
          ? (yield* call(
              ctx,
              "products.create",
              CREATE_PRODUCT_MUTATION,
              {
                input: {
                  enabled: payload.enabled,
                  translations: [{ ...translation, slug: slugOf(payload.productNumber) }],
                },
              },
              Schema.Struct({ createProduct: Schema.Struct({ id: VendureId }) }),
            )).createProduct.id
          : (yield* call(
              ctx,
              "products.update",
              UPDATE_PRODUCT_MUTATION,
              // The slug stays Vendure's: a merchant may have changed it, and it is the product's URL.
              { input: { id: known, enabled: payload.enabled, translations: [translation] } },
              Schema.Struct({ updateProduct: Schema.Struct({ id: VendureId }) }),
            )).updateProduct.id
      const product = yield* productById(ctx, productId)
      if (Option.isNone(product)) return yield* refuse(`Vendure lost product ${productId} while it was being written`)
      const optionIds = yield* ensureOptions(ctx, product.value, payload)
      const variantInputs = payload.variants.map((variant) => ({
        variant,
        existing: product.value.variants.find((v) => v.sku === variant.sku),
        optionIds: variant.options.flatMap((o) => optionIds.get(`${slugOf(o.group)}/${slugOf(o.value)}`) ?? []),
        translations: [{ languageCode: language, name: variant.name }],
      }))
      const updates = variantInputs.flatMap(({ variant, existing, optionIds: ids, translations }) => {
        if (existing === undefined) return []
        const sameOptions = existing.options.length === ids.length && existing.options.every((o) => ids.includes(o.id))
        return [{ id: existing.id, enabled: variant.enabled, translations, ...(sameOptions ? {} : { optionIds: ids }) }]
      })
      const creates = variantInputs.flatMap(({ variant, existing, optionIds: ids, translations }) =>
        existing === undefined
          ? [{ productId, sku: variant.sku, enabled: variant.enabled, translations, optionIds: ids }]
          : [],
      )
      if (updates.length > 0) {
        yield* call(
          ctx,
          "variants.update",
          UPDATE_VARIANTS_MUTATION,
          { input: updates },
          Schema.Struct({ updateProductVariants: VariantIds }),
        )
      }
      if (creates.length > 0) {
        yield* call(
          ctx,
          "variants.create",
          CREATE_VARIANTS_MUTATION,
          { input: creates },
          Schema.Struct({ createProductVariants: VariantIds }),
        )
      }
      return {
        naturalKey,
        ok: true,
        externalId: productId,
        action: known === undefined ? "created" : "updated",
      } as const
    }),
  )

export const productsSink = defineSink<VendureConfig, ProductPayload>({
  entity: "product",
  description: "Creates or updates products with option groups and variants, by SKU",
  maxBatchSize: 10,
  operations: ["create", "update", "upsert"],
  // By slug, and by SKU: a single-variant product's number is often its SKU.
  lookup: (ctx, productNumbers) =>
    asVendorError(
      Effect.gen(function* () {
        const bySku = yield* variantsBySku(ctx, productNumbers)
        const found = new Map<string, string>()
        for (const number of productNumbers) {
          const id = bySku.get(number)?.product.id ?? (yield* productIdBySlug(ctx, slugOf(number)))
          if (id !== undefined) found.set(number, id)
        }
        return found
      }),
    ),
  write: (ctx, items) => Effect.forEach(items, (item) => writeOne(ctx, item.naturalKey, item.externalId, item.payload)),
})
