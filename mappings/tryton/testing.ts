/** Test support for the Tryton mappings: a mapping context, and running both directions of a mapping. */
import { mappingContext } from "../../core/mapping/index.ts"
import { mappingTestKit } from "../../core/mapping/testing.ts"
import { trytonMappings } from "./index.ts"

/** A system with the connector's defaults. */
export const context = mappingContext("erp", { locale: "en", currency: "EUR", channel: "tryton", priceList: "default" })

export const { mappingOf, decode, decodeFailure, encodeRead, encodeWrite, decodeWrite } = mappingTestKit(
  "Tryton",
  trytonMappings,
  context,
)
