/**
 * Canonical InventoryLevel → one location's sellable quantity of a SKU; the inventory sink sums
 * the configured locations into the product's single `stock`. What Shopware may sell is the
 * hub's `available` (on hand − reserved − safety stock), never on hand.
 */
import { Clock, Effect, Schema } from "effect"
import { StockPayload } from "../../connectors/shopware/schemas/payloads.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { InventoryLevel, inventoryLevel, toInstant } from "../../core/model/index.ts"
import { failAt } from "./values.ts"

export const inventoryWrite = Schema.transformOrFail(StockPayload, InventoryLevel, {
  strict: true,
  decode: (payload, _options, ast) =>
    Effect.gen(function* () {
      if (!Number.isInteger(payload.available) || payload.available < 0) {
        return yield* failAt(ast, payload, ["available"], "must be a whole number of at least 0")
      }
      const now = yield* Clock.currentTimeMillis
      return inventoryLevel({
        sku: payload.productNumber,
        locationCode: payload.locationCode,
        onHand: payload.available,
        reserved: 0,
        safetyStock: 0,
        incoming: 0,
        updatedAt: toInstant(new Date(now)),
      })
    }),
  encode: (level) =>
    Effect.succeed({ productNumber: level.sku, locationCode: level.locationCode, available: level.available }),
})

/** `inventory`: written by the inventory sink. */
export const inventoryMapping = defineMapping<"inventory", unknown, typeof StockPayload.Encoded>({
  entity: "inventory",
  write: inventoryWrite,
})
