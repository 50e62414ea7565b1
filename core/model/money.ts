import { Schema } from "effect"

/** ISO 4217 currency code, upper case. */
export const CurrencyCode = Schema.String.pipe(
  Schema.pattern(/^[A-Z]{3}$/, { message: () => "must be an ISO 4217 currency code, e.g. EUR" }),
  Schema.annotations({ identifier: "CurrencyCode" }),
)
export type CurrencyCode = typeof CurrencyCode.Type

// ISO 4217 minor units that are not 2. Everything else (EUR, USD, GBP, …) has 2.
const MINOR_UNIT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
}

/** How many decimals a currency's minor unit has (JPY 0, EUR 2, KWD 3). */
export const minorUnitDigits = (currency: string): number => MINOR_UNIT_EXCEPTIONS[currency] ?? 2

/**
 * An amount of money: an integer count of the currency's minor unit. Never a float:
 * `{ amount: 1999, currency: "EUR" }` is 19.99 €, `{ amount: 1999, currency: "JPY" }` is ¥1999.
 */
export const Money = Schema.Struct({
  amount: Schema.Int.annotations({ description: "integer amount in the currency's minor unit" }),
  currency: CurrencyCode,
}).annotations({ identifier: "Money" })
export type Money = typeof Money.Type

export class MoneyParseError extends Error {
  override readonly name = "MoneyParseError"
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/**
 * Converts a vendor's decimal amount ("19.99", 19.99, "1000", 12.345) to minor units, exactly.
 * Numbers are read through their shortest decimal form, so 19.99 is 1999, not 1998.9999.
 * Extra digits beyond the currency's precision are rounded half away from zero
 * (vendors send `"19.990000"`; a genuine third decimal on EUR is a vendor rounding).
 */
export const toMinorUnits = (value: string | number, currency: string): number => {
  const text = typeof value === "number" ? numberToDecimalString(value) : value.trim()
  const match = DECIMAL.exec(text)
  if (!match) throw new MoneyParseError(`"${String(value)}" is not a decimal amount`)
  const [, sign, whole = "0", fraction = ""] = match
  const digits = minorUnitDigits(currency)
  const kept = fraction.slice(0, digits).padEnd(digits, "0")
  const rest = fraction.slice(digits)
  let minor = BigInt(whole + kept)
  if (rest.length > 0 && rest.charCodeAt(0) >= 53 /* '5' */) minor += 1n
  const result = Number(sign ? -minor : minor)
  if (!Number.isSafeInteger(result)) throw new MoneyParseError(`"${String(value)}" is too large`)
  return result
}

/** Formats minor units as the decimal string vendors expect ("19.99", "1999" for JPY, "1.500" for KWD). */
export const fromMinorUnits = (amount: number, currency: string): string => {
  // A fractional or unsafe amount is already a bug upstream; printing it would invent digits.
  if (!Number.isSafeInteger(amount)) throw new MoneyParseError(`${amount} is not a whole number of minor units`)
  const digits = minorUnitDigits(currency)
  const negative = amount < 0
  const text = Math.abs(amount)
    .toString()
    .padStart(digits + 1, "0")
  const whole = digits === 0 ? text : text.slice(0, -digits)
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`
  return `${negative ? "-" : ""}${whole}${fraction}`
}

/** Minor units as a JavaScript number in major units, for vendors whose APIs take floats (Odoo). */
export const toMajorNumber = (amount: number, currency: string): number => Number(fromMinorUnits(amount, currency))

/** Builds Money from a vendor decimal. */
export const money = (value: string | number, currency: string): Money => ({
  amount: toMinorUnits(value, currency),
  currency,
})

/** Sums amounts of one currency; throws when currencies differ (a hub invariant, never a conversion). */
export const sumMoney = (currency: string, items: ReadonlyArray<Money>): Money => {
  let amount = 0
  for (const item of items) {
    if (item.currency !== currency) throw new MoneyParseError(`cannot add ${item.currency} to ${currency}`)
    amount += item.amount
  }
  return { amount, currency }
}

const numberToDecimalString = (n: number): string => {
  if (!Number.isFinite(n)) throw new MoneyParseError(`${n} is not a finite amount`)
  const text = String(n)
  if (!/e/i.test(text)) return text
  if (Math.abs(n) >= 1e21) throw new MoneyParseError(`${n} is too large`)
  // Exponent form only for very small or very large numbers; 20 fixed digits cover every currency.
  return n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "")
}
