/**
 * Finding a SKU's offer on the configured marketplace (`getOffers?sku=&marketplace_id=`), which
 * the price sink needs for `bulkUpdatePriceQuantity`. eBay answers 404 when a SKU has none.
 */
import { Effect, Option } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { type EbayContext, ebayFind } from "../client.ts"
import { OffersPage } from "../schemas/inventory.ts"

/** The fixed-price offer id of each SKU that has one on the marketplace. */
export const offerIdsBySku = (
  ctx: EbayContext,
  skus: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, string>, ConnectorError> =>
  Effect.forEach(
    [...new Set(skus)],
    (sku) =>
      // https://developer.ebay.com/api-docs/sell/inventory/resources/offer/methods/getOffers
      ebayFind(ctx, {
        operation: "inventory.getOffers",
        api: "inventory",
        method: "GET",
        path: "/offer",
        query: { sku, marketplace_id: ctx.config.marketplaceId, format: "FIXED_PRICE" },
        answer: OffersPage,
      }).pipe(
        Effect.map((page) =>
          Option.flatMap(page, (p) => Option.fromNullable(p.offers.find((o) => o.sku === sku)?.offerId)).pipe(
            Option.map((offerId) => [sku, offerId] as const),
          ),
        ),
      ),
    { concurrency: 4 },
  ).pipe(Effect.map((found) => new Map(found.flatMap((entry) => (Option.isSome(entry) ? [entry.value] : [])))))
