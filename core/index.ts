/**
 * eslayer: the public API a user's config and connectors import.
 *
 * @example
 * import { defineConfig, env } from "eslayer"
 * import { odoo } from "eslayer/connectors/odoo"
 */
export * from "./config/define.ts"
export * from "./connector/index.ts"
export * from "./http/index.ts"
export * from "./hub/index.ts"
export * from "./mapping/index.ts"
export * from "./model/index.ts"
