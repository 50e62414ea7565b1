/**
 * Canonical InventoryLevel → what one location may sell of a SKU. The sink sums the configured
 * locations per SKU into the offer's ship-to-home quantity (`availabilityDistributions` keep the
 * per-location figures), so only `available` travels: eBay must never sell reserved stock.
 */
import { Clock, Effect, Schema } from "effect"
import { StockPayload } from "../../connectors/ebay/schemas/payloads.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { InventoryLevel, inventoryLevel, toInstant } from "../../core/model/index.ts"

const InventoryToEbay = Schema.transformOrFail(StockPayload, InventoryLevel, {
  strict: true,
  decode: (payload) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      return inventoryLevel({
        sku: payload.sku,
        locationCode: payload.locationCode,
        onHand: payload.available,
        reserved: 0,
        safetyStock: 0,
        incoming: 0,
        updatedAt: toInstant(new Date(now)),
      })
    }),
  encode: (level) => Effect.succeed({ sku: level.sku, locationCode: level.locationCode, available: level.available }),
})

/** Canonical stock → eBay available quantities (write only). */
export const inventoryMapping = defineMapping({ entity: "inventory", write: InventoryToEbay })
