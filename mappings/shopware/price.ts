/**
 * Canonical Price → what the prices sink applies: the system's price list at quantity 1 is the
 * product's list price (`price`); other price lists (B2B) and tiers are advanced prices
 * (`product.prices`) under the rule configured for the price list (`priceRules`).
 *
 * Shopware stores gross and net with `linked: true`; the other amount is computed with the
 * configured default tax rate (`defaultTaxRate`), rounded to the currency's digits. A compare-at
 * price becomes the `listPrice` (strike-through price). Shopware has no validity on a price (its
 * rules carry time conditions), so `validFrom`/`validTo` are not written.
 */
import { Clock, Effect, Schema } from "effect"
import { TABLES } from "../../connectors/shopware/lookupTables.ts"
import { PricePayload } from "../../connectors/shopware/schemas/payloads.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { type Money, Price, toInstant } from "../../core/model/index.ts"
import { failAt, floatOf, moneyOf } from "./values.ts"

/** Gross and net of an amount at `percent` tax, the missing one rounded half away from zero. */
export const grossAndNet = (amount: Money, taxIncluded: boolean, percent: number) => {
  const factor = 1 + percent / 100
  const other = { ...amount, amount: Math.round(taxIncluded ? amount.amount / factor : amount.amount * factor) }
  return taxIncluded ? { gross: floatOf(amount), net: floatOf(other) } : { gross: floatOf(other), net: floatOf(amount) }
}

export const priceWrite = Schema.transformOrFail(PricePayload, Price, {
  strict: true,
  decode: (payload, _options, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const currency = ctx.reverseLookup(TABLES.currency, payload.price.currencyId)
      if (currency === undefined) return yield* failAt(ast, payload, ["price", "currencyId"], "an unknown currency id")
      const priceList =
        payload.ruleId === undefined ? ctx.defaults.priceList : ctx.reverseLookup(TABLES.priceRule, payload.ruleId)
      if (priceList === undefined)
        return yield* failAt(ast, payload, ["ruleId"], "a rule no price list is configured for")
      const listPrice = payload.price.listPrice
      const now = yield* Clock.currentTimeMillis
      return {
        sku: payload.productNumber,
        priceList,
        currency,
        minQuantity: payload.quantityStart,
        amount: moneyOf(payload.price.gross, currency),
        ...(listPrice === undefined ? {} : { compareAtAmount: moneyOf(listPrice.gross, currency) }),
        taxIncluded: true,
        updatedAt: toInstant(new Date(now)),
      }
    }),
  encode: (price, _options, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const currencyId = ctx.lookup(TABLES.currency, price.currency)
      if (currencyId === undefined) {
        return yield* failAt(
          ast,
          price,
          ["currency"],
          `no Shopware currency id for ${price.currency}; add it to the connector's \`currencies\` config`,
        )
      }
      const isListPrice = price.priceList === ctx.defaults.priceList && price.minQuantity === 1
      const ruleId = isListPrice ? undefined : ctx.lookup(TABLES.priceRule, price.priceList)
      if (!isListPrice && ruleId === undefined) {
        return yield* failAt(
          ast,
          price,
          ["priceList"],
          `no Shopware rule for price list ${price.priceList}; add it to the connector's \`priceRules\` config`,
        )
      }
      const percent = Number(ctx.lookup(TABLES.settings, "defaultTaxRate") ?? "19")
      return {
        productNumber: price.sku,
        ...(ruleId === undefined ? {} : { ruleId }),
        quantityStart: price.minQuantity,
        price: {
          currencyId,
          ...grossAndNet(price.amount, price.taxIncluded, percent),
          linked: true,
          ...(price.compareAtAmount === undefined
            ? {}
            : {
                listPrice: {
                  currencyId,
                  ...grossAndNet(price.compareAtAmount, price.taxIncluded, percent),
                  linked: true,
                },
              }),
        },
      }
    }),
})

/** `price`: written by the prices sink. */
export const priceMapping = defineMapping<"price", unknown, typeof PricePayload.Encoded>({
  entity: "price",
  write: priceWrite,
})
