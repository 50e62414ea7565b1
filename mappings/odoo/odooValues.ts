/**
 * Odoo values on their way to and from the canonical model: floats ↔ minor units by the
 * currency's digits (never float arithmetic on money), `false` ↔ absent, datetimes ↔ instants,
 * and failures that point at the vendor field to fix.
 */
import { Effect, ParseResult, type SchemaAST } from "effect"
import { fromOdooDatetime, toOdooDatetime } from "../../connectors/odoo/schemas/fields.ts"
import { type Money, MoneyParseError, toMajorNumber, toMinorUnits } from "../../core/model/index.ts"

export { fromOdooDatetime as instantOf, toOdooDatetime as odooDatetimeOf }

/** Fails the mapping at `path` of the input record, naming the problem and what to do. */
export const failAt = (
  ast: SchemaAST.AST,
  actual: unknown,
  path: ParseResult.Path,
  message: string,
): Effect.Effect<never, ParseResult.ParseIssue> =>
  Effect.fail(new ParseResult.Pointer(path, actual, new ParseResult.Type(ast, actual, message)))

/** An Odoo float amount in minor units of `currency`, or a failure at `path`. */
export const minorUnits = (
  ast: SchemaAST.AST,
  value: number,
  currency: string,
  path: ParseResult.Path,
): Effect.Effect<number, ParseResult.ParseIssue> =>
  Effect.try({
    try: () => toMinorUnits(value, currency),
    catch: (error) =>
      new ParseResult.Pointer(
        path,
        value,
        new ParseResult.Type(ast, value, error instanceof MoneyParseError ? error.message : String(error)),
      ),
  })

/** Money from an Odoo float amount. */
export const moneyOf = (
  ast: SchemaAST.AST,
  value: number,
  currency: string,
  path: ParseResult.Path,
): Effect.Effect<Money, ParseResult.ParseIssue> =>
  minorUnits(ast, value, currency, path).pipe(Effect.map((amount) => ({ amount, currency })))

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
