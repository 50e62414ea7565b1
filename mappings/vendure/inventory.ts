/**
 * Canonical InventoryLevel → what Vendure may sell of a SKU (write: the inventory sink). Only
 * the level at the location configured as Vendure's default stock location goes there. The hub's
 * `available` (on hand − reserved − safety stock) is what the shop may sell; the sink turns it
 * into `stockOnHand` by adding Vendure's own allocations, so an order placed in Vendure and not
 * yet shipped is held back once, not twice (see the sink).
 */
import { Clock, Effect, Schema } from "effect"
import { StockPayload } from "../../connectors/vendure/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Problems } from "../../core/mapping/problems.ts"
import { InventoryLevel, inventoryLevel, toInstant } from "../../core/model/index.ts"
import { stockLocationCode } from "./lookups.ts"

const InventoryToVendure = Schema.transformOrFail(StockPayload, InventoryLevel, {
  strict: true,
  decode: (payload) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const now = yield* Clock.currentTimeMillis
      return inventoryLevel({
        sku: payload.sku,
        locationCode: stockLocationCode(ctx),
        onHand: payload.saleable,
        reserved: 0,
        safetyStock: 0,
        incoming: 0,
        updatedAt: toInstant(new Date(now)),
      })
    }),
  encode: (level, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, level)
      const location = stockLocationCode(ctx)
      if (level.locationCode !== location) {
        problems.add(
          ["locationCode"],
          `Vendure's default stock location is configured as ${location}; levels of other locations do not go there`,
          level.locationCode,
        )
      }
      return yield* problems.result(() => ({ sku: level.sku, saleable: level.available }))
    }),
})

/** Canonical inventory levels → Vendure saleable stock (write only). */
export const inventoryMapping = defineMapping({ entity: "inventory", write: InventoryToVendure })
