/** Raw product records: product.template, product.product, and what the products and prices streams yield. */
import { Schema } from "effect"
import { Char, TrytonBoolean, TrytonDateTime, TrytonDecimal, TrytonId } from "./values.ts"

export const TEMPLATE_FIELDS = [
  "name",
  "code",
  "type",
  "salable",
  "active",
  "list_price",
  "create_date",
  "write_date",
] as const

/** `product.template` as `search_read` returns TEMPLATE_FIELDS (Tryton 6.0). */
export const TemplateRecord = Schema.Struct({
  id: TrytonId,
  name: Schema.String,
  /** The template's code; a variant's code is this plus its `suffix_code`. */
  code: Char,
  /** `goods`, `assets` or `service`. */
  type: Schema.String,
  salable: TrytonBoolean,
  active: TrytonBoolean,
  list_price: TrytonDecimal,
  create_date: TrytonDateTime,
  write_date: Schema.NullOr(TrytonDateTime),
})
export type TemplateRecord = typeof TemplateRecord.Type

export const VARIANT_FIELDS = [
  "template",
  "code",
  "suffix_code",
  "description",
  "active",
  "create_date",
  "write_date",
] as const

/** `product.product` as `search_read` returns VARIANT_FIELDS. */
export const VariantRecord = Schema.Struct({
  id: TrytonId,
  template: TrytonId,
  /** Computed by Tryton: template code + suffix code; the SKU. `null` when both are empty. */
  code: Char,
  suffix_code: Char,
  description: Char,
  active: TrytonBoolean,
  create_date: TrytonDateTime,
  write_date: Schema.NullOr(TrytonDateTime),
})
export type VariantRecord = typeof VariantRecord.Type

/** What the products stream yields: a template with its variants, at its latest change. */
export const TrytonProduct = Schema.Struct({
  ...TemplateRecord.fields,
  variants: Schema.Array(VariantRecord),
  /** The latest `write_date ?? create_date` of the template and its variants (hub instant). */
  changed_at: Schema.String,
})
export type TrytonProduct = typeof TrytonProduct.Type

/** What the prices stream yields: one variant's sale price (its template's `list_price`). */
export const TrytonListPrice = Schema.Struct({
  /** The product.product id. */
  id: TrytonId,
  template: TrytonId,
  code: Char,
  list_price: TrytonDecimal,
  /** The company currency's ISO code. */
  currency: Schema.String,
  /** The latest change of the template or the variant (hub instant). */
  changed_at: Schema.String,
})
export type TrytonListPrice = typeof TrytonListPrice.Type
