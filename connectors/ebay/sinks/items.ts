/**
 * Reading inventory items by SKU in eBay's batches of 25 (`bulkGetInventoryItem`): the item, or
 * eBay's errors for a SKU it does not have (25702).
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { BULK_LIMIT, chunksOf, type EbayContext, ebayRequest } from "../client.ts"
import type { EbayError } from "../schemas/common.ts"
import { BulkGetInventoryItemResponse, type InventoryItemRecord } from "../schemas/inventory.ts"

export type ItemResult =
  | { readonly ok: true; readonly item: InventoryItemRecord }
  | { readonly ok: false; readonly errors: ReadonlyArray<EbayError> }

export const inventoryItemsBySku = (
  ctx: EbayContext,
  skus: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, ItemResult>, ConnectorError> =>
  Effect.forEach(chunksOf([...new Set(skus)], BULK_LIMIT), (chunk) =>
    // https://developer.ebay.com/api-docs/sell/inventory/resources/inventory_item/methods/bulkGetInventoryItem
    ebayRequest(ctx, {
      operation: "inventory.bulkGetInventoryItem",
      api: "inventory",
      method: "POST",
      path: "/bulk_get_inventory_item",
      body: { requests: chunk.map((sku) => ({ sku })) },
      answer: BulkGetInventoryItemResponse,
      idempotent: true,
    }),
  ).pipe(
    Effect.map((answers) => {
      const out = new Map<string, ItemResult>()
      for (const response of answers.flatMap((a) => a.responses)) {
        out.set(
          response.sku,
          response.statusCode === 200 && response.inventoryItem !== undefined
            ? { ok: true, item: response.inventoryItem }
            : { ok: false, errors: response.errors ?? [] },
        )
      }
      return out
    }),
  )
