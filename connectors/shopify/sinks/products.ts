/**
 * The products sink: `productSet`, one product per call, several calls per request as aliases
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/productSet). In 2025-01 a
 * `productSet` costs 50 points, so 10 per request (500) leave room in a standard bucket.
 *
 * Link before create: `lookup` finds products by handle (the product number, lower-cased) and
 * the `esl.product_number` metafield; `write` also looks the payload's SKUs up before creating,
 * so a product whose handle a merchant changed is updated instead of duplicated.
 */
import { Effect, Schema } from "effect"
import { type ConnectorError, defineSink, type WriteItem, type WriteOutcome } from "../../../core/connector/index.ts"
import { chunksOf, type ShopifyContext, shopifyRequest } from "../client.ts"
import type { ShopifyConfig } from "../config.ts"
import { Gid, UserError } from "../schemas/common.ts"
import { type ProductSetPayload, productHandle, productNumberMetafield } from "../schemas/productSet.ts"
import { rejected, rejectedByUserErrors } from "./rejection.ts"
import { searchTerm, variantsBySku } from "./variantLookup.ts"

/** Products per request; `productSet` costs 50 points in 2025-01. */
const PRODUCTS_PER_REQUEST = 10
const HANDLES_PER_QUERY = 50

const PRODUCTS_BY_HANDLE_QUERY = `
query ProductsByHandle($first: Int!, $query: String!) {
  products(first: $first, query: $query) {
    nodes { id handle productNumber: metafield(namespace: "${productNumberMetafield.namespace}", key: "${productNumberMetafield.key}") { value } }
  }
}`

const ProductsByHandle = Schema.Struct({
  products: Schema.Struct({
    nodes: Schema.Array(
      Schema.Struct({
        id: Gid,
        handle: Schema.String,
        productNumber: Schema.NullOr(Schema.Struct({ value: Schema.String })),
      }),
    ),
  }),
})

const ProductSetResult = Schema.Struct({
  product: Schema.NullOr(Schema.Struct({ id: Gid })),
  userErrors: Schema.Array(UserError),
})
const ProductSetBatch = Schema.Record({ key: Schema.String, value: Schema.NullOr(ProductSetResult) })

/** `mutation { p0: productSet(input: $i0) {…} p1: … }` for `count` products. */
const batchMutation = (count: number): string => {
  const indexes = Array.from({ length: count }, (_, i) => i)
  return `mutation ProductSetBatch(${indexes.map((i) => `$i${i}: ProductSetInput!`).join(", ")}) {
${indexes.map((i) => `  p${i}: productSet(input: $i${i}, synchronous: true) { product { id } userErrors { field message code } }`).join("\n")}
}`
}

/** The existing products with these product numbers, by handle or by the exact metafield. */
const findByProductNumber = (ctx: ShopifyContext, productNumbers: ReadonlyArray<string>) =>
  Effect.forEach(chunksOf(productNumbers, HANDLES_PER_QUERY), (chunk) =>
    // https://shopify.dev/docs/api/admin-graphql/2025-01/queries/products
    shopifyRequest(ctx, {
      operation: "products.byHandle",
      query: PRODUCTS_BY_HANDLE_QUERY,
      variables: {
        first: Math.min(250, chunk.length * 2),
        query: chunk.map((n) => searchTerm("handle", productHandle(n))).join(" OR "),
      },
      data: ProductsByHandle,
    }).pipe(
      Effect.map(({ products }) =>
        chunk.flatMap((number) => {
          const exact = products.nodes.find((p) => p.productNumber?.value === number)
          const byHandle = products.nodes.find((p) => p.handle === productHandle(number) && p.productNumber === null)
          const found = exact ?? byHandle
          return found === undefined ? [] : [[number, found.id] as const]
        }),
      ),
    ),
  ).pipe(Effect.map((pairs) => new Map(pairs.flat())))

