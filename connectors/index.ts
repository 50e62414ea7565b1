import type { ConnectorDefinition } from "../core/connector/index.ts"
import { akeneoConnector } from "./akeneo/index.ts"
import { amazonConnector } from "./amazon/index.ts"
import { ebayConnector } from "./ebay/index.ts"
import { filesConnector } from "./files/index.ts"
import { hubspotConnector } from "./hubspot/index.ts"
import { odooConnector } from "./odoo/index.ts"
import { shopifyConnector } from "./shopify/index.ts"
import { shopwareConnector } from "./shopware/index.ts"
import { trytonConnector } from "./tryton/index.ts"
import { vendureConnector } from "./vendure/index.ts"
import { woocommerceConnector } from "./woocommerce/index.ts"

/** Every connector esl ships, by registry name: what `esl connectors` lists and `esl sandbox` serves. */
export const connectors: Readonly<Record<string, ConnectorDefinition<unknown, unknown>>> = {
  shopify: shopifyConnector as unknown as ConnectorDefinition<unknown, unknown>,
  shopware: shopwareConnector as unknown as ConnectorDefinition<unknown, unknown>,
  akeneo: akeneoConnector as unknown as ConnectorDefinition<unknown, unknown>,
  odoo: odooConnector as unknown as ConnectorDefinition<unknown, unknown>,
  files: filesConnector as unknown as ConnectorDefinition<unknown, unknown>,
  hubspot: hubspotConnector as unknown as ConnectorDefinition<unknown, unknown>,
  woocommerce: woocommerceConnector as unknown as ConnectorDefinition<unknown, unknown>,
  amazon: amazonConnector as unknown as ConnectorDefinition<unknown, unknown>,
  ebay: ebayConnector as unknown as ConnectorDefinition<unknown, unknown>,
  vendure: vendureConnector as unknown as ConnectorDefinition<unknown, unknown>,
  tryton: trytonConnector as unknown as ConnectorDefinition<unknown, unknown>,
}
