/**
 * Tryton values on their way to and from the canonical model: Decimals ↔ minor units (never
 * float arithmetic on money), `null` ↔ absent, datetimes ↔ instants, quantities as whole
 * numbers, and failures that point at the vendor field to fix.
 */
import { Effect, ParseResult, type SchemaAST } from "effect"
import { fromMinorUnits, type Money, MoneyParseError, toMinorUnits } from "../../core/model/index.ts"

/** Fails the mapping at `path` of the input record, naming the problem and what to do. */
export const failAt = (
  ast: SchemaAST.AST,
  actual: unknown,
  path: ParseResult.Path,
  message: string,
): Effect.Effect<never, ParseResult.ParseIssue> =>
  Effect.fail(new ParseResult.Pointer(path, actual, new ParseResult.Type(ast, actual, message)))

/** Money from a Tryton Decimal string, or a failure at `path`. */
export const moneyOf = (
  ast: SchemaAST.AST,
  value: string,
  currency: string,
  path: ParseResult.Path,
): Effect.Effect<Money, ParseResult.ParseIssue> =>
  Effect.try({
    try: () => ({ amount: toMinorUnits(value, currency), currency }),
    catch: (error) =>
      new ParseResult.Pointer(
        path,
        value,
        new ParseResult.Type(ast, value, error instanceof MoneyParseError ? error.message : String(error)),
      ),
  })

/** Money as the Decimal string Tryton takes. */
export const decimalOf = (money: Money): string => fromMinorUnits(money.amount, money.currency)

/** Tryton keeps quantities as floats in the product's unit; a whole count is one within 4 decimals. */
export const wholeNumber = (value: number): number | undefined => {
  const rounded = Math.round(value * 10_000) / 10_000
  return Number.isInteger(rounded) ? rounded : undefined
}

/** A char value, trimmed, or undefined for `null` and blanks. */
export const textOf = (value: string | null | undefined): string | undefined => {
  if (value === null || value === undefined) return undefined
  const trimmed = value.trim()
  return trimmed === "" ? undefined : trimmed
}

/** `undefined` → `null`, the way Tryton sends an empty value. */
export const orNull = <A>(value: A | undefined): A | null => (value === undefined ? null : value)

// Legal forms that mark a party name as a company's rather than a person's.
const LEGAL_FORM =
  /\b(GmbH|AG|KG|OHG|UG|SE|e\.\s?K\.|Ltd\.?|Limited|LLC|Inc\.?|Corp\.?|PLC|S\.?A\.?S?|SARL|S\.?r\.?l\.?|B\.?V\.?|N\.?V\.?|Oy|AB|ApS|A\/S)$/i

/** A party name read as a company (legal form at the end) or a person (last word = last name). */
export const splitPartyName = (
  name: string,
): { readonly company?: string; readonly firstName?: string; readonly lastName?: string } => {
  const trimmed = name.trim().replace(/\s+/g, " ")
  if (LEGAL_FORM.test(trimmed)) return { company: trimmed }
  const space = trimmed.lastIndexOf(" ")
  return space < 0 ? { lastName: trimmed } : { firstName: trimmed.slice(0, space), lastName: trimmed.slice(space + 1) }
}

/** A person's or company's name as one party name. */
export const joinName = (parts: {
  readonly firstName?: string | undefined
  readonly lastName?: string | undefined
}): string | undefined => textOf([parts.firstName, parts.lastName].filter((p) => p !== undefined).join(" "))
