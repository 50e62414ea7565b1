/** Test support for the Odoo mappings: a mapping context, and running both directions of a mapping. */
import { mappingContext } from "../../core/mapping/index.ts"
import { mappingTestKit } from "../../core/mapping/testing.ts"
import { odooMappings } from "./index.ts"

/** A system with the connector's defaults; the Berlin warehouse is a store. */
export const context = mappingContext(
  "erp",
  { locale: "en", currency: "EUR", channel: "odoo", priceList: "default" },
  { locationKind: { BER: "store" } },
)

export const { mappingOf, decode, decodeFailure, encodeRead, encodeWrite, decodeWrite } = mappingTestKit(
  "Odoo",
  odooMappings,
  context,
)
