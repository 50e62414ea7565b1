/**
 * The prices sink: a variation's or simple product's `regular_price` and `sale_price`, decimal
 * strings, batched per parent product (https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-product-variations).
 * WooCommerce has one price per SKU: the mapping only lets this system's price list through.
 */
import { Effect } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { MAX_BATCH } from "../client.ts"
import type { WooCommerceConfig } from "../config.ts"
import type { PricePayload } from "../schemas/product.ts"
import { rejected } from "./rejection.ts"
import { externalIdOf, findBySku } from "./skuLookup.ts"
import { applyUpdates, refFromExternalId } from "./skuUpdates.ts"

/** The SKU of a price's natural key `sku|priceList|currency|minQuantity`. */
const skuOfKey = (naturalKey: string): string => naturalKey.split("|")[0] ?? naturalKey

export const pricesSink = defineSink<WooCommerceConfig, PricePayload>({
  entity: "price",
  description: "Sets regular_price and sale_price of variations and simple products (batch of 100)",
  maxBatchSize: MAX_BATCH,
  operations: ["update", "upsert"],
  lookup: (ctx, naturalKeys) =>
    findBySku(ctx, naturalKeys.map(skuOfKey)).pipe(
      Effect.map(
        (bySku) =>
          new Map(
            naturalKeys.flatMap((key) => {
              const ref = bySku.get(skuOfKey(key))
              return ref === undefined ? [] : [[key, externalIdOf(ref)] as const]
            }),
          ),
      ),
    ),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const unknown = items.filter((i) => i.externalId === undefined || refFromExternalId(i.externalId) === undefined)
      const bySku = yield* findBySku(
        ctx,
        unknown.map((i) => i.payload.sku),
      )
      const located = items.map((item) => {
        const known = item.externalId === undefined ? undefined : refFromExternalId(item.externalId)
        return { item, ref: known ?? bySku.get(item.payload.sku) }
      })
      const writable = located.flatMap(({ item, ref }) => (ref === undefined ? [] : [{ item, ref }]))
      const results = yield* applyUpdates(
        ctx,
        "prices.batch",
        writable.map(({ item, ref }) => ({
          ref,
          fields: { regular_price: item.payload.regular_price, sale_price: item.payload.sale_price },
        })),
      )
      const byItem = new Map(writable.map(({ item, ref }, i) => [item, { ref, error: results[i] }]))
      return located.map(({ item }): WriteOutcome => {
        const done = byItem.get(item)
        if (done === undefined) {
          return rejected(
            ctx.system,
            "price",
            item.naturalKey,
            `WooCommerce has no product or variation with SKU ${item.payload.sku}`,
            "$.sku",
          )
        }
        if (done.error !== undefined)
          return rejected(ctx.system, "price", item.naturalKey, done.error, "$.regular_price")
        return { naturalKey: item.naturalKey, ok: true, externalId: externalIdOf(done.ref), action: "updated" }
      })
    }),
})
