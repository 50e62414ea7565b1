import { Schema } from "effect"
import { CurrencyCode, Money } from "./money.ts"
import { compareInstants, Instant, Key, PositiveInt } from "./primitives.ts"

/**
 * A price of one SKU in one price list (channel, customer group, B2B list) and currency, from a
 * minimum quantity (tier). Natural key: SKU + price list + currency + min quantity.
 */
export const Price = Schema.Struct({
  sku: Key,
  priceList: Key.annotations({ description: "price list or channel code; `default` for the list price" }),
  currency: CurrencyCode,
  minQuantity: PositiveInt,
  amount: Money,
  compareAtAmount: Schema.optional(Money),
  taxIncluded: Schema.Boolean,
  validFrom: Schema.optional(Instant),
  validTo: Schema.optional(Instant),
  updatedAt: Instant,
})
  .pipe(
    Schema.filter((price) => {
      if (price.amount.currency !== price.currency) {
        return { path: ["amount", "currency"], message: `must be the price's currency ${price.currency}` }
      }
      if (price.amount.amount < 0) return { path: ["amount", "amount"], message: "a price cannot be negative" }
      if (price.compareAtAmount && price.compareAtAmount.currency !== price.currency) {
        return { path: ["compareAtAmount", "currency"], message: `must be the price's currency ${price.currency}` }
      }
      if (price.compareAtAmount && price.compareAtAmount.amount < 0) {
        return { path: ["compareAtAmount", "amount"], message: "a compare-at price cannot be negative" }
      }
      if (price.validFrom && price.validTo && compareInstants(price.validFrom, price.validTo) >= 0) {
        return { path: ["validTo"], message: "must be after validFrom" }
      }
      return true
    }),
  )
  .annotations({ identifier: "Price" })
export type Price = typeof Price.Type
