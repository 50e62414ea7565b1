/**
 * Amazon Selling Partner API (marketplace) for esl.
 *
 * @example
 * import { amazon } from "eslayer/connectors/amazon"
 * systems: {
 *   amazon: amazon({
 *     clientId: env("LWA_CLIENT_ID"),
 *     clientSecret: env("LWA_CLIENT_SECRET"),
 *     refreshToken: env("SP_API_REFRESH_TOKEN"),
 *     sellerId: "A2EXAMPLESELLER",
 *     channel: "amazon-de",
 *   }),
 * }
 */
import { systemFactory } from "../../core/connector/define.ts"
import { amazonConnector } from "./connector.ts"

export { AMAZON_DE, AmazonConfig, type AmazonConfigInput, EU_ENDPOINT, LWA_TOKEN_URL } from "./config.ts"
export { amazonConnector, apiVersion } from "./connector.ts"
export { amazonLookupTables, amazonTable } from "./lookupTables.ts"
export { type OrderChange, parseOrderChangeNotification } from "./notifications.ts"
export {
  type AmazonSandboxOptions,
  type AmazonSandboxState,
  amazonSandbox,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_REFRESH_TOKEN,
  SANDBOX_SELLER_ID,
} from "./sandbox/index.ts"
export { defaultUsagePlans, type UsagePlan } from "./usagePlans.ts"

/** The factory `esl.config.ts` calls: `amazon({ clientId, clientSecret, refreshToken, sellerId, … })`. */
export const amazon = systemFactory(amazonConnector)
