/** Test support for the HubSpot mappings: a mapping context, and running both directions. */
import { mappingContext } from "../../core/mapping/index.ts"
import { mappingTestKit } from "../../core/mapping/testing.ts"
import { hubspotMappings } from "./index.ts"

/** A system with the connector's defaults. */
export const context = mappingContext("crm", {
  locale: "de-DE",
  currency: "EUR",
  channel: "hubspot",
  priceList: "default",
})

export const { decode, encodeRead, encodeWrite, decodeWrite } = mappingTestKit("HubSpot", hubspotMappings, context)
