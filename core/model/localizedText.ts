import { Schema } from "effect"
import { LOCALE_PATTERN } from "./primitives.ts"

// The Locale schema's pattern as a plain test: Schema.is(Locale) interprets the schema per key.
const isLocale = (s: string) => LOCALE_PATTERN.test(s)

/**
 * Text shown to shoppers, per BCP 47 locale: `{ "de-DE": "Hemd", "en": "Shirt" }`.
 * The keys are checked by a filter, not by the record's key schema: a key schema silently drops
 * keys it does not accept, so `{ "de_DE": "Hemd" }` would decode to `{}` and lose the text.
 */
export const LocalizedText = Schema.Record({ key: Schema.String, value: Schema.String })
  .pipe(
    Schema.filter((text) => {
      const bad = Object.keys(text).find((key) => !isLocale(key))
      return bad === undefined || { path: [bad], message: `"${bad}" is not a BCP 47 language tag, e.g. de-DE` }
    }),
  )
  .annotations({ identifier: "LocalizedText" })
export type LocalizedText = typeof LocalizedText.Type

/** Picks the best text for a locale: exact, then language only (`de` for `de-AT`), then any. */
export const pickLocale = (text: LocalizedText | undefined, locale: string): string | undefined => {
  if (!text) return undefined
  if (text[locale] !== undefined) return text[locale]
  const language = locale.split("-")[0] ?? locale
  if (text[language] !== undefined) return text[language]
  const sameLanguage = Object.keys(text).find((key) => key.split("-")[0] === language)
  if (sameLanguage !== undefined) return text[sameLanguage]
  return Object.values(text)[0]
}
