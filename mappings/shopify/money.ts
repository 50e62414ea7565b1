/**
 * Shopify money ↔ canonical money. Shopify sends decimal strings ("29.95", "89.3", "9800.0");
 * the hub keeps integer minor units with the currency's own digits (JPY 0, EUR 2, KWD 3).
 */
import type { MoneyBag } from "../../connectors/shopify/schemas/common.ts"
import { fromMinorUnits, type Money, money } from "../../core/model/index.ts"

/** `shopMoney` of a `MoneyBag` as canonical Money; throws MoneyParseError on a malformed amount. */
export const moneyFromBag = (bag: MoneyBag): Money => money(bag.shopMoney.amount, bag.shopMoney.currencyCode)

/** Canonical Money as a `MoneyBag` in the shop currency. */
export const moneyToBag = (amount: Money): MoneyBag => ({
  shopMoney: { amount: fromMinorUnits(amount.amount, amount.currency), currencyCode: amount.currency },
})

/** Canonical Money as Shopify's `Money` scalar input ("29.95"). */
export const moneyToDecimal = (amount: Money): string => fromMinorUnits(amount.amount, amount.currency)
