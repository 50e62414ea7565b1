/**
 * Canonical Price → Amazon offer price (`purchasable_offer.our_price`, `value_with_tax`) in the
 * marketplace and its currency. Only the system's price list at minimum quantity 1 is an offer
 * price; European marketplaces show prices with VAT, so a net price is refused here.
 */
import { Clock, Effect, Schema } from "effect"
import { ListingPatchPayload } from "../../connectors/amazon/schemas/feeds.ts"
import { PurchasableOffer } from "../../connectors/amazon/schemas/listings.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Problems } from "../../core/mapping/problems.ts"
import { fromMinorUnits, money, Price, toInstant } from "../../core/model/index.ts"
import { marketplaceOf, taxesIncludedOf } from "./lookups.ts"

const PURCHASABLE_OFFER = "/attributes/purchasable_offer"

const PriceToAmazon = Schema.transformOrFail(ListingPatchPayload, Price, {
  strict: true,
  decode: (payload, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, payload)
      const patch = payload.patches.find((p) => p.path === PURCHASABLE_OFFER)
      const offers = Schema.decodeUnknownOption(Schema.Array(PurchasableOffer))(patch?.value)
      const offer =
        offers._tag === "Some" ? offers.value.find((o) => o.marketplace_id === marketplaceOf(ctx)) : undefined
      const value = offer?.our_price[0]?.schedule[0]?.value_with_tax
      if (offer === undefined || value === undefined)
        problems.add(["patches"], "no purchasable_offer for the marketplace")
      const currency = offer?.currency ?? ctx.defaults.currency
      const amount = value === undefined ? undefined : problems.attempt(["patches"], () => money(value, currency))
      const now = yield* Clock.currentTimeMillis
      return yield* problems.result(() => ({
        sku: payload.sku,
        priceList: ctx.defaults.priceList,
        currency,
        minQuantity: 1,
        amount: amount!,
        taxIncluded: taxesIncludedOf(ctx),
        updatedAt: toInstant(new Date(now)),
      }))
    }),
  encode: (price, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, price)
      if (price.priceList !== ctx.defaults.priceList) {
        problems.add(
          ["priceList"],
          `Amazon's offer price is price list ${ctx.defaults.priceList}; filter the flow to it`,
          price.priceList,
        )
      }
      if (price.minQuantity !== 1) {
        problems.add(
          ["minQuantity"],
          "a tier price is not an offer price (quantity discounts are a separate attribute)",
          price.minQuantity,
        )
      }
      if (price.currency !== ctx.defaults.currency) {
        problems.add(["currency"], `the marketplace sells in ${ctx.defaults.currency}`, price.currency)
      }
      const withTax = taxesIncludedOf(ctx)
      if (price.taxIncluded !== withTax) {
        problems.add(
          ["taxIncluded"],
          withTax
            ? "this marketplace's prices include VAT, this price is net; publish a gross price list to Amazon"
            : "this marketplace's prices exclude tax, this price is gross; publish a net price list to Amazon",
          price.taxIncluded,
        )
      }
      return yield* problems.result(() => ({
        sku: price.sku,
        patches: [
          {
            op: "replace" as const,
            path: PURCHASABLE_OFFER,
            value: [
              {
                marketplace_id: marketplaceOf(ctx),
                currency: price.currency,
                our_price: [
                  { schedule: [{ value_with_tax: Number(fromMinorUnits(price.amount.amount, price.currency)) }] },
                ],
              },
            ],
          },
        ],
      }))
    }),
})

/** Canonical prices → Amazon offer prices. */
export const priceMapping = defineMapping({ entity: "price", write: PriceToAmazon })