/** One product to set: the record, the product it updates (if any) and the `productSet` input. */
interface Target {
  readonly item: WriteItem<ProductSetPayload>
  readonly productId: string | undefined
  readonly input: Readonly<Record<string, unknown>>
}

/**
 * What each item updates: its known product, else the product holding one of its SKUs; and the
 * input for it. An update names the variants it keeps by id: `productSet` deletes the variants
 * its input does not name, and a variant sent without its id would come back as a new variant
 * with a new inventory item, losing its stock and every reference to it.
 */
const targetsOf = (
  ctx: ShopifyContext,
  items: ReadonlyArray<WriteItem<ProductSetPayload>>,
): Effect.Effect<ReadonlyArray<Target>, ConnectorError> =>
  variantsBySku(
    ctx,
    items.flatMap((item) => item.payload.variants.map((v) => v.sku)),
  ).pipe(
    Effect.map((bySku) =>
      items.map((item): Target => {
        const productId =
          item.externalId ??
          item.payload.variants.map((v) => bySku.get(v.sku)?.productId).find((id) => id !== undefined)
        if (productId === undefined) return { item, productId, input: item.payload }
        // An update keeps the shop's handle: a merchant may have changed it, and changing it
        // back would break the product's URL; the product is still found by its SKUs.
        const { handle: _handle, ...update } = item.payload
        const variants = update.variants.map((v) => {
          const existing = bySku.get(v.sku)
          return existing?.productId === productId ? { ...v, id: existing.variantId } : v
        })
        return { item, productId, input: { ...update, id: productId, variants } }
      }),
    ),
  )

const writeChunk = (
  ctx: ShopifyContext,
  targets: ReadonlyArray<Target>,
): Effect.Effect<ReadonlyArray<WriteOutcome>, ConnectorError> =>
  // https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/productSet
  shopifyRequest(ctx, {
    operation: "products.set",
    query: batchMutation(targets.length),
    variables: Object.fromEntries(targets.map((target, i) => [`i${i}`, target.input])),
    data: ProductSetBatch,
  }).pipe(
    Effect.map((data) =>
      targets.map(({ item, productId }, i): WriteOutcome => {
        const result = data[`p${i}`]
        if (result === undefined || result === null) {
          return rejected(ctx.system, "product", item.naturalKey, "Shopify returned no result for this product")
        }
        if (result.userErrors.length > 0 || result.product === null) {
          // Fields are `["input", "variants", "0", "sku"]`: the record's own paths after "input".
          return rejectedByUserErrors(ctx.system, "product", item.naturalKey, result.userErrors, 1)
        }
        return {
          naturalKey: item.naturalKey,
          ok: true,
          externalId: result.product.id,
          action: productId === undefined ? "created" : "updated",
        }
      }),
    ),
  )

export const productsSink = defineSink<ShopifyConfig, ProductSetPayload>({
  entity: "product",
  description: "Creates or updates products with their variants (productSet)",
  maxBatchSize: PRODUCTS_PER_REQUEST,
  operations: ["create", "update", "upsert"],
  // By handle and metafield; a single-variant product's number is often its SKU, so by SKU too.
  lookup: (ctx, productNumbers) =>
    Effect.all([findByProductNumber(ctx, productNumbers), variantsBySku(ctx, productNumbers)]).pipe(
      Effect.map(
        ([byNumber, bySku]) =>
          new Map(
            productNumbers.flatMap((number) => {
              const id = byNumber.get(number) ?? bySku.get(number)?.productId
              return id === undefined ? [] : [[number, id] as const]
            }),
          ),
      ),
    ),
  write: (ctx, items) =>
    targetsOf(ctx, items).pipe(
      Effect.flatMap((targets) =>
        Effect.forEach(chunksOf(targets, PRODUCTS_PER_REQUEST), (chunk) => writeChunk(ctx, chunk)),
      ),
      Effect.map((outcomes) => outcomes.flat()),
    ),
})
