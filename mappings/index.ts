import type { SystemMappings } from "../core/mapping/index.ts"
import { akeneoMappings } from "./akeneo/index.ts"
import { amazonMappings } from "./amazon/index.ts"
import { ebayMappings } from "./ebay/index.ts"
import { filesMappings } from "./files/index.ts"
import { hubspotMappings } from "./hubspot/index.ts"
import { odooMappings } from "./odoo/index.ts"
import { shopifyMappings } from "./shopify/index.ts"
import { shopwareMappings } from "./shopware/index.ts"
import { trytonMappings } from "./tryton/index.ts"
import { vendureMappings } from "./vendure/index.ts"
import { woocommerceMappings } from "./woocommerce/index.ts"

/** The default vendor ⇄ canonical mappings of every connector, by connector name. */
export const defaultMappings: Readonly<Record<string, SystemMappings>> = {
  shopify: shopifyMappings,
  shopware: shopwareMappings,
  akeneo: akeneoMappings,
  odoo: odooMappings,
  files: filesMappings,
  hubspot: hubspotMappings,
  woocommerce: woocommerceMappings,
  amazon: amazonMappings,
  ebay: ebayMappings,
  vendure: vendureMappings,
  tryton: trytonMappings,
}
