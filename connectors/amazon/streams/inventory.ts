/**
 * The FBA inventory stream: getInventorySummaries with `details=true` for the marketplace,
 * `startDateTime` for incremental reads, `nextToken` paging. Amazon neither sorts the summaries
 * nor lets a next token live longer than 30 seconds, so every page is fetched first and the
 * summaries are yielded in (lastUpdatedTime, sellerSku) order.
 */
import { Chunk, Effect, Option, Stream } from "effect"
import { defineStream } from "../../../core/connector/index.ts"
import { paginate } from "../../../core/http/index.ts"
import { callAs } from "../client.ts"
import type { AmazonConfig } from "../config.ts"
import { GetInventorySummariesResponse, type InventorySummary } from "../schemas/inventory.ts"
import { byPosition, positionAt } from "./position.ts"

/**
 * The vendor id of FBA stock: the SKU in Amazon's EU fulfilment network. The seller's own stock
 * of the same SKU (the inventory sink's `sku@DEFAULT`) is another record.
 */
export const fbaStockId = (sellerSku: string): string => `${sellerSku}@${FBA_CHANNEL}`
const FBA_CHANNEL = "AMAZON_EU"

const positionOf = (summary: InventorySummary) => positionAt(summary.lastUpdatedTime, fbaStockId(summary.sellerSku))

/** Summaries per yielded page (Amazon's own pages hold 50). */
const PAGE = 50

export const fbaInventoryStream = defineStream<AmazonConfig, InventorySummary>({
  entity: "inventory",
  description: "FBA inventory of the marketplace per SKU, at the configured FBA location",
  incremental: true,
  idOf: (summary) => fbaStockId(summary.sellerSku),
  positionOf,
  read: (ctx, { since, pageSize }) =>
    paginate(
      Option.none<string>(),
      (nextToken) =>
        // https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference#getinventorysummaries
        callAs(
          ctx,
          "getInventorySummaries",
          {
            method: "GET",
            path: "fba/inventory/v1/summaries",
            query: {
              details: true,
              granularityType: "Marketplace",
              granularityId: ctx.config.marketplaceId,
              marketplaceIds: ctx.config.marketplaceId,
              startDateTime: since?.at,
              nextToken: Option.getOrUndefined(nextToken),
            },
          },
          GetInventorySummariesResponse,
        ).pipe(
          Effect.map((answer) => {
            const next = answer.pagination?.nextToken
            return {
              items: answer.payload.inventorySummaries,
              next: next === undefined ? Option.none() : Option.some(Option.some(next)),
            }
          }),
        ),
      { system: ctx.system, operation: "getInventorySummaries" },
    ).pipe(
      Stream.runCollect,
      Effect.map((pages) => {
        const sorted = Chunk.toReadonlyArray(pages)
          .flat()
          .sort((a, b) => byPosition(positionOf(a), positionOf(b)))
        const size = Math.max(1, pageSize ?? PAGE)
        const out: Array<ReadonlyArray<InventorySummary>> = []
        for (let i = 0; i < sorted.length; i += size) out.push(sorted.slice(i, i + size))
        return out
      }),
      Stream.fromIterableEffect,
    ),
  readByIds: (ctx, ids) =>
    Effect.gen(function* () {
      const skus = ids.map((id) => (id.endsWith(`@${FBA_CHANNEL}`) ? id.slice(0, -FBA_CHANNEL.length - 1) : id))
      const found: Array<InventorySummary> = []
      // sellerSkus takes up to 50 SKUs.
      for (let start = 0; start < skus.length; start += 50) {
        const answer = yield* callAs(
          ctx,
          "getInventorySummaries",
          {
            method: "GET",
            path: "fba/inventory/v1/summaries",
            query: {
              details: true,
              granularityType: "Marketplace",
              granularityId: ctx.config.marketplaceId,
              marketplaceIds: ctx.config.marketplaceId,
              sellerSkus: skus.slice(start, start + 50).join(","),
            },
          },
          GetInventorySummariesResponse,
        )
        found.push(...answer.payload.inventorySummaries)
      }
      return found
    }),
})
