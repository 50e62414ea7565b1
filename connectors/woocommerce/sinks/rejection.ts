/** WooCommerce per-object batch errors as rejected records, with the vendor's own message. */
import { RecordRejected, type WriteOutcome } from "../../../core/connector/index.ts"
import type { WooError } from "../schemas/common.ts"

/** A rejected outcome for one record. */
export const rejected = (
  system: string,
  entity: string,
  naturalKey: string,
  reason: string,
  path?: string,
): WriteOutcome => ({
  naturalKey,
  ok: false,
  error: new RecordRejected({
    system,
    entity,
    recordKey: naturalKey,
    reason,
    ...(path === undefined ? {} : { path }),
  }),
})

/** `Invalid or duplicated SKU. (product_invalid_sku)`, with `rest_invalid_param`'s per-parameter details. */
export const describeWooError = (error: WooError): string => {
  const params = error.data?.params
  const details = params === undefined ? "" : `: ${Object.values(params).join("; ")}`
  return `${error.message}${details} (${error.code})`
}
