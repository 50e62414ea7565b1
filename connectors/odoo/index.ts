/**
 * Odoo (ERP) for esl.
 *
 * @example
 * import { odoo } from "eslayer/connectors/odoo"
 * systems: { erp: odoo({ baseUrl: "https://acme.odoo.com", apiKey: env("ODOO_API_KEY"), database: "acme" }) }
 */
import { systemFactory } from "../../core/connector/define.ts"
import { odooConnector } from "./connector.ts"

export { OdooConfig, type OdooConfigInput, OdooProtocol } from "./config.ts"
export { apiVersion, odooConnector } from "./connector.ts"
export { type OdooSandboxOptions, type OdooSandboxState, odooSandbox } from "./sandbox/index.ts"

/** The factory `esl.config.ts` calls: `odoo({ baseUrl, apiKey, database?, protocol?, … })`. */
export const odoo = systemFactory(odooConnector)
