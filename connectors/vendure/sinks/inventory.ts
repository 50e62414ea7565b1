/**
 * The inventory sink: stock at Vendure's default stock location, through
 * `updateProductVariants` (`stockOnHand`).
 *
 * Vendure sells `stockOnHand − stockAllocated`, and allocates stock to every placed order until
 * it is shipped (then both drop by the quantity). The hub's `available` already holds back the
 * orders the ERP knows about, so writing it as `stockOnHand` would subtract a shop order twice
 * while it waits to ship. The sink writes `stockOnHand = available + stockAllocated` instead:
 * what Vendure can sell is then exactly the hub's `available`, before and after shipping.
 */
import { defineSink } from "../../../core/connector/index.ts"
import type { VendureConfig } from "../config.ts"
import type { StockPayload } from "../schemas/payloads.ts"
import { lookupVariantIds } from "./keys.ts"
import { updateVariants } from "./variantUpdate.ts"

export const inventorySink = defineSink<VendureConfig, StockPayload>({
  entity: "inventory",
  description: "Sets saleable stock at the default stock location (updateProductVariants stockOnHand)",
  maxBatchSize: 100,
  operations: ["update", "upsert"],
  lookup: (ctx, keys) =>
    lookupVariantIds(ctx, keys, (key) => {
      const at = key.lastIndexOf("@")
      return at > 0 && key.slice(at + 1) === ctx.config.locationCode ? key.slice(0, at) : undefined
    }),
  write: (ctx, items) =>
    updateVariants(ctx, items, {
      entity: "inventory",
      skuOf: (payload) => payload.sku,
      inputOf: (payload, variant) => ({ stockOnHand: payload.saleable + variant.stockAllocated }),
    }),
})
