/**
 * HubSpot CRM for esl.
 *
 * @example
 * import { hubspot } from "eslayer/connectors/hubspot"
 * systems: { crm: hubspot({ accessToken: env("HUBSPOT_TOKEN"), tier: "professional" }) }
 */
import { systemFactory } from "../../core/connector/define.ts"
import { hubspotConnector } from "./connector.ts"

export { HubspotConfig, type HubspotConfigInput, HubspotTier, requestsPerTenSeconds } from "./config.ts"
export { apiVersion, hubspotConnector } from "./connector.ts"
export {
  type HubspotSandboxOptions,
  type HubspotSandboxState,
  hubspotSandbox,
  SANDBOX_TOKEN,
} from "./sandbox/index.ts"
export { hubspotSignature } from "./webhooks.ts"

/** The factory `esl.config.ts` calls: `hubspot({ accessToken, baseUrl?, tier?, … })`. */
export const hubspot = systemFactory(hubspotConnector)
