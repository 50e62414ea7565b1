/** Finding products by product number, the natural key of products and variants alike. */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { MAX_SEARCH_LIMIT, type ShopwareContext, search } from "../client.ts"
import { ShopwarePrice } from "../schemas/payloads.ts"

/** What the sinks need of an existing product. */
export const ExistingProduct = Schema.Struct({
  id: Schema.String,
  productNumber: Schema.String,
  parentId: Schema.optional(Schema.NullOr(Schema.String)),
  price: Schema.optional(Schema.NullOr(Schema.Array(ShopwarePrice))),
  customFields: Schema.optional(Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.Unknown }))),
})
export type ExistingProduct = typeof ExistingProduct.Type

/** The products with these numbers, by number (`equalsAny` on `productNumber`). */
export const productsByNumber = (
  ctx: ShopwareContext,
  numbers: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, ExistingProduct>, ConnectorError> =>
  Effect.gen(function* () {
    const found = new Map<string, ExistingProduct>()
    const unique = [...new Set(numbers)]
    for (let i = 0; i < unique.length; i += MAX_SEARCH_LIMIT) {
      const chunk = unique.slice(i, i + MAX_SEARCH_LIMIT)
      const rows = yield* search(
        ctx,
        "product",
        {
          filter: [{ type: "equalsAny", field: "productNumber", value: chunk }],
          limit: chunk.length,
          includes: { product: ["id", "productNumber", "parentId", "price", "customFields"] },
        },
        ExistingProduct,
      )
      for (const row of rows) found.set(row.productNumber, row)
    }
    return found
  })

/**
 * Links records keyed per SKU (a price, a stock level) to the product carrying that SKU:
 * `skuOf` takes the SKU out of the record's natural key.
 */
export const linkToProducts = (
  ctx: ShopwareContext,
  keys: ReadonlyArray<string>,
  skuOf: (naturalKey: string) => string,
): Effect.Effect<Map<string, string>, ConnectorError> =>
  productsByNumber(ctx, keys.map(skuOf)).pipe(
    Effect.map((found) => {
      const out = new Map<string, string>()
      for (const key of keys) {
        const product = found.get(skuOf(key))
        if (product !== undefined) out.set(key, product.id)
      }
      return out
    }),
  )
