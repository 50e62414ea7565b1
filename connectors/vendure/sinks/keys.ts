/** Link before create for sinks whose records are variants: natural key → SKU → variant id. */
import { Effect } from "effect"
import type { ConnectorError } from "../../../core/connector/index.ts"
import { asVendorError, type VendureContext } from "../client.ts"
import { variantsBySku } from "./variantLookup.ts"

/** The variant ids of the keys whose SKU (`skuOf`, undefined for keys not meant for this system) Vendure has. */
export const lookupVariantIds = (
  ctx: VendureContext,
  keys: ReadonlyArray<string>,
  skuOf: (key: string) => string | undefined,
): Effect.Effect<ReadonlyMap<string, string>, ConnectorError> => {
  const skus = keys.flatMap((key) => {
    const sku = skuOf(key)
    return sku === undefined ? [] : [[key, sku] as const]
  })
  if (skus.length === 0) return Effect.succeed(new Map())
  return asVendorError(
    variantsBySku(
      ctx,
      skus.map(([, sku]) => sku),
    ),
  ).pipe(
    Effect.map(
      (bySku) =>
        new Map(
          skus.flatMap(([key, sku]) => {
            const variant = bySku.get(sku)
            return variant === undefined ? [] : [[key, variant.id] as const]
          }),
        ),
    ),
  )
}
