/**
 * Akeneo PIM for esl.
 *
 * @example
 * import { akeneo } from "eslayer/connectors/akeneo"
 * systems: {
 *   pim: akeneo({
 *     baseUrl: "https://alpenglow.cloud.akeneo.com",
 *     clientId: env("AKENEO_CLIENT_ID"), secret: env("AKENEO_SECRET"),
 *     username: env("AKENEO_USERNAME"), password: env("AKENEO_PASSWORD"),
 *   }),
 * }
 */
import { systemFactory } from "../../core/connector/index.ts"
import { akeneoConnector } from "./connector.ts"

export { AkeneoConfig, type AkeneoConfigInput, apiVersion } from "./config.ts"
export { akeneoConnector, TOKEN_PATH } from "./connector.ts"
export {
  type AkeneoSandboxOptions,
  type AkeneoSandboxState,
  akeneoSandbox,
  SANDBOX_CLIENT,
} from "./sandbox/index.ts"
export { akeneoSignature, akeneoWebhooks } from "./webhooks.ts"

/** `akeneo({ baseUrl, clientId, secret, username, password, … })`: an Akeneo PIM for `esl.config.ts`. */
export const akeneo = systemFactory(akeneoConnector)
