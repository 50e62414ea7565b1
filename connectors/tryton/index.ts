/**
 * Tryton (ERP) for esl.
 *
 * @example
 * import { tryton } from "eslayer/connectors/tryton"
 * systems: { erp: tryton({ baseUrl: "https://erp.example.com", database: "acme", username: "esl", password: env("TRYTON_PASSWORD") }) }
 */
import { systemFactory } from "../../core/connector/define.ts"
import { trytonConnector } from "./connector.ts"

export { TrytonConfig, type TrytonConfigInput } from "./config.ts"
export { apiVersion, trytonConnector } from "./connector.ts"
export {
  SANDBOX_DATABASE,
  SANDBOX_LOGIN,
  SANDBOX_PASSWORD,
  type TrytonSandboxState,
  trytonSandbox,
} from "./sandbox/index.ts"

/** The factory `esl.config.ts` calls: `tryton({ baseUrl, database, username, password, … })`. */
export const tryton = systemFactory(trytonConnector)
