/**
 * What the eBay mapping tests share: the demo seller's mapping context (EBAY_DE, German texts,
 * EUR, VAT included, the Berlin store `BER`).
 */

import { Schema } from "effect"
import { EbayConfig } from "../../connectors/ebay/config.ts"
import { ebayLookupTables } from "../../connectors/ebay/lookupTables.ts"
import { type MappingContextShape, mappingContext } from "../../core/mapping/index.ts"

export const demoConfig = Schema.decodeSync(EbayConfig)({
  clientId: "Alpenglo-esl-SBX",
  clientSecret: "secret",
  refreshToken: "refresh",
  locations: { WH: "WH", BER: "BER" },
  stores: { "BER-STORE": "BER" },
})

export const ebayContext = (): MappingContextShape =>
  mappingContext(
    "ebay",
    {
      locale: demoConfig.locale,
      currency: demoConfig.currency,
      channel: demoConfig.channel,
      priceList: demoConfig.priceList,
    },
    ebayLookupTables(demoConfig),
  )
