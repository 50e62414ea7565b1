/**
 * Odoo values on their way to and from the canonical model: floats ↔ minor units by the
 * currency's digits (never float arithmetic on money), `false` ↔ absent, datetimes ↔ instants,
 * and failures that point at the vendor field to fix.
 */
import { Effect, Either, ParseResult, type SchemaAST } from "effect"
import { fromOdooDatetime, toOdooDatetime } from "../../connectors/odoo/schemas/fields.ts"
import {
  daysInMonth,
  digitsAt,
  type Money,
  MoneyParseError,
  toMajorNumber,
  toMinorUnits,
} from "../../core/model/index.ts"

export { toOdooDatetime as odooDatetimeOf }

/**
 * Odoo datetime (UTC, no marker) → hub instant: `2026-03-02 09:15:00` → `2026-03-02T09:15:00Z`.
 * A real `YYYY-MM-DD HH:MM:SS` (year 1000 on) is that text with `T` and `Z`, which is what
 * `fromOdooDatetime` makes of it, without its Date round trip (once per record on every page);
 * anything else goes through `fromOdooDatetime`, which also says what is wrong.
 */
export const instantOf = (value: string): string => {
  if (
    value.length === 19 &&
    value[4] === "-" &&
    value[7] === "-" &&
    value[10] === " " &&
    value[13] === ":" &&
    value[16] === ":"
  ) {
    const year = digitsAt(value, 0, 4)
    const month = digitsAt(value, 5, 2)
    const day = digitsAt(value, 8, 2)
    const hour = digitsAt(value, 11, 2)
    const minute = digitsAt(value, 14, 2)
    const second = digitsAt(value, 17, 2)
    if (
      year >= 1000 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59
    ) {
      return `${value.slice(0, 10)}T${value.slice(11)}Z`
    }
  }
  return fromOdooDatetime(value)
}

/** The issue at `path` of the input record, naming the problem and what to do. */
export const issueAt = (
  ast: SchemaAST.AST,
  actual: unknown,
  path: ParseResult.Path,
  message: string,
): ParseResult.ParseIssue => new ParseResult.Pointer(path, actual, new ParseResult.Type(ast, actual, message))

/** Fails the mapping at `path` of the input record, naming the problem and what to do. */
export const failAt = (
  ast: SchemaAST.AST,
  actual: unknown,
  path: ParseResult.Path,
  message: string,
): Effect.Effect<never, ParseResult.ParseIssue> => Effect.fail(issueAt(ast, actual, path, message))

/**
 * An Odoo float amount in minor units of `currency`, or a failure at `path`. An Either: a
 * mapping body can return its failure as it is, and `yield*` it in an Effect.gen.
 */
export const minorUnits = (
  ast: SchemaAST.AST,
  value: number,
  currency: string,
  path: ParseResult.Path,
): Either.Either<number, ParseResult.ParseIssue> => {
  try {
    return Either.right(toMinorUnits(value, currency))
  } catch (error) {
    return Either.left(
      new ParseResult.Pointer(
        path,
        value,
        new ParseResult.Type(ast, value, error instanceof MoneyParseError ? error.message : String(error)),
      ),
    )
  }
}

/** Money from an Odoo float amount. */
export const moneyOf = (
  ast: SchemaAST.AST,
  value: number,
  currency: string,
  path: ParseResult.Path,
): Either.Either<Money, ParseResult.ParseIssue> =>
  Either.map(minorUnits(ast, value, currency, path), (amount) => ({ amount, currency }))

/** Money as the float Odoo takes. */
export const floatOf = (money: { readonly amount: number; readonly currency: string }): number =>
  toMajorNumber(money.amount, money.currency)

/** Odoo stores quantities as floats; a whole count is one within Odoo's 4-decimal precision. */
export const wholeNumber = (value: number): number | undefined => {
  const rounded = Math.round(value * 10_000) / 10_000
  return Number.isInteger(rounded) ? rounded : undefined
}

/** A char value, trimmed, or undefined for `false` and blanks. */
export const textOf = (value: string | false): string | undefined => {
  if (value === false) return undefined
  const trimmed = value.trim()
  return trimmed === "" ? undefined : trimmed
}

/** `undefined` → `false`, the way Odoo writes an empty value. */
export const orFalse = <A>(value: A | undefined): A | false => (value === undefined ? false : value)

/** Plain text of an Odoo HTML field (`note` is HTML since Odoo 16). */
export const plainText = (html: string | false): string | undefined =>
  textOf(
    html === false
      ? false
      : html
          .replace(/<br\s*\/?>/gi, "\n")
          .replace(/<\/p>\s*<p[^>]*>/gi, "\n")
          .replace(/<[^>]+>/g, "")
          .replace(/&nbsp;/g, " ")
          .replace(/&amp;/g, "&")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">"),
  )
