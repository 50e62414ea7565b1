/**
 * The prices sink: a variant's one price in the channel's default currency, through
 * `updateProductVariants` (`price`, minor units). Vendure reads that input as gross when the
 * channel's `pricesIncludeTax` is set, as net otherwise; the price mapping only lets through
 * prices that match the configured channel.
 */
import { defineSink } from "../../../core/connector/index.ts"
import type { VendureConfig } from "../config.ts"
import type { PricePayload } from "../schemas/payloads.ts"
import { lookupVariantIds } from "./keys.ts"
import { updateVariants } from "./variantUpdate.ts"

export const pricesSink = defineSink<VendureConfig, PricePayload>({
  entity: "price",
  description: "Sets variant prices in the channel currency (updateProductVariants)",
  maxBatchSize: 100,
  operations: ["update", "upsert"],
  lookup: (ctx, keys) =>
    lookupVariantIds(ctx, keys, (key) => {
      const [sku, priceList, currency, minQuantity] = key.split("|")
      const ours = priceList === ctx.config.priceList && currency === ctx.config.currency && minQuantity === "1"
      return ours ? sku : undefined
    }),
  write: (ctx, items) =>
    updateVariants(ctx, items, {
      entity: "price",
      skuOf: (payload) => payload.sku,
      inputOf: (payload) => ({ price: payload.price }),
    }),
})
