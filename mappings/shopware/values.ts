/** Conversions the Shopware mappings share: money, taxes, addresses, failures at a JSON path. */
import { Effect, ParseResult, type SchemaAST } from "effect"
import type { CalculatedTax, ShopwareAddress } from "../../connectors/shopware/schemas/common.ts"
import { type Address, type Money, money, type TaxLine, toMajorNumber } from "../../core/model/index.ts"

type TaxLineType = typeof TaxLine.Type

/** A failure at `path` of the record being mapped, for the DLQ's JSON path. */
export const failAt = (
  ast: SchemaAST.AST,
  actual: unknown,
  path: ReadonlyArray<string | number>,
  message: string,
): Effect.Effect<never, ParseResult.ParseIssue> => {
  const issue = new ParseResult.Type(ast, actual, message)
  const [first, ...rest] = path
  return Effect.fail(first === undefined ? issue : new ParseResult.Pointer([first, ...rest], actual, issue))
}

/** A Shopware float amount as Money; Shopware rounds to the currency's decimals already. */
export const moneyOf = (value: number, currency: string): Money => money(value, currency)

/** Money as the float Shopware stores. */
export const floatOf = (amount: Money): number => toMajorNumber(amount.amount, amount.currency)

/** `19` → `19 %`; the title of a canonical tax line. */
const taxTitle = (percent: number): string => `${percent} %`

/** Percent from a canonical fraction without float noise (0.07 → 7). */
export const percentOf = (rate: number): number => Math.round(rate * 10_000) / 100

/** `calculatedTaxes` as canonical tax lines. */
export const taxLinesOf = (taxes: ReadonlyArray<CalculatedTax>, currency: string): Array<TaxLineType> =>
  taxes.map((t) => ({ title: taxTitle(t.taxRate), rate: t.taxRate / 100, amount: moneyOf(t.tax, currency) }))

/** Canonical tax lines as `calculatedTaxes` of a price of `total`. */
export const calculatedTaxesOf = (lines: ReadonlyArray<TaxLineType>, total: Money): Array<CalculatedTax> =>
  lines.map((t) => ({ tax: floatOf(t.amount), taxRate: percentOf(t.rate), price: floatOf(total) }))

/** A Shopware order or customer address as a canonical address. */
export const addressOf = (a: ShopwareAddress): Address => ({
  firstName: a.firstName,
  lastName: a.lastName,
  ...(a.company ? { company: a.company } : {}),
  line1: a.street,
  ...(a.additionalAddressLine1 ? { line2: a.additionalAddressLine1 } : {}),
  city: a.city,
  ...(a.zipcode ? { postalCode: a.zipcode } : {}),
  ...(a.countryState?.name ? { region: a.countryState.name } : {}),
  countryCode: a.country.iso,
  ...(a.phoneNumber ? { phone: a.phoneNumber } : {}),
})

/** A canonical address as a Shopware address with id `id`. */
export const shopwareAddressOf = (id: string, a: Address): ShopwareAddress => ({
  id,
  firstName: a.firstName ?? "",
  lastName: a.lastName ?? "",
  company: a.company ?? null,
  street: a.line1,
  additionalAddressLine1: a.line2 ?? null,
  zipcode: a.postalCode ?? null,
  city: a.city,
  phoneNumber: a.phone ?? null,
  country: { iso: a.countryCode },
  countryState: a.region === undefined ? null : { name: a.region },
})

/** Shopware's timestamp format for an instant (`…+00:00`). */
export const shopwareTime = (instant: string): string => instant.replace(/Z$/, "+00:00")

/** A locale as Shopware's locale codes have it (`de-DE`, `en-GB`): a bare language gets its usual region. */
export const shopwareLocale = (locale: string): string => {
  if (locale.includes("-")) return locale
  const usual: Readonly<Record<string, string>> = { de: "de-DE", en: "en-GB", fr: "fr-FR", it: "it-IT", nl: "nl-NL" }
  return usual[locale] ?? `${locale}-${locale.toUpperCase()}`
}
