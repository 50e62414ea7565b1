/**
 * `prices` ← canonical price: the offer price per SKU with `bulkUpdatePriceQuantity` (25 SKUs
 * per call, 207 with a result per offer). The vendor id is the offer id; a SKU without an offer
 * on the marketplace is rejected (sync its product first).
 * https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/bulkUpdatePriceQuantity
 */
import { Effect } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { BULK_LIMIT, ebayRequest } from "../client.ts"
import type { EbayConfig } from "../config.ts"
import { BulkPriceQuantityResponse } from "../schemas/inventory.ts"
import type { PricePayload } from "../schemas/payloads.ts"
import { offerIdsBySku } from "./offers.ts"
import { refused, rejected } from "./rejection.ts"

const skuOfKey = (key: string): string => key.split("|")[0] ?? key

export const pricesSink = defineSink<EbayConfig, PricePayload>({
  entity: "price",
  description: "offer prices (bulkUpdatePriceQuantity)",
  maxBatchSize: BULK_LIMIT,
  operations: ["update"],
  lookup: (ctx, keys) =>
    offerIdsBySku(ctx, keys.map(skuOfKey)).pipe(
      Effect.map((offers) => {
        const found = new Map<string, string>()
        for (const key of keys) {
          const offerId = offers.get(skuOfKey(key))
          if (offerId !== undefined) found.set(key, offerId)
        }
        return found
      }),
    ),
  write: (ctx, batch) =>
    Effect.gen(function* () {
      const unknown = batch.filter((item) => item.externalId === undefined).map((item) => item.payload.sku)
      const looked = unknown.length === 0 ? new Map<string, string>() : yield* offerIdsBySku(ctx, unknown)
      const offerOf = (item: (typeof batch)[number]) => item.externalId ?? looked.get(item.payload.sku)
      const sendable = batch.filter((item) => offerOf(item) !== undefined)
      const answer =
        sendable.length === 0
          ? { responses: [] }
          : yield* ebayRequest(ctx, {
              operation: "inventory.bulkUpdatePriceQuantity",
              api: "inventory",
              method: "POST",
              path: "/bulk_update_price_quantity",
              body: {
                requests: sendable.map((item) => ({
                  sku: item.payload.sku,
                  offers: [{ offerId: offerOf(item), price: item.payload.price }],
                })),
              },
              answer: BulkPriceQuantityResponse,
              idempotent: true,
            })
      return batch.map((item): WriteOutcome => {
        const offerId = offerOf(item)
        if (offerId === undefined) {
          return refused(
            ctx.system,
            "price",
            item.naturalKey,
            `SKU ${item.payload.sku} has no offer on ${ctx.config.marketplaceId}; sync its product first`,
            "$.sku",
          )
        }
        const result = answer.responses.find(
          (r) => r.sku === item.payload.sku && (r.offerId === undefined || r.offerId === offerId),
        )
        if (result === undefined)
          return refused(ctx.system, "price", item.naturalKey, "eBay answered nothing for this offer")
        if (result.statusCode >= 300) return rejected(ctx.system, "price", item.naturalKey, result.errors ?? [])
        return { naturalKey: item.naturalKey, ok: true, externalId: offerId, action: "updated" }
      })
    }),
})
