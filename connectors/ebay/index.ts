/**
 * The eBay connector (Sell Inventory, Fulfillment and Notification APIs v1).
 *
 * @example
 * import { ebay } from "eslayer/connectors/ebay"
 * systems: {
 *   ebay: ebay({
 *     clientId: env("EBAY_CLIENT_ID"), clientSecret: env("EBAY_CLIENT_SECRET"),
 *     refreshToken: env("EBAY_REFRESH_TOKEN"), marketplaceId: "EBAY_DE",
 *     locations: { WH: "WH", BER: "BER" }, stores: { BER: "BER" },
 *   }),
 * }
 */
import { systemFactory } from "../../core/connector/index.ts"
import { ebayConnector } from "./connector.ts"

export { apiVersion, type EbayConfig, type EbayConfigInput } from "./config.ts"
export { ebayConnector } from "./connector.ts"
export { ebayLookupTables } from "./lookupTables.ts"
export {
  type EbaySandbox,
  type EbaySandboxOptions,
  type EbaySandboxState,
  ebaySandbox,
  ebaySandboxCredentials,
  signNotification,
} from "./sandbox/index.ts"
export { ebayChallengeResponse, ebayChallengeResponseFor, ebayWebhooks } from "./webhooks.ts"

/** `ebay({ clientId, clientSecret, refreshToken, … })`: an eBay seller account for `esl.config.ts`. */
export const ebay = systemFactory(ebayConnector)
