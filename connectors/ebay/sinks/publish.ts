/**
 * Publishing: an offer becomes a live listing once it has a price and stock. With `publish: true`
 * the stock sink, which runs after products and prices, publishes the unpublished offers of the
 * SKUs it gave a quantity: single-SKU offers with `bulkPublishOffer` (25 per call), variation
 * groups with `publishOfferByInventoryItemGroup`. eBay's refusal (no price, no policies…) is the
 * stock record's rejection, so `esl dlq replay` publishes it once the cause is fixed.
 */
import { Effect, Schema } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { BULK_LIMIT, chunksOf, type EbayContext, ebayFind, ebayRequest } from "../client.ts"
import type { EbayError } from "../schemas/common.ts"
import { type InventoryItemRecord, OffersPage } from "../schemas/inventory.ts"
import { orRejected } from "./rejection.ts"

const BulkPublishResponse = Schema.Struct({
  responses: Schema.Array(
    Schema.Struct({
      statusCode: Schema.Number,
      offerId: Schema.String,
      listingId: Schema.optional(Schema.String),
      errors: Schema.optional(Schema.Array(Schema.Struct({ errorId: Schema.Number, message: Schema.String }))),
    }),
  ),
})

/** Publishes what can go live among `skus`; answers eBay's errors per SKU that could not. */
export const publishOffers = (
  ctx: EbayContext,
  skus: ReadonlyArray<{ readonly sku: string; readonly item: InventoryItemRecord }>,
): Effect.Effect<ReadonlyMap<string, ReadonlyArray<EbayError>>, ConnectorError> =>
  Effect.gen(function* () {
    const failed = new Map<string, ReadonlyArray<EbayError>>()
    const single: Array<{ sku: string; offerId: string }> = []
    const groups = new Map<string, Array<string>>()
    for (const { sku, item } of skus) {
      // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/getOffers
      const page = yield* ebayFind(ctx, {
        operation: "inventory.getOffers",
        api: "inventory",
        method: "GET",
        path: "/offer",
        query: { sku, marketplace_id: ctx.config.marketplaceId, format: "FIXED_PRICE" },
        answer: OffersPage,
      })
      const offer = page._tag === "Some" ? page.value.offers.find((o) => o.sku === sku) : undefined
      if (offer === undefined || offer.status === "PUBLISHED") continue
      const group = item.inventoryItemGroupKeys?.[0]
      if (group === undefined) single.push({ sku, offerId: offer.offerId })
      else groups.set(group, [...(groups.get(group) ?? []), sku])
    }
    for (const chunk of chunksOf(single, BULK_LIMIT)) {
      // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/bulkPublishOffer
      const answer = yield* ebayRequest(ctx, {
        operation: "inventory.bulkPublishOffer",
        api: "inventory",
        method: "POST",
        path: "/bulk_publish_offer",
        body: { requests: chunk.map(({ offerId }) => ({ offerId })) },
        answer: BulkPublishResponse,
      })
      for (const response of answer.responses) {
        const sku = chunk.find((c) => c.offerId === response.offerId)?.sku
        if (sku !== undefined && response.statusCode >= 300) failed.set(sku, response.errors ?? [])
      }
    }
    for (const [group, members] of groups) {
      // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/publishOfferByInventoryItemGroup
      const published = yield* orRejected(
        ebayRequest(ctx, {
          operation: "inventory.publishOfferByInventoryItemGroup",
          api: "inventory",
          method: "POST",
          path: "/offer/publish_by_inventory_item_group",
          body: { inventoryItemGroupKey: group, marketplaceId: ctx.config.marketplaceId },
          answer: Schema.Struct({ listingId: Schema.optional(Schema.String) }),
        }),
      )
      if (!published.ok) for (const sku of members) failed.set(sku, published.errors)
    }
    return failed
  })
