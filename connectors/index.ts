import type { ConnectorDefinition } from "../core/connector/index.ts"
import { odooConnector } from "./odoo/index.ts"
import { shopifyConnector } from "./shopify/index.ts"

/** Every connector esl ships, by registry name: what `esl connectors` lists and `esl sandbox` serves. */
export const connectors: Readonly<Record<string, ConnectorDefinition<unknown, unknown>>> = {
  shopify: shopifyConnector as unknown as ConnectorDefinition<unknown, unknown>,
  odoo: odooConnector as unknown as ConnectorDefinition<unknown, unknown>,
}
