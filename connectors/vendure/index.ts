/**
 * The Vendure connector (Admin GraphQL API, Vendure 3.x).
 *
 * @example
 * import { vendure } from "eslayer/connectors/vendure"
 * systems: { shop: vendure({ baseUrl: env("VENDURE_URL"), username: env("VENDURE_USERNAME"), password: env("VENDURE_PASSWORD") }) }
 */
import { systemFactory } from "../../core/connector/index.ts"
import { vendureConnector } from "./connector.ts"

export { VendureGraphqlError } from "./client.ts"
export { apiVersion, type VendureConfig, type VendureConfigInput } from "./config.ts"
export { vendureConnector } from "./connector.ts"
export { SANDBOX_ADMIN, type VendureSandboxState, vendureSandbox } from "./sandbox/index.ts"

/** `vendure({ baseUrl, username, password, … })`: a Vendure system for `esl.config.ts`. */
export const vendure = systemFactory(vendureConnector)
