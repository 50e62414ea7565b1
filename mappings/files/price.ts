/**
 * `price` ⇄ a row of the prices feed. Required: `sku`, `amount`. Without a `currency`,
 * `priceList` or `minQuantity` column the system's currency, its price list and quantity 1
 * apply; without `taxIncluded`, the system's `pricesIncludeTax` (default: gross prices).
 */
import { Effect, Schema } from "effect"
import { FileRecord } from "../../connectors/files/schemas/record.ts"
import { DEFAULTS_TABLE } from "../../connectors/files/schemas/tables.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { fromMinorUnits, Price } from "../../core/model/index.ts"
import {
  type CellRef,
  dateOf,
  decimalCell,
  exportOptions,
  exportRecord,
  failAt,
  flagOf,
  formatDate,
  moneyOf,
  parsedRow,
  requiredText,
  textOf,
  updatedAtOf,
  wholeOf,
} from "./values.ts"

export const priceRead = Schema.transformOrFail(FileRecord, Price, {
  strict: true,
  decode: (record, _options, ast) =>
    Effect.gen(function* () {
      const { defaults, lookup } = yield* MappingContext
      const at: CellRef = { ast, record, row: record.rows[0] }
      yield* parsedRow(at)
      const sku = yield* requiredText(at, "sku", "an SKU")
      const currency = (textOf(at, "currency") ?? defaults.currency).toUpperCase()
      if (!/^[A-Z]{3}$/.test(currency)) yield* failAt(at, "currency", `"${currency}" is not an ISO 4217 currency code`)
      const amount = yield* moneyOf(at, "amount", currency)
      if (amount === undefined) return yield* failAt(at, "amount", "is empty; every price row needs an amount")
      if (amount < 0) return yield* failAt(at, "amount", "a price cannot be negative")
      const compareAt = yield* moneyOf(at, "compareAtAmount", currency)
      const minQuantity = (yield* wholeOf(at, "minQuantity")) ?? 1
      if (minQuantity < 1) return yield* failAt(at, "minQuantity", "must be 1 or more")
      const taxIncluded = (yield* flagOf(at, "taxIncluded")) ?? lookup(DEFAULTS_TABLE, "pricesIncludeTax") !== "false"
      const validFrom = yield* dateOf(at, "validFrom")
      const validTo = yield* dateOf(at, "validTo")
      return {
        sku,
        priceList: textOf(at, "priceList") ?? defaults.priceList,
        currency,
        minQuantity,
        amount: { amount, currency },
        ...(compareAt === undefined ? {} : { compareAtAmount: { amount: compareAt, currency } }),
        taxIncluded,
        ...(validFrom === undefined ? {} : { validFrom }),
        ...(validTo === undefined ? {} : { validTo }),
        updatedAt: yield* updatedAtOf(at),
      }
    }),
  encode: (price) =>
    Effect.gen(function* () {
      const { json, options } = yield* exportOptions("price")
      const decimal = (minor: number) => decimalCell(fromMinorUnits(minor, price.currency), json, options)
      return exportRecord(
        price.updatedAt,
        [
          {
            sku: price.sku,
            amount: decimal(price.amount.amount),
            ...(price.compareAtAmount ? { compareAtAmount: decimal(price.compareAtAmount.amount) } : {}),
            currency: price.currency,
            priceList: price.priceList,
            minQuantity: price.minQuantity,
            taxIncluded: price.taxIncluded,
            ...(price.validFrom ? { validFrom: formatDate(price.validFrom, options) } : {}),
            ...(price.validTo ? { validTo: formatDate(price.validTo, options) } : {}),
            updatedAt: formatDate(price.updatedAt, options),
          },
        ],
        options,
      )
    }),
})

export const priceMapping = defineMapping<"price", typeof FileRecord.Encoded, typeof FileRecord.Encoded>({
  entity: "price",
  read: priceRead,
  write: priceRead,
})
