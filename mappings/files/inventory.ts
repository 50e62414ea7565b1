/**
 * `inventory` ⇄ a row of the stock feed: `sku` and `locationCode` (the location's code, e.g.
 * `WH`) are required, `onHand` too; `reserved`, `safetyStock` and `incoming` default to 0.
 * `available` is derived, never read.
 */
import { Effect, Schema } from "effect"
import { FileRecord } from "../../connectors/files/schemas/record.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { InventoryLevel, inventoryLevel } from "../../core/model/index.ts"
import {
  type CellRef,
  exportOptions,
  exportRecord,
  failAt,
  formatDate,
  parsedRow,
  requiredText,
  updatedAtOf,
  wholeOf,
} from "./values.ts"

const nonNegative = (at: CellRef, field: string) =>
  Effect.flatMap(wholeOf(at, field), (n) =>
    n === undefined ? Effect.succeed(0) : n < 0 ? failAt(at, field, `${n} is negative`) : Effect.succeed(n),
  )

export const inventoryRead = Schema.transformOrFail(FileRecord, InventoryLevel, {
  strict: true,
  decode: (record, _options, ast) =>
    Effect.gen(function* () {
      const at: CellRef = { ast, record, row: record.rows[0] }
      yield* parsedRow(at)
      const sku = yield* requiredText(at, "sku", "an SKU")
      const locationCode = yield* requiredText(at, "locationCode", "a location code")
      const onHand = yield* wholeOf(at, "onHand")
      if (onHand === undefined)
        return yield* failAt(at, "onHand", "is empty; every stock row needs the quantity on hand")
      return inventoryLevel({
        sku,
        locationCode,
        onHand,
        reserved: yield* nonNegative(at, "reserved"),
        safetyStock: yield* nonNegative(at, "safetyStock"),
        incoming: yield* nonNegative(at, "incoming"),
        updatedAt: yield* updatedAtOf(at),
      })
    }),
  encode: (level) =>
    Effect.map(exportOptions("inventory"), ({ options }) =>
      exportRecord(
        level.updatedAt,
        [
          {
            sku: level.sku,
            locationCode: level.locationCode,
            onHand: level.onHand,
            reserved: level.reserved,
            safetyStock: level.safetyStock,
            incoming: level.incoming,
            updatedAt: formatDate(level.updatedAt, options),
          },
        ],
        options,
      ),
    ),
})

export const inventoryMapping = defineMapping<"inventory", typeof FileRecord.Encoded, typeof FileRecord.Encoded>({
  entity: "inventory",
  read: inventoryRead,
  write: inventoryRead,
})
