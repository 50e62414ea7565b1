/**
 * Canonical Price → the offer price of a SKU (`bulkUpdatePriceQuantity`). eBay has one price
 * per offer, in the marketplace currency, at quantity 1: the system's own price list. Whether
 * it includes VAT is the marketplace's rule (EU: it does), so a net price cannot go to EBAY_DE.
 */
import { Clock, Effect, Schema } from "effect"
import { PricePayload } from "../../connectors/ebay/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Problems } from "../../core/mapping/problems.ts"
import { fromMinorUnits, Price, toInstant, toMinorUnits } from "../../core/model/index.ts"
import { taxesIncludedOf } from "./lookups.ts"

const PriceToEbay = Schema.transformOrFail(PricePayload, Price, {
  strict: true,
  decode: (payload, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, payload)
      const amount = problems.attempt(["price", "value"], () =>
        toMinorUnits(payload.price.value, payload.price.currency),
      )
      // A write payload carries no timestamp: reading one back stamps it with the current time.
      const now = yield* Clock.currentTimeMillis
      return yield* problems.result(() => ({
        sku: payload.sku,
        priceList: ctx.defaults.priceList,
        currency: payload.price.currency,
        minQuantity: 1,
        amount: { amount: amount!, currency: payload.price.currency },
        taxIncluded: taxesIncludedOf(ctx),
        updatedAt: toInstant(new Date(now)),
      }))
    }),
  encode: (price, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, price)
      if (price.currency !== ctx.defaults.currency) {
        problems.add(["currency"], `this eBay marketplace sells in ${ctx.defaults.currency}`, price.currency)
      }
      if (price.minQuantity !== 1)
        problems.add(["minQuantity"], "eBay offers have one price, from quantity 1", price.minQuantity)
      if (price.taxIncluded !== taxesIncludedOf(ctx)) {
        problems.add(
          ["taxIncluded"],
          price.taxIncluded
            ? "this marketplace's prices exclude tax, this price is gross"
            : "this marketplace's prices include VAT, this price is net; send a gross price list",
          price.taxIncluded,
        )
      }
      if (price.amount.amount <= 0)
        problems.add(["amount", "amount"], "an eBay offer price must be more than 0", price.amount.amount)
      return yield* problems.result(() => ({
        sku: price.sku,
        price: { value: fromMinorUnits(price.amount.amount, price.currency), currency: price.currency },
      }))
    }),
})

/** Canonical prices → eBay offer prices (write only). */
export const priceMapping = defineMapping({ entity: "price", write: PriceToEbay })
