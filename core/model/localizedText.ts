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
      // A loop, not Object.keys().find(): this runs for every text of every record.
      for (const key in text) {
        if (Object.hasOwn(text, key) && !isLocale(key)) {
          return { path: [key], message: `"${key}" is not a BCP 47 language tag, e.g. de-DE` }
        }
      }
      return true
    }),
  )
  .annotations({ identifier: "LocalizedText" })
export type LocalizedText = typeof LocalizedText.Type

/**
 * A text in one locale: `textIn("de-DE", "Hemd")` is `{ "de-DE": "Hemd" }`. Built by assignment:
 * an object literal with a computed key (`{ [locale]: text }`) takes V8 several times as long, and
 * mappings make one or two per record.
 */
export const textIn = (locale: string, text: string): LocalizedText => {
  const localized: Record<string, string> = {}
  localized[locale] = text
  return localized
}

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
