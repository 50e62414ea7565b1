/**
 * `products` ← canonical product: inventory items (`bulkCreateOrReplaceInventoryItem`, 25 per
 * call), the variation group of a multi-variant product (`createOrReplaceInventoryItemGroup`)
 * and a fixed-price offer per SKU on the marketplace (`bulkCreateOffer`, 25 per call; an offer
 * eBay already has, error 25729, is kept). The vendor id is the group key, or the SKU of a
 * single-variant product. Offers are created unpublished: publishing needs the price and stock
 * the other sinks send, so the stock sink publishes them (`publish: true`).
 */
import { Effect, Schema } from "effect"
import { defineSink, type WriteOutcome } from "../../../core/connector/index.ts"
import { BULK_LIMIT, chunksOf, ebayFind, ebayRequest } from "../client.ts"
import { type EbayConfig, offerLocationKey } from "../config.ts"
import type { EbayError } from "../schemas/common.ts"
import { BulkInventoryItemResponse, BulkOfferResponse, InventoryItemGroup } from "../schemas/inventory.ts"
import type { ListingPayload } from "../schemas/payloads.ts"
import { inventoryItemsBySku } from "./items.ts"
import { orRejected, refused, rejected } from "./rejection.ts"

/** eBay's "this SKU already has an offer on the marketplace in this format". */
const OFFER_EXISTS = 25729

const NoContent = Schema.Unknown

export const productsSink = defineSink<EbayConfig, ListingPayload>({
  entity: "product",
  description: "inventory items, variation groups and offers (bulkCreateOrReplaceInventoryItem, bulkCreateOffer)",
  maxBatchSize: BULK_LIMIT,
  operations: ["upsert"],
  lookup: (ctx, keys) =>
    Effect.gen(function* () {
      const found = new Map<string, string>()
      for (const key of keys) {
        // https://developer.ebay.com/api-docs/sell/inventory/resources/inventory_item_group/methods/getInventoryItemGroup
        const group = yield* ebayFind(ctx, {
          operation: "inventory.getInventoryItemGroup",
          api: "inventory",
          method: "GET",
          path: `/inventory_item_group/${encodeURIComponent(key)}`,
          answer: InventoryItemGroup,
        })
        if (group._tag === "Some") found.set(key, key)
      }
      const rest = keys.filter((k) => !found.has(k))
      if (rest.length > 0) {
        const items = yield* inventoryItemsBySku(ctx, rest)
        for (const key of rest) if (items.get(key)?.ok === true) found.set(key, key)
      }
      return found
    }),
  write: (ctx, batch) =>
    Effect.gen(function* () {
      const failures = new Map<string, ReadonlyArray<EbayError>>()
      const productOf = new Map<string, string>()
      for (const item of batch) for (const i of item.payload.items) productOf.set(i.sku, item.naturalKey)
      const fail = (sku: string, errors: ReadonlyArray<EbayError>) => {
        const key = productOf.get(sku)
        if (key !== undefined && !failures.has(key)) failures.set(key, errors)
      }

      // https://developer.ebay.com/api-docs/sell/inventory/resources/inventory_item/methods/bulkCreateOrReplaceInventoryItem
      const requests = batch.flatMap((item) => item.payload.items)
      for (const chunk of chunksOf(requests, BULK_LIMIT)) {
        const answer = yield* ebayRequest(ctx, {
          operation: "inventory.bulkCreateOrReplaceInventoryItem",
          api: "inventory",
          method: "POST",
          path: "/bulk_create_or_replace_inventory_item",
          body: { requests: chunk },
          answer: BulkInventoryItemResponse,
          idempotent: true,
        })
        for (const r of answer.responses) if (r.statusCode >= 300) fail(r.sku, r.errors ?? [])
      }

      // https://developer.ebay.com/api-docs/sell/inventory/resources/inventory_item_group/methods/createOrReplaceInventoryItemGroup
      for (const item of batch) {
        const group = item.payload.group
        if (group === undefined || failures.has(item.naturalKey)) continue
        const { inventoryItemGroupKey: _key, ...body } = group
        const put = yield* orRejected(
          ebayRequest(ctx, {
            operation: "inventory.createOrReplaceInventoryItemGroup",
            api: "inventory",
            method: "PUT",
            path: `/inventory_item_group/${encodeURIComponent(item.payload.productNumber)}`,
            body,
            answer: NoContent,
          }),
        )
        if (!put.ok) failures.set(item.naturalKey, put.errors)
      }

      // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/bulkCreateOffer
      const listing = ctx.config.listing
      const location = offerLocationKey(ctx.config)
      const offers = batch
        .filter((item) => !failures.has(item.naturalKey))
        .flatMap((item) =>
          item.payload.items.map((i) => ({
            sku: i.sku,
            marketplaceId: ctx.config.marketplaceId,
            format: "FIXED_PRICE",
            ...(i.product.description === undefined ? {} : { listingDescription: i.product.description }),
            ...(listing === undefined
              ? {}
              : {
                  categoryId: listing.categoryId,
                  listingPolicies: {
                    fulfillmentPolicyId: listing.fulfillmentPolicyId,
                    paymentPolicyId: listing.paymentPolicyId,
                    returnPolicyId: listing.returnPolicyId,
                  },
                }),
            ...(location === undefined ? {} : { merchantLocationKey: location }),
          })),
        )
      for (const chunk of chunksOf(offers, BULK_LIMIT)) {
        const answer = yield* ebayRequest(ctx, {
          operation: "inventory.bulkCreateOffer",
          api: "inventory",
          method: "POST",
          path: "/bulk_create_offer",
          body: { requests: chunk },
          answer: BulkOfferResponse,
        })
        for (const r of answer.responses) {
          const errors = (r.errors ?? []).filter((e) => e.errorId !== OFFER_EXISTS)
          if (r.statusCode >= 300 && errors.length > 0) fail(r.sku, errors)
        }
      }

      return batch.map((item): WriteOutcome => {
        const errors = failures.get(item.naturalKey)
        if (errors !== undefined) return rejected(ctx.system, "product", item.naturalKey, errors)
        const externalId = item.payload.group === undefined ? item.payload.items[0].sku : item.payload.productNumber
        if (item.payload.group === undefined && item.payload.items.length > 1) {
          return refused(ctx.system, "product", item.naturalKey, "several inventory items without a group", "$.group")
        }
        return {
          naturalKey: item.naturalKey,
          ok: true,
          externalId,
          action: item.externalId === undefined ? "created" : "updated",
        }
      })
    }),
})
