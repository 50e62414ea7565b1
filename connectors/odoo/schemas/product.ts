/** Raw product records: product.template, product.product and their attribute values. */
import { Schema } from "effect"
import { Char, Many2one, Many2oneRef, OdooDatetime, OdooId, X2many } from "./fields.ts"

export const TEMPLATE_FIELDS = [
  "name",
  "default_code",
  "description_sale",
  "categ_id",
  "type",
  "sale_ok",
  "active",
  "weight_uom_name",
  "write_date",
] as const

/** `product.template` as `search_read` returns TEMPLATE_FIELDS. */
export const ProductTemplateRecord = Schema.Struct({
  id: OdooId,
  name: Schema.String,
  /** Set on the template only when it has a single variant (Odoo computes it from that variant). */
  default_code: Char,
  description_sale: Char,
  categ_id: Many2one,
  type: Schema.String,
  sale_ok: Schema.Boolean,
  active: Schema.Boolean,
  weight_uom_name: Char,
  write_date: OdooDatetime,
})

export const VARIANT_FIELDS = [
  "product_tmpl_id",
  "default_code",
  "barcode",
  "weight",
  "active",
  "product_template_attribute_value_ids",
  "write_date",
] as const

/** `product.product` as `search_read` returns VARIANT_FIELDS. */
export const ProductVariantRecord = Schema.Struct({
  id: OdooId,
  product_tmpl_id: Many2oneRef,
  default_code: Char,
  barcode: Char,
  weight: Schema.Number,
  active: Schema.Boolean,
  product_template_attribute_value_ids: X2many,
  write_date: OdooDatetime,
})

export const ATTRIBUTE_VALUE_FIELDS = ["attribute_id", "name"] as const

/** `product.template.attribute.value`: one value of one attribute on one template. */
export const AttributeValueRecord = Schema.Struct({
  id: OdooId,
  attribute_id: Many2oneRef,
  name: Schema.String,
})

/** An option a variant has: the attribute's name and the value's. */
export const VariantOption = Schema.Struct({ attribute: Schema.String, value: Schema.String })

/**
 * What the products stream yields: a template with its variants (archived ones included) and
 * their options, the configured product number field's value, and `changed_at`, the latest write_date of the template and its variants.
 */
export const OdooProduct = Schema.Struct({
  ...ProductTemplateRecord.fields,
  /** The value of the configured `productNumberField`, when one is configured. */
  product_number: Schema.optional(Char),
  variants: Schema.Array(Schema.Struct({ ...ProductVariantRecord.fields, options: Schema.Array(VariantOption) })),
  changed_at: OdooDatetime,
})
export type OdooProduct = typeof OdooProduct.Type
