/**
 * Stock. Shopware keeps one `stock` per product; the hub keeps one level per location. The
 * levels of the configured `stockLocations` are summed: each location's last value is kept on
 * the product in `customFields.esl_stock_by_location`, so a change at one location updates the
 * sum without the others being sent again. Levels at other locations are acknowledged and not written.
 */
import { Effect } from "effect"
import { defineSink, RecordRejected, type WriteOutcome } from "../../../core/connector/index.ts"
import type { ShopwareConfig } from "../config.ts"
import type { StockPayload } from "../schemas/payloads.ts"
import { linkToProducts, productsByNumber } from "./productLookup.ts"
import { MAX_SYNC_RECORDS, rejection, syncUpsert } from "./sync.ts"

/** The custom field holding the per-location breakdown of the summed stock. */
export const STOCK_BREAKDOWN_FIELD = "esl_stock_by_location"

const skuOf = (naturalKey: string): string => naturalKey.slice(0, naturalKey.lastIndexOf("@"))

const breakdownOf = (customFields: Readonly<Record<string, unknown>> | null | undefined): Record<string, number> => {
  const value = customFields?.[STOCK_BREAKDOWN_FIELD]
  const out: Record<string, number> = {}
  if (typeof value !== "object" || value === null) return out
  for (const [code, quantity] of Object.entries(value)) if (typeof quantity === "number") out[code] = quantity
  return out
}

export const inventorySink = defineSink<ShopwareConfig, StockPayload>({
  entity: "inventory",
  description: "product stock: the sum of the configured stockLocations' available quantities",
  maxBatchSize: MAX_SYNC_RECORDS,
  operations: ["update"],
  lookup: (ctx, keys) => linkToProducts(ctx, keys, skuOf),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const counted = new Set(ctx.config.stockLocations)
      const products = yield* productsByNumber(
        ctx,
        items.map((i) => i.payload.productNumber),
      )
      const outcomes = new Map<string, WriteOutcome>()
      const updates = new Map<string, { id: string; breakdown: Record<string, number>; keys: string[] }>()
      for (const item of items) {
        const product = products.get(item.payload.productNumber)
        if (product === undefined) {
          outcomes.set(item.naturalKey, {
            naturalKey: item.naturalKey,
            ok: false,
            error: new RecordRejected({
              system: ctx.system,
              entity: "inventory",
              recordKey: item.naturalKey,
              reason: `Shopware has no product with productNumber ${item.payload.productNumber}; sync the products flow first`,
              path: "$.productNumber",
            }),
          })
          continue
        }
        if (!counted.has(item.payload.locationCode)) {
          outcomes.set(item.naturalKey, {
            naturalKey: item.naturalKey,
            ok: true,
            externalId: product.id,
            action: "updated",
          })
          continue
        }
        const entry = updates.get(product.id) ?? {
          id: product.id,
          breakdown: breakdownOf(product.customFields),
          keys: [],
        }
        entry.breakdown[item.payload.locationCode] = item.payload.available
        entry.keys.push(item.naturalKey)
        updates.set(product.id, entry)
      }
      const list = [...updates.values()]
      const results = yield* syncUpsert(
        ctx,
        "product",
        list.map((e) => ({
          key: e.id,
          payload: {
            id: e.id,
            stock: [...counted].reduce((sum, code) => sum + (e.breakdown[code] ?? 0), 0),
            customFields: { [STOCK_BREAKDOWN_FIELD]: e.breakdown },
          },
        })),
      )
      for (const entry of list) {
        const result = results.get(entry.id)
        for (const key of entry.keys) {
          outcomes.set(
            key,
            result?.ok === true
              ? { naturalKey: key, ok: true, externalId: entry.id, action: "updated" }
              : {
                  naturalKey: key,
                  ok: false,
                  error: rejection(ctx, "inventory", key, result?.errors ?? [], "write-product"),
                },
          )
        }
      }
      return items.flatMap((i) => {
        const outcome = outcomes.get(i.naturalKey)
        return outcome === undefined ? [] : [outcome]
      })
    }),
})
