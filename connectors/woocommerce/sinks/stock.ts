/**
 * The stock sink. WooCommerce core keeps one `stock_quantity` per variation or simple product,
 * while the hub keeps stock per location. Each location's quantity is kept in the object's
 * `esl_stock_by_location` meta entry and `stock_quantity` is set to the sum over the configured
 * `stockLocations`, so a change at one location never loses another's share.
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#batch-update-product-variations)
 */
import { Effect } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { MAX_BATCH } from "../client.ts"
import type { WooCommerceConfig } from "../config.ts"
import type { StockPayload } from "../schemas/product.ts"
import { rejected } from "./rejection.ts"
import { externalIdOf, findBySku, type SkuRef } from "./skuLookup.ts"
import { applyUpdates } from "./skuUpdates.ts"

/** The meta key holding `{ locationCode: quantity }` as JSON. */
export const STOCK_BY_LOCATION_META = "esl_stock_by_location"

/** `sku@WH` → `sku`. */
const skuOfKey = (naturalKey: string): string => {
  const at = naturalKey.lastIndexOf("@")
  return at < 0 ? naturalKey : naturalKey.slice(0, at)
}

/** The per-location quantities a record already carries. */
export const stockByLocation = (ref: SkuRef): Record<string, number> => {
  const entry = ref.record.meta_data?.find((m) => m.key === STOCK_BY_LOCATION_META)
  if (typeof entry?.value !== "string") return {}
  try {
    const parsed: unknown = JSON.parse(entry.value)
    if (typeof parsed !== "object" || parsed === null) return {}
    return Object.fromEntries(
      Object.entries(parsed).filter((pair): pair is [string, number] => typeof pair[1] === "number"),
    )
  } catch {
    return {}
  }
}

export const stockSink = defineSink<WooCommerceConfig, StockPayload>({
  entity: "inventory",
  description:
    "Sets stock_quantity of variations and simple products to the sum of the configured locations (batch of 100)",
  maxBatchSize: MAX_BATCH,
  operations: ["update", "upsert"],
  lookup: (ctx, naturalKeys) =>
    findBySku(ctx, naturalKeys.map(skuOfKey)).pipe(
      Effect.map(
        (bySku) =>
          new Map(
            naturalKeys.flatMap((key) => {
              const ref = bySku.get(skuOfKey(key))
              return ref === undefined
                ? []
                : [[key, `${externalIdOf(ref)}@${key.slice(skuOfKey(key).length + 1)}`] as const]
            }),
          ),
      ),
    ),
  write: (ctx, items) =>
    Effect.gen(function* () {
      // Always read: the other locations' shares are on the record.
      const bySku = yield* findBySku(
        ctx,
        items.map((i) => i.payload.sku),
      )
      const skus = [...new Set(items.map((i) => i.payload.sku))].filter((sku) => bySku.has(sku))
      const updates = skus.map((sku) => {
        const ref = bySku.get(sku)!
        const shares = { ...stockByLocation(ref) }
        for (const item of items)
          if (item.payload.sku === sku) shares[item.payload.locationCode] = item.payload.quantity
        const total = ctx.config.stockLocations.reduce((sum, code) => sum + (shares[code] ?? 0), 0)
        return {
          ref,
          fields: {
            manage_stock: true,
            stock_quantity: total,
            meta_data: [{ key: STOCK_BY_LOCATION_META, value: JSON.stringify(shares) }],
          },
        }
      })
      const results = yield* applyUpdates(ctx, "stock.batch", updates)
      const bySkuResult = new Map(skus.map((sku, i) => [sku, results[i]]))
      return items.map((item): WriteOutcome => {
        const ref = bySku.get(item.payload.sku)
        if (ref === undefined) {
          return rejected(
            ctx.system,
            "inventory",
            item.naturalKey,
            `WooCommerce has no product or variation with SKU ${item.payload.sku}`,
            "$.sku",
          )
        }
        const error = bySkuResult.get(item.payload.sku)
        if (error !== undefined) return rejected(ctx.system, "inventory", item.naturalKey, error, "$.quantity")
        return {
          naturalKey: item.naturalKey,
          ok: true,
          externalId: `${externalIdOf(ref)}@${item.payload.locationCode}`,
          action: "updated",
        }
      })
    }),
})
