/**
 * `price` ⇄ a variant's list price (the prices stream's record): the template's `list_price`
 * in the company currency, in the system's price list, from quantity 1, without tax (Tryton
 * keeps sale prices untaxed; taxes come from the product's customer taxes at sale time).
 */
import { Effect, Schema } from "effect"
import { TrytonListPrice } from "../../connectors/tryton/schemas/product.ts"
import { decimal } from "../../connectors/tryton/schemas/values.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Price } from "../../core/model/index.ts"
import { decimalOf, failAt, moneyOf, textOf } from "./trytonValues.ts"

/** TrytonListPrice ⇄ Price. */
export const priceRead = Schema.transformOrFail(TrytonListPrice, Price, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const sku = textOf(raw.code)
      if (sku === undefined) {
        return yield* failAt(ast, raw, ["code"], `product ${raw.id} has no code; set one in Tryton, it is the SKU`)
      }
      const amount = yield* moneyOf(ast, raw.list_price.decimal, raw.currency, ["list_price", "decimal"])
      return {
        sku,
        priceList: defaults.priceList,
        currency: raw.currency,
        minQuantity: 1,
        amount,
        taxIncluded: false,
        updatedAt: raw.changed_at,
      }
    }),
  encode: (price) =>
    Effect.succeed({
      id: 1,
      template: 1,
      code: price.sku,
      list_price: decimal(decimalOf(price.amount)),
      currency: price.currency,
      changed_at: price.updatedAt,
    }),
})

/** `price`: read from the prices stream. */
export const priceMapping = defineMapping<"price", typeof TrytonListPrice.Encoded, unknown>({
  entity: "price",
  read: priceRead,
})
