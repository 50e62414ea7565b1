/**
 * `inventory` ⇄ a stock level (the inventory stream's record: one variant in one warehouse).
 * Location code: the warehouse's code. On hand: `quantity`. Reserved: what planned moves will
 * take out beyond what they bring in, `quantity − forecast_quantity` when positive (a confirmed
 * sale's waiting shipment); Tryton 6.0 reserves nothing else. `available` is derived, never mapped.
 */
import { Effect, Schema } from "effect"
import { TrytonStockLevel } from "../../connectors/tryton/schemas/stock.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { InventoryLevel, inventoryLevel } from "../../core/model/index.ts"
import { failAt, textOf, wholeNumber } from "./trytonValues.ts"

/** TrytonStockLevel ⇄ InventoryLevel. */
export const inventoryRead = Schema.transformOrFail(TrytonStockLevel, InventoryLevel, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const sku = textOf(raw.code)
      if (sku === undefined) {
        return yield* failAt(ast, raw, ["code"], `product ${raw.product} has no code; set one in Tryton, it is the SKU`)
      }
      const onHand = wholeNumber(raw.quantity)
      if (onHand === undefined) {
        return yield* failAt(
          ast,
          raw,
          ["quantity"],
          `${raw.quantity} is not a whole quantity (a product sold by weight or length?)`,
        )
      }
      const forecast = wholeNumber(raw.forecast_quantity)
      if (forecast === undefined) {
        return yield* failAt(ast, raw, ["forecast_quantity"], `${raw.forecast_quantity} is not a whole quantity`)
      }
      return inventoryLevel({
        sku,
        locationCode: raw.warehouse_code,
        onHand,
        reserved: Math.max(0, onHand - forecast),
        safetyStock: 0,
        incoming: Math.max(0, forecast - onHand),
        updatedAt: raw.read_at,
      })
    }),
  encode: (level) =>
    Effect.succeed({
      product: 1,
      code: level.sku,
      warehouse: 1,
      warehouse_code: level.locationCode,
      quantity: level.onHand,
      forecast_quantity: level.onHand - level.reserved + level.incoming,
      read_at: level.updatedAt,
    }),
})

/** `inventory`: read from the inventory stream. */
export const inventoryMapping = defineMapping<"inventory", typeof TrytonStockLevel.Encoded, unknown>({
  entity: "inventory",
  read: inventoryRead,
})
