/** Sellers API v1 (sellers.json): what `check` reads. */
import { Schema } from "effect"

/** `GetMarketplaceParticipationsResponse`. */
export const MarketplaceParticipations = Schema.Struct({
  payload: Schema.Array(
    Schema.Struct({
      marketplace: Schema.Struct({
        id: Schema.String,
        name: Schema.String,
        countryCode: Schema.String,
        defaultCurrencyCode: Schema.String,
        defaultLanguageCode: Schema.String,
        domainName: Schema.String,
      }),
      participation: Schema.Struct({ isParticipating: Schema.Boolean, hasSuspendedListings: Schema.Boolean }),
      storeName: Schema.optional(Schema.String),
    }),
  ),
})
