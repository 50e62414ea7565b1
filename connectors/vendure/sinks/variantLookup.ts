/**
 * SKU → Vendure variant, through `productVariants(options: { filter: { sku: { in } } })`
 * (https://docs.vendure.io/reference/graphql-api/admin/queries#productvariants). Vendure does
 * not enforce unique SKUs; when two variants share one, the oldest (lowest id) counts.
 */
import { Effect, Schema } from "effect"
import { chunksOf, MAX_TAKE, type VendureCallError, type VendureContext, vendureRequest } from "../client.ts"
import { MinorUnits, PaginatedList, VendureId } from "../schemas/common.ts"

const VARIANTS_BY_SKU_QUERY = `
query VariantsBySku($skus: [String!]!, $take: Int!) {
  productVariants(options: { filter: { sku: { in: $skus } }, sort: { id: ASC }, take: $take }) {
    totalItems
    items { id sku price priceWithTax stockOnHand stockAllocated product { id } }
  }
}`

const VariantRef = Schema.Struct({
  id: VendureId,
  sku: Schema.String,
  price: MinorUnits,
  priceWithTax: MinorUnits,
  stockOnHand: Schema.Number,
  stockAllocated: Schema.Number,
  product: Schema.Struct({ id: VendureId }),
})
export type VariantRef = typeof VariantRef.Type

const VariantsBySku = Schema.Struct({ productVariants: PaginatedList(VariantRef) })

/** Room for a few duplicate SKUs per page. */
const SKUS_PER_QUERY = 200

/** The variants Vendure has for these SKUs; unknown SKUs are absent from the map. */
export const variantsBySku = (
  ctx: VendureContext,
  skus: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, VariantRef>, VendureCallError> =>
  Effect.forEach(chunksOf([...new Set(skus)], SKUS_PER_QUERY), (chunk) =>
    vendureRequest(ctx, {
      operation: "variants.bySku",
      query: VARIANTS_BY_SKU_QUERY,
      variables: { skus: chunk, take: Math.min(MAX_TAKE, chunk.length * 5) },
      data: VariantsBySku,
    }),
  ).pipe(
    Effect.map((answers) => {
      const bySku = new Map<string, VariantRef>()
      for (const answer of answers) {
        for (const variant of answer.productVariants.items) if (!bySku.has(variant.sku)) bySku.set(variant.sku, variant)
      }
      return bySku
    }),
  )
