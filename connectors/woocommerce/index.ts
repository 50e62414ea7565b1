/**
 * The WooCommerce connector (REST API wc/v3).
 *
 * @example
 * import { woocommerce } from "eslayer/connectors/woocommerce"
 * systems: {
 *   shop: woocommerce({
 *     baseUrl: "https://shop.alpenglow-outfitters.de",
 *     consumerKey: env("WC_CONSUMER_KEY"),
 *     consumerSecret: env("WC_CONSUMER_SECRET"),
 *     pickupLocations: { "Berlin Mitte Store": "BER" },
 *   }),
 * }
 */
import { systemFactory } from "../../core/connector/index.ts"
import { woocommerceConnector } from "./connector.ts"

export { apiVersion, type WooCommerceConfig, type WooCommerceConfigInput } from "./config.ts"
export { woocommerceConnector } from "./connector.ts"
export { pickupTable, shopTable, woocommerceLookupTables } from "./lookupTables.ts"
export { type WooSandboxOptions, type WooSandboxState, woocommerceSandbox } from "./sandbox/index.ts"
export { woocommerceSignature, woocommerceWebhooks } from "./webhooks.ts"

/** `woocommerce({ baseUrl, consumerKey, consumerSecret, … })`: a WooCommerce system for `esl.config.ts`. */
export const woocommerce = systemFactory(woocommerceConnector)
