/**
 * The products stream: products with all their variants, in (updatedAt, id) order
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/queries/products).
 *
 * A page asks for each product's first 20 variants; a product with more gets the rest in
 * follow-up pages of its own, so a page of products stays within the single-query cost limit.
 */
import { Effect, Schema, Stream } from "effect"
import { type ConnectorError, defineStream } from "../../../core/connector/index.ts"
import { clampPageSize, pageSizeWithinCost, type ShopifyContext } from "../client.ts"
import type { ShopifyConfig } from "../config.ts"
import { Connection } from "../schemas/common.ts"
import { type ProductNode, ProductPageNode, ProductVariantNode } from "../schemas/product.ts"
import { connectionPages, nodesByIds, remainingNodes } from "./connection.ts"
import { isAfter, positionOf, updatedSince } from "./position.ts"

const VARIANT_FIELDS = `
fragment VariantFields on ProductVariant {
  id
  sku
  barcode
  position
  price
  compareAtPrice
  updatedAt
  selectedOptions { name value }
  inventoryItem { id measurement { weight { unit value } } }
}`

/** Every product field the product and price mappings read. */
export const PRODUCT_FIELDS = `
fragment ProductFields on Product {
  id
  handle
  title
  descriptionHtml
  vendor
  productType
  tags
  status
  updatedAt
  productNumber: metafield(namespace: "esl", key: "product_number") { value }
  media(first: 10) { nodes { alt mediaContentType ... on MediaImage { image { url } } } }
  variants(first: 20) { nodes { ...VariantFields } pageInfo { hasNextPage endCursor } }
}
${VARIANT_FIELDS}`

const PRODUCTS_QUERY = `
query ProductsPage($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ...ProductFields }
    pageInfo { hasNextPage endCursor }
  }
}
${PRODUCT_FIELDS}`

const VARIANTS_QUERY = `
query ProductVariantsPage($id: ID!, $first: Int!, $after: String) {
  product(id: $id) {
    variants(first: $first, after: $after) { nodes { ...VariantFields } pageInfo { hasNextPage endCursor } }
  }
}
${VARIANT_FIELDS}`

const PRODUCTS_BY_IDS_QUERY = `
query ProductsByIds($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on Product { ...ProductFields } }
}
${PRODUCT_FIELDS}`

const ProductsPage = Schema.Struct({ products: Connection(ProductPageNode) })
const VariantsPage = Schema.Struct({
  product: Schema.NullOr(Schema.Struct({ variants: Connection(ProductVariantNode) })),
})

const variantsPerPage = pageSizeWithinCost(VARIANTS_QUERY, (first) => ({ id: "", first }), 250)

/** A product with every variant: the first page it came with, and the rest fetched. */
export const withAllVariants = (
  ctx: ShopifyContext,
  product: ProductPageNode,
): Effect.Effect<ProductNode, ConnectorError> =>
  // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/product
  remainingNodes(ctx, product.variants, {
    operation: "products.variants",
    query: VARIANTS_QUERY,
    variables: (after) => ({ id: product.id, first: variantsPerPage, after }),
    data: VariantsPage,
    select: (data) => data.product?.variants ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
  }).pipe(Effect.map((variants) => ({ ...product, variants: { nodes: variants } })))

export const productsStream = defineStream<ShopifyConfig, ProductNode>({
  entity: "product",
  description: "Products with all variants, ordered by updatedAt",
  incremental: true,
  idOf: (product) => product.id,
  positionOf,
  read: (ctx, { since, pageSize }) => {
    const query = updatedSince(since)
    const first = pageSizeWithinCost(PRODUCTS_QUERY, (n) => ({ first: n, query }), clampPageSize(pageSize))
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/products
    return connectionPages(ctx, {
      operation: "products.list",
      query: PRODUCTS_QUERY,
      variables: (after) => ({ first, after, query }),
      data: ProductsPage,
      select: (data) => data.products,
    }).pipe(
      Stream.mapEffect((page) =>
        Effect.forEach(
          page.filter((product) => isAfter(positionOf(product), since)),
          (product) => withAllVariants(ctx, product),
        ),
      ),
      Stream.filter((page) => page.length > 0),
    )
  },
  readByIds: (ctx, ids) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/nodes
    nodesByIds(ctx, {
      operation: "products.byIds",
      query: PRODUCTS_BY_IDS_QUERY,
      typename: "Product",
      node: ProductPageNode,
      ids,
    }).pipe(Effect.flatMap((products) => Effect.forEach(products, (product) => withAllVariants(ctx, product)))),
})
