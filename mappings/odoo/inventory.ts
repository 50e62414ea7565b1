/**
 * `inventory` ⇄ a stock level (the stock stream's sum of quants per product and warehouse).
 * Location code: the warehouse's short name. Odoo has no safety stock or incoming quantity on
 * quants, so both are 0; `available` is derived, never mapped.
 */
import { ParseResult } from "effect"
import { OdooStockLevel } from "../../connectors/odoo/schemas/stock.ts"
import { defineMapping, mappingTransform } from "../../core/mapping/index.ts"
import { InventoryLevel, inventoryLevel } from "../../core/model/index.ts"
import { instantOf, issueAt, odooDatetimeOf, textOf, wholeNumber } from "./odooValues.ts"

/** OdooStockLevel ⇄ InventoryLevel. The bodies return Eithers: the fast path needs no Effect runtime. */
export const inventoryRead = mappingTransform(OdooStockLevel, InventoryLevel, {
  decode: (raw, _ctx, ast) => {
    const sku = textOf(raw.default_code)
    if (sku === undefined) {
      return ParseResult.fail(
        issueAt(
          ast,
          raw,
          ["default_code"],
          `product ${raw.product_id} has no Internal Reference (default_code); set one in Odoo, it is the SKU`,
        ),
      )
    }
    const locationCode = textOf(raw.warehouse_code)
    if (locationCode === undefined) {
      return ParseResult.fail(
        issueAt(
          ast,
          raw,
          ["warehouse_code"],
          raw.warehouse_id === false
            ? `quants ${raw.quant_ids.join(", ")} are in an internal location outside any warehouse`
            : `warehouse ${raw.warehouse_id} has no short name`,
        ),
      )
    }
    const onHand = wholeNumber(raw.quantity)
    if (onHand === undefined) {
      return ParseResult.fail(
        issueAt(
          ast,
          raw,
          ["quantity"],
          `${raw.quantity} is not a whole quantity (a product sold by weight or length?)`,
        ),
      )
    }
    const reserved = wholeNumber(raw.reserved_quantity)
    if (reserved === undefined || reserved < 0) {
      return ParseResult.fail(
        issueAt(ast, raw, ["reserved_quantity"], `${raw.reserved_quantity} is not a whole, non-negative quantity`),
      )
    }
    return ParseResult.succeed(
      inventoryLevel({
        sku,
        locationCode,
        onHand,
        reserved,
        safetyStock: 0,
        incoming: 0,
        updatedAt: instantOf(raw.write_date),
      }),
    )
  },
  encode: (level) =>
    ParseResult.succeed({
      product_id: 0,
      default_code: level.sku,
      warehouse_id: 0,
      warehouse_code: level.locationCode,
      quantity: level.onHand,
      reserved_quantity: level.reserved,
      quant_ids: [],
      write_date: odooDatetimeOf(level.updatedAt),
      changed_at: odooDatetimeOf(level.updatedAt),
      changed_quant_id: 0,
    }),
})

/** `inventory`: read from the stock stream. */
export const inventoryMapping = defineMapping<"inventory", typeof OdooStockLevel.Encoded, unknown>({
  entity: "inventory",
  read: inventoryRead,
})
