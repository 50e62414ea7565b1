/** Sellers API v1 in the sandbox: getMarketplaceParticipations (what `check` calls). */
import { amazonJson } from "./responses.ts"
import { operation, type SandboxContext } from "./route.ts"

export const sellersHandlers = (ctx: SandboxContext) => [
  // https://developer-docs.amazon.com/sp-api/docs/sellers-api-v1-reference#getmarketplaceparticipations
  operation(ctx, "getMarketplaceParticipations", "get", "/sellers/v1/marketplaceParticipations", ({ rate }) =>
    amazonJson(
      {
        payload: [
          {
            marketplace: {
              id: ctx.state.marketplaceId,
              name: "Amazon.de",
              countryCode: "DE",
              defaultCurrencyCode: "EUR",
              defaultLanguageCode: "de_DE",
              domainName: "www.amazon.de",
            },
            participation: { isParticipating: true, hasSuspendedListings: false },
            storeName: "Alpenglow Outfitters",
          },
        ],
      },
      200,
      rate,
    ),
  ),
]
