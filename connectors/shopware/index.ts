/**
 * The Shopware 6 connector (Admin API).
 *
 * @example
 * import { shopware } from "eslayer/connectors/shopware"
 * systems: { shop: shopware({ baseUrl: "https://shop.example.de", clientId: env("SW_ID"), clientSecret: env("SW_SECRET") }) }
 */
import { systemFactory } from "../../core/connector/index.ts"
import { shopwareConnector } from "./connector.ts"

export { apiVersion, type ShopwareConfig, type ShopwareConfigInput } from "./config.ts"
export { shopwareConnector } from "./connector.ts"
export { SEED_IDS } from "./fixtures/seed.ts"
export { shopwareId } from "./ids.ts"
export { shopwareLookupTables } from "./lookupTables.ts"
export {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  type ShopwareSandboxOptions,
  type ShopwareSandboxState,
  shopwareSandbox,
} from "./sandbox/index.ts"
export { shopwareSignature, shopwareWebhooks } from "./webhooks.ts"

/** `shopware({ baseUrl, clientId, clientSecret, … })`: a Shopware 6 system for `esl.config.ts`. */
export const shopware = systemFactory(shopwareConnector)
