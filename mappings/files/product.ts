/**
 * `product` ⇄ consecutive rows of the products feed with one `productNumber`: one row per
 * variant (`sku` required). Product-level fields (`title`, `description`, `brand`, `category`,
 * `status`, `attribute:<name>`) come from the first row; `option:<name>` columns (e.g.
 * `option:Size` → "Größe") are the variant's options. Texts are in the system's locale.
 */
import { Effect, Schema } from "effect"
import { FileRecord } from "../../connectors/files/schemas/record.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import {
  type LocalizedText,
  Product,
  type ProductStatus,
  pickLocale,
  textIn,
  type Variant,
} from "../../core/model/index.ts"
import {
  type CellRef,
  decimalCell,
  decimalOf,
  exportOptions,
  exportRecord,
  failAt,
  formatDate,
  parsedRow,
  requiredText,
  textOf,
  updatedAtOf,
} from "./values.ts"

const STATUS: Readonly<Record<string, ProductStatus>> = {
  active: "active",
  aktiv: "active",
  "1": "active",
  draft: "draft",
  entwurf: "draft",
  archived: "archived",
  archiviert: "archived",
  inaktiv: "archived",
  inactive: "archived",
  gesperrt: "archived",
  "0": "archived",
}

const statusOf = (at: CellRef, fallback: ProductStatus) => {
  const text = textOf(at, "status")?.toLowerCase()
  if (text === undefined) return Effect.succeed(fallback)
  const status = STATUS[text]
  return status === undefined
    ? failAt(at, "status", `"${text}" is not a status (aktiv/active, entwurf/draft, inaktiv/archived)`)
    : Effect.succeed(status)
}

const prefixed = (at: CellRef, prefix: string): Array<[string, string]> =>
  Object.keys(at.row.values)
    .filter((field) => field.startsWith(prefix))
    .flatMap((field) => {
      const text = textOf(at, field)
      return text === undefined ? [] : [[field.slice(prefix.length), text] as [string, string]]
    })

export const productRead = Schema.transformOrFail(FileRecord, Product, {
  strict: true,
  decode: (record, _options, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const head: CellRef = { ast, record, row: record.rows[0] }
      yield* parsedRow(head)
      const productNumber = yield* requiredText(head, "productNumber", "a product number")
      const title = yield* requiredText(head, "title", "a product title")
      const text = (value: string): LocalizedText => textIn(defaults.locale, value)
      const status = yield* statusOf(head, "active")
      const variants: Variant[] = []
      let updatedAt = yield* updatedAtOf(head)
      for (const [index, row] of record.rows.entries()) {
        const at: CellRef = { ast, record, row }
        yield* parsedRow(at)
        const sku = yield* requiredText(at, "sku", "a variant SKU")
        const gtin = textOf(at, "gtin")
        if (gtin !== undefined && !/^(\d{8}|\d{12,14})$/.test(gtin)) {
          return yield* failAt(at, "gtin", `"${gtin}" is not a GTIN of 8, 12, 13 or 14 digits`)
        }
        const weight = yield* decimalOf(at, "weightKg")
        const variantTitle = textOf(at, "variantTitle")
        const rowUpdated = yield* updatedAtOf(at)
        if (Date.parse(rowUpdated) > Date.parse(updatedAt)) updatedAt = rowUpdated
        variants.push({
          sku,
          ...(gtin === undefined ? {} : { gtin }),
          ...(variantTitle === undefined ? {} : { title: text(variantTitle) }),
          options: prefixed(at, "option:").map(([name, value]) => ({ name, value })),
          ...(weight === undefined ? {} : { weight: { value: Number(weight), unit: "kg" as const } }),
          status: index === 0 ? status : yield* statusOf(at, status),
          position: index,
        })
      }
      const [first, ...rest] = variants
      if (first === undefined) return yield* failAt(head, undefined, "has no variant rows")
      const description = textOf(head, "description")
      const brand = textOf(head, "brand")
      const category = textOf(head, "category")
      return {
        productNumber,
        title: text(title),
        ...(description === undefined ? {} : { description: text(description) }),
        ...(brand === undefined ? {} : { brand }),
        categories: category === undefined ? [] : [category],
        media: [],
        status,
        attributes: Object.fromEntries(prefixed(head, "attribute:")),
        variants: [first, ...rest],
        updatedAt,
      }
    }),
  encode: (product) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const { json, options } = yield* exportOptions("product")
      const localized = (t: LocalizedText | undefined) => pickLocale(t, defaults.locale)
      const title = localized(product.title) ?? product.productNumber
      const description = localized(product.description)
      const attributes = Object.entries(product.attributes).flatMap(([name, value]) =>
        typeof value === "string" ? [[`attribute:${name}`, value] as const] : [],
      )
      return exportRecord(
        product.updatedAt,
        product.variants.map((variant, index) => {
          const variantTitle = localized(variant.title)
          return {
            productNumber: product.productNumber,
            sku: variant.sku,
            title,
            ...(variantTitle === undefined ? {} : { variantTitle }),
            ...(description === undefined ? {} : { description }),
            ...(product.brand === undefined ? {} : { brand: product.brand }),
            ...(product.categories[0] === undefined ? {} : { category: product.categories[0] }),
            status: index === 0 ? product.status : variant.status,
            ...(variant.gtin === undefined ? {} : { gtin: variant.gtin }),
            ...(variant.weight?.unit === "kg"
              ? { weightKg: decimalCell(String(variant.weight.value), json, options) }
              : {}),
            ...Object.fromEntries(variant.options.map((o) => [`option:${o.name}`, o.value])),
            ...(index === 0 ? Object.fromEntries(attributes) : {}),
            updatedAt: formatDate(product.updatedAt, options),
          }
        }),
        options,
      )
    }),
})

export const productMapping = defineMapping<"product", typeof FileRecord.Encoded, typeof FileRecord.Encoded>({
  entity: "product",
  read: productRead,
  write: productRead,
})
