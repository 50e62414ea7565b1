import { Schema } from "effect"
import { Locale } from "./primitives.ts"

/** Text shown to shoppers, per BCP 47 locale: `{ "de-DE": "Hemd", "en": "Shirt" }`. */
export const LocalizedText = Schema.Record({ key: Locale, value: Schema.String }).annotations({
  identifier: "LocalizedText",
})
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
