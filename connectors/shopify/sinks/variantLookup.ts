/**
 * SKU → variant, product and inventory item ids, through `productVariants(query: "sku:…")`
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/queries/productVariants). Shopify's search
 * is fuzzy, so only exact SKU matches count.
 */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { chunksOf, type ShopifyContext, shopifyRequest } from "../client.ts"
import { Gid } from "../schemas/common.ts"

export interface VariantRef {
  readonly variantId: string
  readonly productId: string
  readonly inventoryItemId: string
}

const VARIANTS_BY_SKU_QUERY = `
query VariantsBySku($first: Int!, $query: String!) {
  productVariants(first: $first, query: $query) {
    nodes { id sku product { id } inventoryItem { id } }
  }
}`

const VariantsBySku = Schema.Struct({
  productVariants: Schema.Struct({
    nodes: Schema.Array(
      Schema.Struct({
        id: Gid,
        sku: Schema.NullOr(Schema.String),
        product: Schema.Struct({ id: Gid }),
        inventoryItem: Schema.Struct({ id: Gid }),
      }),
    ),
  }),
})

/** A search term matching one value exactly, quoted so `-`, `:` and spaces are literal. */
export const searchTerm = (field: string, value: string): string =>
  `${field}:"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`

/** SKUs per search: keeps the query string short and the answer within one page. */
const SKUS_PER_QUERY = 50

/** The variants Shopify has for these SKUs; unknown SKUs are absent from the map. */
export const variantsBySku = (
  ctx: ShopifyContext,
  skus: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, VariantRef>, ConnectorError> =>
  Effect.forEach(chunksOf([...new Set(skus)], SKUS_PER_QUERY), (chunk) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/productVariants
    shopifyRequest(ctx, {
      operation: "variants.bySku",
      query: VARIANTS_BY_SKU_QUERY,
      // Room for a few near matches, without booking 250 variants' cost for 50 SKUs.
      variables: {
        first: Math.min(250, chunk.length * 2),
        query: chunk.map((sku) => searchTerm("sku", sku)).join(" OR "),
      },
      data: VariantsBySku,
    }).pipe(
      Effect.map((data) =>
        data.productVariants.nodes.flatMap((v) =>
          v.sku !== null && chunk.includes(v.sku)
            ? [[v.sku, { variantId: v.id, productId: v.product.id, inventoryItemId: v.inventoryItem.id }] as const]
            : [],
        ),
      ),
    ),
  ).pipe(Effect.map((chunks) => new Map(chunks.flat())))
