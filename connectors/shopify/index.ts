/**
 * The Shopify connector (Admin GraphQL API 2025-01).
 *
 * @example
 * import { shopify } from "eslayer/connectors/shopify"
 * systems: { shop: shopify({ shop: "alpenglow", accessToken: env("SHOPIFY_TOKEN") }) }
 */
import { systemFactory } from "../../core/connector/index.ts"
import { shopifyConnector } from "./connector.ts"

export { apiVersion, type ShopifyConfig, type ShopifyConfigInput, type ShopifyPlan } from "./config.ts"
export { shopifyConnector } from "./connector.ts"
export { shopifyLookupTables } from "./lookupTables.ts"
export { type ShopifySandboxOptions, type ShopifySandboxState, shopifySandbox } from "./sandbox/index.ts"
export { shopifySignature, shopifyWebhooks } from "./webhooks.ts"

/** `shopify({ shop, accessToken, … })`: a Shopify system for `esl.config.ts`. */
export const shopify = systemFactory(shopifyConnector)
