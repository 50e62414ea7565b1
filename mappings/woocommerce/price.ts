/**
 * Canonical Price → a WooCommerce variation's or simple product's price (write direction).
 *
 * WooCommerce has one price per SKU in the shop currency, with or without tax as the shop is set
 * up: only this system's price list (`defaults.priceList`), currency and minimum quantity 1 go
 * there, and a net price cannot go to a shop whose prices include tax (or the reverse). A
 * compare-at price becomes the `regular_price` with the price itself as `sale_price`.
 */
import { Clock, Effect, Schema } from "effect"
import { PricePayload } from "../../connectors/woocommerce/schemas/product.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { fromMinorUnits, money, Price, toInstant } from "../../core/model/index.ts"
import { shopPricesIncludeTax } from "./units.ts"

type PriceEncoded = typeof Price.Encoded

const PriceToWoo = Schema.transformOrFail(PricePayload, Price, {
  strict: true,
  decode: (payload, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, payload)
      const { currency, priceList } = ctx.defaults
      const onSale = payload.sale_price !== ""
      const amount = problems.attempt([onSale ? "sale_price" : "regular_price"], () =>
        money(onSale ? payload.sale_price : payload.regular_price, currency),
      )
      const compareAt = onSale
        ? problems.attempt(["regular_price"], () => money(payload.regular_price, currency))
        : undefined
      const now = yield* Clock.currentTimeMillis
      return yield* problems.result(
        (): PriceEncoded => ({
          sku: payload.sku,
          priceList,
          currency,
          minQuantity: 1,
          amount: amount!,
          ...optional("compareAtAmount", compareAt),
          taxIncluded: shopPricesIncludeTax(ctx),
          updatedAt: toInstant(new Date(now)),
        }),
      )
    }),
  encode: (price, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, price)
      const { currency, priceList } = ctx.defaults
      if (price.priceList !== priceList) {
        problems.add(["priceList"], `WooCommerce has one price per SKU, for price list ${priceList}`, price.priceList)
      }
      if (price.currency !== currency) problems.add(["currency"], `the shop sells in ${currency}`, price.currency)
      if (price.minQuantity !== 1)
        problems.add(["minQuantity"], "WooCommerce core has no quantity tiers", price.minQuantity)
      const gross = shopPricesIncludeTax(ctx)
      if (price.taxIncluded !== gross) {
        problems.add(
          ["taxIncluded"],
          gross
            ? "this shop's prices are entered with tax, this price is net; publish a gross price list to WooCommerce"
            : "this shop's prices are entered without tax, this price is gross; publish a net price list to WooCommerce",
          price.taxIncluded,
        )
      }
      const compareAt = price.compareAtAmount
      const onSale = compareAt !== undefined && compareAt.amount > price.amount.amount
      return yield* problems.result(() => ({
        sku: price.sku,
        regular_price: fromMinorUnits(onSale ? compareAt.amount : price.amount.amount, price.amount.currency),
        sale_price: onSale ? fromMinorUnits(price.amount.amount, price.amount.currency) : "",
      }))
    }),
})

/** Canonical prices of the system's price list → WooCommerce prices. */
export const priceMapping = defineMapping({ entity: "price", write: PriceToWoo })
