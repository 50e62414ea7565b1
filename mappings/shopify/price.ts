/**
 * Shopify variant price ⇄ canonical Price. Shopify has one price (and a compare-at price) per
 * variant, in the shop currency: it is the system's own price list (`defaults.priceList`) at
 * minimum quantity 1. Whether it includes tax is a shop setting, not a per-price one.
 */
import { Clock, Effect, ParseResult } from "effect"
import { VariantPricePayload } from "../../connectors/shopify/schemas/price.ts"
import { VariantPriceRecord } from "../../connectors/shopify/schemas/product.ts"
import { defineMapping, type MappingContextShape, mappingTransform } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { money, Price, toInstant } from "../../core/model/index.ts"
import { shopTaxesIncluded } from "./lookups.ts"
import { moneyToDecimal } from "./money.ts"

type PriceEncoded = typeof Price.Encoded

/** The canonical price of a variant's decimal strings, for the system's price list and currency. */
const decodePrice = (
  ctx: MappingContextShape,
  variant: { readonly sku: string | null; readonly price: string; readonly compareAtPrice: string | null },
  updatedAt: () => string,
  problems: Problems,
) => {
  const { currency, priceList } = ctx.defaults
  const sku = variant.sku?.trim() ?? ""
  if (sku === "") problems.add(["sku"], "a variant needs a SKU to carry a price", variant.sku)
  const amount = problems.attempt(["price"], () => money(variant.price, currency))
  const compareAt =
    variant.compareAtPrice === null
      ? undefined
      : problems.attempt(["compareAtPrice"], () => money(variant.compareAtPrice ?? "", currency))
  const at = problems.attempt(["updatedAt"], updatedAt)
  return problems.result(
    (): PriceEncoded => ({
      sku,
      priceList,
      currency,
      minQuantity: 1,
      amount: amount!,
      ...optional("compareAtAmount", compareAt),
      taxIncluded: shopTaxesIncluded(ctx),
      updatedAt: at!,
    }),
  )
}

/** The read direction: a variant from the products stream. The bodies return Eithers (no Effect runtime on the fast path). */
const PriceFromShopify = mappingTransform(VariantPriceRecord, Price, {
  decode: (variant, ctx, ast) =>
    decodePrice(ctx, variant, () => toInstant(variant.updatedAt), new Problems(ast, variant)),
  encode: (price) =>
    ParseResult.succeed({
      sku: price.sku,
      price: moneyToDecimal(price.amount),
      compareAtPrice: price.compareAtAmount === undefined ? null : moneyToDecimal(price.compareAtAmount),
      updatedAt: price.updatedAt,
    }),
})

/**
 * The write direction: what `productVariantsBulkUpdate` needs. A net price cannot go to a shop
 * whose prices include tax (or the reverse): converting needs the tax rate, so it fails here.
 * Whether the price list and currency are this shop's is the sink's call (it rejects the record).
 */
const PriceToShopify = mappingTransform(VariantPricePayload, Price, {
  decode: (payload, ctx, ast) =>
    // A write payload carries no timestamp: reading one back stamps it with the current time.
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      decodePrice(ctx, payload, () => toInstant(new Date(now)), new Problems(ast, payload)),
    ),
  encode: (price, ctx, ast) => {
    const problems = new Problems(ast, price)
    const taxesIncluded = shopTaxesIncluded(ctx)
    if (price.taxIncluded !== taxesIncluded) {
      problems.add(
        ["taxIncluded"],
        taxesIncluded
          ? "this shop's prices include tax, this price is net; publish a gross price list to Shopify"
          : "this shop's prices exclude tax, this price is gross; publish a net price list to Shopify",
        price.taxIncluded,
      )
    }
    return problems.result(() => ({
      sku: price.sku,
      price: moneyToDecimal(price.amount),
      compareAtPrice: price.compareAtAmount === undefined ? null : moneyToDecimal(price.compareAtAmount),
    }))
  },
})

/** Shopify variant prices ⇄ canonical prices of the system's price list. */
export const priceMapping = defineMapping({ entity: "price", read: PriceFromShopify, write: PriceToShopify })
