/**
 * Link before write: which SKUs have a listing in the marketplace (searchListingsItems by SKU,
 * 20 identifiers a call). A price or stock record is linked to its listing by SKU.
 */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { type AmazonContext, callAs } from "../client.ts"
import { ItemSearchResults, MAX_SEARCH_IDENTIFIERS } from "../schemas/listings.ts"

/** The listed SKUs among `skus`. */
export const listedSkus = (
  ctx: AmazonContext,
  skus: ReadonlyArray<string>,
): Effect.Effect<ReadonlySet<string>, ConnectorError> =>
  Effect.gen(function* () {
    const unique = [...new Set(skus)]
    const found = new Set<string>()
    for (let start = 0; start < unique.length; start += MAX_SEARCH_IDENTIFIERS) {
      const chunk = unique.slice(start, start + MAX_SEARCH_IDENTIFIERS)
      // https://developer-docs.amazon.com/sp-api/docs/listings-items-api-v2021-08-01-reference#searchlistingsitems
      const answer = yield* callAs(
        ctx,
        "searchListingsItems",
        {
          method: "GET",
          path: `listings/2021-08-01/items/${encodeURIComponent(ctx.config.sellerId)}`,
          query: {
            marketplaceIds: ctx.config.marketplaceId,
            identifiers: chunk.join(","),
            identifiersType: "SKU",
            includedData: "summaries",
            pageSize: MAX_SEARCH_IDENTIFIERS,
          },
        },
        ItemSearchResults,
      )
      for (const item of answer.items) found.add(item.sku)
    }
    return found
  })

/**
 * `lookup` for a sink whose natural keys start with the SKU (`sku|…`, `sku@…`); `externalIdOf`
 * names the vendor record the sink writes (the offer, or the seller-fulfilled stock).
 */
export const lookupBySku =
  (skuOf: (naturalKey: string) => string, externalIdOf: (sku: string) => string) =>
  (
    ctx: AmazonContext,
    naturalKeys: ReadonlyArray<string>,
  ): Effect.Effect<ReadonlyMap<string, string>, ConnectorError> =>
    listedSkus(
      ctx,
      naturalKeys.map(skuOf).filter((sku) => sku !== ""),
    ).pipe(
      Effect.map((listed) => {
        const out = new Map<string, string>()
        for (const key of naturalKeys) {
          const sku = skuOf(key)
          if (listed.has(sku)) out.set(key, externalIdOf(sku))
        }
        return out
      }),
    )
