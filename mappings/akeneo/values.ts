/**
 * Akeneo values ⇄ canonical fields: locale codes (`de_DE` ⇄ `de-DE`), localized texts, metric
 * weights, option labels, images, and the attribute roles (which codes hold name, description,
 * brand, GTIN, weight) from the connector's `akeneo.attributes` lookup table.
 */
import { Schema } from "effect"
import type { ProductValue, ProductValues } from "../../connectors/akeneo/schemas/values.ts"
import { isLinkedData, isMetricData, isStringList } from "../../connectors/akeneo/schemas/values.ts"
import type { MappingContextShape } from "../../core/mapping/index.ts"
import { type AttributeValue, type LocalizedText, pickLocale } from "../../core/model/index.ts"

/** The lookup table the connector fills from its `attributes` option. */
export const attributesTable = "akeneo.attributes"

export interface Roles {
  readonly name: string
  readonly description: string
  readonly brand: string
  readonly gtin: string
  readonly weight: string
}

/** The attribute codes of the canonical fields, from the lookup table or Akeneo's usual codes. */
export const rolesOf = (ctx: MappingContextShape): Roles => ({
  name: ctx.lookup(attributesTable, "name") ?? "name",
  description: ctx.lookup(attributesTable, "description") ?? "description",
  brand: ctx.lookup(attributesTable, "brand") ?? "brand",
  gtin: ctx.lookup(attributesTable, "gtin") ?? "ean",
  weight: ctx.lookup(attributesTable, "weight") ?? "weight",
})

/** `de_DE` → `de-DE`. */
export const toBcp47 = (locale: string): string => locale.replace(/_/g, "-")
/** `de-DE` → `de_DE`. */
export const toAkeneoLocale = (locale: string): string => locale.replace(/-/g, "_")

/** The values of `code` for the channel: unscoped ones and those of `scope`. */
export const valuesOf = (values: ProductValues, code: string, scope: string): ReadonlyArray<ProductValue> =>
  (values[code] ?? []).filter((v) => v.scope === null || v.scope === scope)

/** A text attribute's values as a LocalizedText; an unlocalized text counts for `fallbackLocale`. */
export const localizedOf = (entries: ReadonlyArray<ProductValue>, fallbackLocale: string): LocalizedText => {
  const text: Record<string, string> = {}
  for (const entry of entries) {
    if (typeof entry.data !== "string" || entry.data === "") continue
    text[entry.locale === null ? fallbackLocale : toBcp47(entry.locale)] = entry.data
  }
  return text
}

/** LocalizedText as Akeneo values (one per locale) in `scope`. */
export const localizedValues = (text: LocalizedText, scope: string | null): Array<ProductValue> =>
  Object.entries(text).map(([locale, data]) => ({ locale: toAkeneoLocale(locale), scope, data }))

/** The label in `locale` (or the closest one) of Akeneo labels keyed by Akeneo locale. */
export const labelIn = (labels: Readonly<Record<string, string | null>>, locale: string): string | undefined => {
  const text: Record<string, string> = {}
  for (const [akeneoLocale, label] of Object.entries(labels)) if (label) text[toBcp47(akeneoLocale)] = label
  return pickLocale(text, locale)
}

/** A select value's label in `locale` (from `linked_data`), else its code; a text as it is. */
export const labelOf = (entry: ProductValue | undefined, locale: string): string | undefined => {
  if (entry === undefined) return undefined
  const label = isLinkedData(entry.linked_data) ? labelIn(entry.linked_data.labels, locale) : undefined
  return label ?? (typeof entry.data === "string" ? entry.data : undefined)
}

export const weightUnits = [
  ["GRAM", "g"],
  ["KILOGRAM", "kg"],
  ["POUND", "lb"],
  ["OUNCE", "oz"],
] as const

/** A metric weight as canonical `{ value, unit }`; undefined when absent, an error for a unit we cannot express. */
export const weightOf = (
  entry: ProductValue | undefined,
): { value: number; unit: "g" | "kg" | "lb" | "oz" } | undefined => {
  if (entry === undefined || !isMetricData(entry.data)) return undefined
  const amount = Number(entry.data.amount)
  if (!Number.isFinite(amount))
    throw new RangeError(`weight amount ${JSON.stringify(entry.data.amount)} is not a number`)
  const unit = entry.data.unit
  if (unit === "MILLIGRAM") return { value: amount / 1000, unit: "g" }
  if (unit === "TON") return { value: amount * 1000, unit: "kg" }
  const known = weightUnits.find(([akeneo]) => akeneo === unit)
  if (known === undefined) throw new RangeError(`weight unit ${unit} has no canonical equivalent (g, kg, lb, oz)`)
  return { value: amount, unit: known[1] }
}

/** A canonical weight as Akeneo metric data. */
export const metricOf = (weight: { value: number; unit: string }): { amount: number; unit: string } => ({
  amount: weight.value,
  unit: weightUnits.find(([, unit]) => unit === weight.unit)?.[0] ?? "GRAM",
})

const isLocalizedText = Schema.is(Schema.Record({ key: Schema.String, value: Schema.String }))

/** Any other attribute's values as a typed canonical attribute; undefined for what has no canonical form (prices, tables). */
export const attributeValueOf = (
  entries: ReadonlyArray<ProductValue>,
  fallbackLocale: string,
): AttributeValue | undefined => {
  if (entries.some((e) => e.locale !== null)) {
    const text = localizedOf(entries, fallbackLocale)
    return Object.keys(text).length === 0 ? undefined : text
  }
  const data = entries[0]?.data
  if (typeof data === "string" || typeof data === "number" || typeof data === "boolean") return data
  if (isStringList(data)) return [...data]
  if (isMetricData(data)) return `${data.amount} ${data.unit}`
  return undefined
}

/** A canonical attribute as Akeneo values. */
export const attributeValues = (value: AttributeValue): Array<ProductValue> => {
  if (typeof value === "object" && !Array.isArray(value) && isLocalizedText(value)) return localizedValues(value, null)
  return [{ locale: null, scope: null, data: Array.isArray(value) ? [...value] : value }]
}

/** The media file link of an image value, if it is one. */
export const imageUrlOf = (entry: ProductValue, mediaBaseUrl?: string): string | undefined => {
  if (entry._links === undefined) return undefined
  // Akeneo's download link needs an API token, so a shop or marketplace cannot fetch it; where
  // the PIM's media files are published (a CDN), the public URL of the same file is used instead.
  return mediaBaseUrl !== undefined && typeof entry.data === "string"
    ? `${mediaBaseUrl}/${entry.data}`
    : entry._links.download.href
}

/** The lookup table the connector fills from its `mediaBaseUrl` option (key `baseUrl`). */
export const mediaTable = "akeneo.media"

/** Where the PIM's media files are published, if the config says so. */
export const mediaBaseUrlOf = (ctx: MappingContextShape): string | undefined => ctx.lookup(mediaTable, "baseUrl")

/** An image URL back as an image value (the media file code when the URL is Akeneo's download link). */
export const imageValue = (url: string, mediaBaseUrl?: string): ProductValue => ({
  locale: null,
  scope: null,
  data:
    mediaBaseUrl !== undefined && url.startsWith(`${mediaBaseUrl}/`)
      ? url.slice(mediaBaseUrl.length + 1)
      : (/\/media-files\/(.+)\/download$/.exec(url)?.[1] ?? url),
  _links: { download: { href: url } },
})
