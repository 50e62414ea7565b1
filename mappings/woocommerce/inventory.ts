/**
 * Canonical InventoryLevel → the quantity a WooCommerce SKU may sell at one location (write
 * direction). The stock sink adds up the configured locations into the one `stock_quantity`
 * WooCommerce core keeps; what goes there is the canonical `available` (never negative).
 */
import { Clock, Effect, Schema } from "effect"
import { StockPayload } from "../../connectors/woocommerce/schemas/product.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { InventoryLevel, inventoryLevel, toInstant } from "../../core/model/index.ts"

const InventoryToWoo = Schema.transformOrFail(StockPayload, InventoryLevel, {
  strict: true,
  decode: (payload) =>
    Effect.gen(function* () {
      // A write payload carries no timestamp: reading one back stamps it with the current time.
      const now = yield* Clock.currentTimeMillis
      return inventoryLevel({
        sku: payload.sku,
        locationCode: payload.locationCode,
        onHand: payload.quantity,
        reserved: 0,
        safetyStock: 0,
        incoming: 0,
        updatedAt: toInstant(new Date(now)),
      })
    }),
  encode: (level) => Effect.succeed({ sku: level.sku, locationCode: level.locationCode, quantity: level.available }),
})

/** Canonical inventory levels → WooCommerce stock per location. */
export const inventoryMapping = defineMapping({ entity: "inventory", write: InventoryToWoo })
