/**
 * The feeds of the sandbox's export files, as a German ERP writes them: articles as UTF-8 CSV,
 * prices as Windows-1252 CSV with decimal commas and German dates, stock as JSON Lines.
 * Use them as `files({ location, feeds: filesSandboxFeeds })`.
 */
import type { FeedInput } from "../config.ts"

const germanDates = {
  decimalSeparator: ",",
  thousandsSeparator: ".",
  dateFormat: "dd.MM.yyyy HH:mm",
  timeZone: "Europe/Berlin",
} as const

export const filesSandboxFeeds: {
  readonly products: FeedInput
  readonly prices: FeedInput
  readonly stock: FeedInput
} = {
  products: {
    pattern: "artikel-*.csv",
    format: { kind: "csv", delimiter: ";", encoding: "utf-8" },
    columns: {
      productNumber: "Artikelnummer",
      sku: "Variante",
      title: "Bezeichnung",
      variantTitle: "Variantenbezeichnung",
      description: "Beschreibung",
      brand: "Marke",
      category: "Warengruppe",
      "option:Size": "Größe",
      "option:Color": "Farbe",
      gtin: "EAN",
      weightKg: "Gewicht kg",
      status: "Status",
      updatedAt: "Geändert am",
    },
    values: germanDates,
  },
  prices: {
    pattern: "preise-*.csv",
    format: { kind: "csv", delimiter: ";", encoding: "latin1" },
    columns: {
      sku: "Artikelnummer",
      amount: "VK brutto",
      compareAtAmount: "Streichpreis",
      currency: "Währung",
      priceList: "Preisliste",
      minQuantity: "ab Menge",
      updatedAt: "Geändert am",
    },
    values: germanDates,
  },
  stock: {
    pattern: "bestand-*.jsonl",
    format: { kind: "jsonl" },
    columns: {
      sku: "artikel",
      locationCode: "lager",
      onHand: "bestand",
      reserved: "reserviert",
      safetyStock: "sicherheitsbestand",
      incoming: "zulauf",
      updatedAt: "stand",
    },
  },
}
