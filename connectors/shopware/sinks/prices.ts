/**
 * Prices: the list price (`product.price`, one entry per currency, merged with the currencies
 * the product already has) and advanced prices (`product_price` under the rule of a B2B or
 * tier price list, from `quantityStart`).
 */
import { Effect } from "effect"
import { defineSink, RecordRejected, type WriteOutcome } from "../../../core/connector/index.ts"
import type { ShopwareConfig } from "../config.ts"
import { shopwareId } from "../ids.ts"
import type { PricePayload, ShopwarePrice } from "../schemas/payloads.ts"
import { linkToProducts, productsByNumber } from "./productLookup.ts"
import { MAX_SYNC_RECORDS, rejection, type SyncRecord, syncUpsert } from "./sync.ts"

const skuOf = (naturalKey: string): string => naturalKey.split("|")[0] ?? naturalKey

/** The advanced price id of a price's natural key, the same on every run. */
const advancedPriceId = (naturalKey: string): string => shopwareId("productPrice", naturalKey)

export const pricesSink = defineSink<ShopwareConfig, PricePayload>({
  entity: "price",
  description: "list prices per currency (product.price) and advanced prices per rule and quantity (product.prices)",
  maxBatchSize: MAX_SYNC_RECORDS,
  operations: ["upsert"],
  lookup: (ctx, keys) => linkToProducts(ctx, keys, skuOf),
  write: (ctx, items) =>
    Effect.gen(function* () {
      const products = yield* productsByNumber(
        ctx,
        items.map((i) => i.payload.productNumber),
      )
      const outcomes = new Map<string, WriteOutcome>()
      const listPrices = new Map<string, { id: string; price: ShopwarePrice[]; keys: string[] }>()
      const advanced: Array<SyncRecord> = []
      for (const item of items) {
        const product = products.get(item.payload.productNumber)
        if (product === undefined) {
          outcomes.set(item.naturalKey, {
            naturalKey: item.naturalKey,
            ok: false,
            error: new RecordRejected({
              system: ctx.system,
              entity: "price",
              recordKey: item.naturalKey,
              reason: `Shopware has no product with productNumber ${item.payload.productNumber}; sync the products flow first`,
              path: "$.productNumber",
            }),
          })
          continue
        }
        if (item.payload.ruleId === undefined) {
          const entry = listPrices.get(product.id) ?? { id: product.id, price: [...(product.price ?? [])], keys: [] }
          entry.price = [
            ...entry.price.filter((p) => p.currencyId !== item.payload.price.currencyId),
            item.payload.price,
          ]
          entry.keys.push(item.naturalKey)
          listPrices.set(product.id, entry)
        } else {
          advanced.push({
            key: item.naturalKey,
            payload: {
              id: advancedPriceId(item.naturalKey),
              productId: product.id,
              ruleId: item.payload.ruleId,
              quantityStart: item.payload.quantityStart,
              price: [item.payload.price],
            },
          })
        }
      }
      const list = [...listPrices.values()]
      const listResults = yield* syncUpsert(
        ctx,
        "product",
        list.map((e) => ({ key: e.id, payload: { id: e.id, price: e.price } })),
      )
      for (const entry of list) {
        const result = listResults.get(entry.id)
        for (const key of entry.keys) {
          outcomes.set(
            key,
            result?.ok === true
              ? { naturalKey: key, ok: true, externalId: entry.id, action: "updated" }
              : {
                  naturalKey: key,
                  ok: false,
                  error: rejection(ctx, "price", key, result?.errors ?? [], "write-product"),
                },
          )
        }
      }
      const advancedResults = advanced.length === 0 ? new Map() : yield* syncUpsert(ctx, "product_price", advanced)
      for (const record of advanced) {
        const result = advancedResults.get(record.key)
        outcomes.set(
          record.key,
          result?.ok === true
            ? { naturalKey: record.key, ok: true, externalId: String(record.payload.id), action: "updated" }
            : {
                naturalKey: record.key,
                ok: false,
                error: rejection(ctx, "price", record.key, result?.errors ?? [], "write-product_price"),
              },
        )
      }
      return items.flatMap((i) => {
        const outcome = outcomes.get(i.naturalKey)
        return outcome === undefined ? [] : [outcome]
      })
    }),
})
