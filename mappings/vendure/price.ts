/**
 * Canonical Price → a Vendure variant's price (write: the prices sink). Vendure has one price
 * per variant and currency in a channel, in minor units: it is the system's own price list
 * (`defaults.priceList`) at minimum quantity 1 in the channel's currency. Vendure reads it as
 * gross when the channel's prices include tax, so a net price cannot go to such a channel (or
 * the reverse) without the tax rate: that is a problem of the record, not a conversion.
 */
import { Clock, Effect, Schema } from "effect"
import { PricePayload } from "../../connectors/vendure/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Problems } from "../../core/mapping/problems.ts"
import { Price, toInstant } from "../../core/model/index.ts"
import { pricesIncludeTax } from "./lookups.ts"

const PriceToVendure = Schema.transformOrFail(PricePayload, Price, {
  strict: true,
  decode: (payload) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const now = yield* Clock.currentTimeMillis
      const { currency, priceList } = ctx.defaults
      return {
        sku: payload.sku,
        priceList,
        currency,
        minQuantity: 1,
        amount: { amount: payload.price, currency },
        taxIncluded: pricesIncludeTax(ctx),
        updatedAt: toInstant(new Date(now)),
      }
    }),
  encode: (price, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, price)
      const gross = pricesIncludeTax(ctx)
      if (price.priceList !== ctx.defaults.priceList) {
        problems.add(
          ["priceList"],
          `this Vendure channel carries price list ${ctx.defaults.priceList}`,
          price.priceList,
        )
      }
      if (price.currency !== ctx.defaults.currency) {
        problems.add(["currency"], `this Vendure channel sells in ${ctx.defaults.currency}`, price.currency)
      }
      if (price.minQuantity !== 1) {
        problems.add(
          ["minQuantity"],
          "Vendure has no tier prices; only minimum quantity 1 can be written",
          price.minQuantity,
        )
      }
      if (price.taxIncluded !== gross) {
        problems.add(
          ["taxIncluded"],
          gross
            ? "this channel's prices include tax, this price is net; publish a gross price list to Vendure"
            : "this channel's prices exclude tax, this price is gross; publish a net price list to Vendure",
          price.taxIncluded,
        )
      }
      return yield* problems.result(() => ({ sku: price.sku, price: price.amount.amount }))
    }),
})

/** Canonical prices of the system's price list → Vendure variant prices (write only). */
export const priceMapping = defineMapping({ entity: "price", write: PriceToVendure })
